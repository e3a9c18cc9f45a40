package org.tinybirdmaven.server.datasource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Index;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.http.ApiException;

/**
 * The changes {@code POST /v0/datasources/{name}/alter} asks for, as ClickHouse {@code ALTER TABLE} operations:
 * columns added at the end of the schema ({@code ADD COLUMN}; any other schema change is refused), jsonpath changes
 * of existing columns (catalog only), the table TTL ({@code MODIFY TTL} / {@code REMOVE TTL} for {@code ttl=false})
 * and data-skipping indexes ({@code DROP INDEX} / {@code ADD INDEX}, a changed index being dropped and added).
 *
 * @param columnOperations {@code ADD COLUMN ...} operations, in schema order
 * @param engineOperations TTL operations
 * @param indexOperations  index operations
 * @param addedColumns     the columns the schema adds
 * @param updated          the datasource as it is after the alteration (same as before when nothing changes)
 * @param jsonpathsChanged whether only the catalog changes for some column (its jsonpath)
 */
record Alteration(List<String> columnOperations, List<String> engineOperations, List<String> indexOperations,
                  List<Column> addedColumns, DatasourceRecord updated, boolean jsonpathsChanged) {

    /** Everything done to the table, in the order of the response: columns, engine, indexes. */
    List<String> operations() {
        List<String> operations = new ArrayList<>(columnOperations);
        operations.addAll(engineOperations);
        operations.addAll(indexOperations);
        return operations;
    }

    /**
     * @param schema  the whole new column list, or null to keep the columns
     * @param ttl     the new TTL, {@code false} to remove it, or null/empty to keep it
     * @param indexes the new index list ({@code 0} for none), or null to keep them
     */
    static Alteration of(DatasourceRecord current, String schema, String ttl, String indexes) {
        DatasourceDefinition definition = DatasourceDefinition.of(current);
        List<String> columnOperations = new ArrayList<>();
        List<Column> added = new ArrayList<>();
        List<Column> columns = definition.columns();
        String format = current.format();
        boolean jsonpathsChanged = false;
        if (schema != null && !schema.isBlank()) {
            String engine = current.engine();
            if (!engine.endsWith("MergeTree") && !engine.equals("Null")) {
                throw ApiException.badRequest("The data source engine (" + engine + ") is not supported. Schema"
                        + " modifications are only supported for the Null engine and the engines from the MergeTree"
                        + " family.");
            }
            List<Column> requested = DatasourceDefinition.parseSchema(schema);
            jsonpathsChanged = compare(columns, requested);
            for (Column column : requested.subList(columns.size(), requested.size())) {
                added.add(column);
                columnOperations.add("ADD COLUMN " + DatasourceDefinition.columnSql(column));
            }
            if (format.equals(DatasourceDefinition.NDJSON)
                    || requested.stream().anyMatch(column -> column.jsonpath() != null)) {
                DatasourceDefinition.checkJsonColumns(requested);
                format = DatasourceDefinition.NDJSON;
            }
            columns = requested;
        }
        Map<String, String> settings = new LinkedHashMap<>(current.engineSettings());
        List<String> engineOperations = new ArrayList<>();
        String currentTtl = settings.get("ttl");
        if (ttl != null && ttl.equalsIgnoreCase("false")) {
            if (currentTtl != null) {
                engineOperations.add("REMOVE TTL");
                settings.remove("ttl");
            }
        } else if (ttl != null && !ttl.isBlank() && !ttl.strip().equals(currentTtl)) {
            engineOperations.add("MODIFY TTL " + ttl.strip());
            settings.put("ttl", ttl.strip());
        }
        List<Index> newIndexes = definition.indexes();
        List<String> indexOperations = new ArrayList<>();
        if (indexes != null) {
            newIndexes = indexes.strip().equals("0") ? List.of() : DatasourceDefinition.parseIndexes(indexes);
            indexOperations = indexOperations(definition.indexes(), newIndexes);
        }
        DatasourceRecord updated = new DatasourceRecord(current.id(), current.name(), current.description(),
                DatasourceDefinition.schemaOf(columns), format, current.engine(), settings,
                newIndexes.stream().map(Index::toSql).reduce((a, b) -> a + "\n" + b).orElse(""), current.tags(),
                current.sharedWith(), current.createdAt(), current.updatedAt());
        return new Alteration(columnOperations, engineOperations, indexOperations, added, updated, jsonpathsChanged);
    }

    /**
     * Checks that {@code requested} starts with the current columns unchanged except for their jsonpaths.
     *
     * @return whether a jsonpath changed
     */
    private static boolean compare(List<Column> current, List<Column> requested) {
        boolean jsonpathChanged = false;
        for (int i = 0; i < current.size(); i++) {
            Column was = current.get(i);
            if (i >= requested.size()) {
                throw notSupported("column `" + was.name() + "` is missing from the new schema; only adding columns"
                        + " at the end of the schema is supported");
            }
            Column is = requested.get(i);
            if (!was.name().equals(is.name())) {
                throw notSupported("column `" + is.name() + "` is at the position of `" + was.name() + "`; only"
                        + " adding columns at the end of the schema is supported");
            }
            if (!Objects.equals(was.fullType(), is.fullType()) || !Objects.equals(was.defaultValue(),
                    is.defaultValue()) || !Objects.equals(was.codec(), is.codec())) {
                throw notSupported("column `" + was.name() + "` changed from " + definitionOf(was) + " to "
                        + definitionOf(is) + "; only adding columns at the end of the schema is supported");
            }
            jsonpathChanged |= !Objects.equals(was.jsonpath(), is.jsonpath());
        }
        return jsonpathChanged;
    }

    private static List<String> indexOperations(List<Index> current, List<Index> requested) {
        Map<String, Index> before = new LinkedHashMap<>();
        current.forEach(index -> before.put(index.name(), index));
        Map<String, Index> after = new LinkedHashMap<>();
        requested.forEach(index -> after.put(index.name(), index));
        List<String> operations = new ArrayList<>();
        before.forEach((name, index) -> {
            if (!index.equals(after.get(name))) {
                operations.add("DROP INDEX " + org.tinybirdmaven.server.ClickHouse.identifier(name));
            }
        });
        after.forEach((name, index) -> {
            if (!index.equals(before.get(name))) {
                operations.add("ADD " + index.toSql());
            }
        });
        return operations;
    }

    private static String definitionOf(Column column) {
        return DatasourceDefinition.columnSql(column);
    }

    private static ApiException notSupported(String reason) {
        return ApiException.badRequest("Could not perform alter operation, reason: " + reason);
    }
}

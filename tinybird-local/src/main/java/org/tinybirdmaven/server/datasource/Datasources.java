package org.tinybirdmaven.server.datasource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.DataType;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.Json;
import org.tinybirdmaven.server.workspace.Names;

/**
 * Datasources as catalog records plus ClickHouse tables: each datasource is the table {@code <db>.<name>}, with rows
 * that failed conversion in {@code <db>.<name>_quarantine}.
 */
public final class Datasources {

    /** ClickHouse's TABLE_ALREADY_EXISTS. */
    private static final int TABLE_ALREADY_EXISTS = 57;

    /** What {@code system.tables} says about a table; row and byte counts are null for engines without storage. */
    public record TableInfo(String name, Long rows, Long bytes, String engine, String engineFull, String sortingKey,
                            String partitionKey, String primaryKey, String samplingKey) {}

    private final Catalog catalog;
    private final ClickHouse clickHouse;

    public Datasources(Catalog catalog, ClickHouse clickHouse) {
        this.catalog = catalog;
        this.clickHouse = clickHouse;
    }

    public ClickHouse clickHouse() {
        return clickHouse;
    }

    /** The quarantine table of a datasource. */
    public static String quarantineTable(String name) {
        return name + "_quarantine";
    }

    /**
     * Checks a name for a new datasource: Tinybird's name rules, not a quarantine table's name, not a pipe's.
     *
     * @throws ApiException 400 with Tinybird's texts
     */
    public void checkName(WorkspaceRecord workspace, String name) {
        String problem = Names.problem(name);
        if (problem != null) {
            throw ApiException.badRequest("Invalid Data Source name \"" + name + "\". " + problem);
        }
        if (name.endsWith("_quarantine")) {
            throw ApiException.badRequest("Invalid Data Source name \"" + name + "\". Names ending in \"_quarantine\""
                    + " are reserved for the quarantine tables of Data Sources.");
        }
        if (catalog.read(state -> workspace.pipe(name)).isPresent()) {
            throw ApiException.badRequest("A Pipe with the \"" + name + "\" name exists, Pipe and Data Source names"
                    + " are unique");
        }
    }

    public Optional<DatasourceRecord> find(WorkspaceRecord workspace, String nameOrId) {
        return catalog.read(state -> workspace.datasource(nameOrId));
    }

    public List<DatasourceRecord> list(WorkspaceRecord workspace) {
        return catalog.read(state -> List.copyOf(workspace.datasources.values()));
    }

    /**
     * Creates the table and records the datasource. Columns declared without a type (only a DEFAULT expression)
     * are recorded with the type ClickHouse derived, so that every stored column has one.
     *
     * @throws ApiException 400 when the name is taken or ClickHouse rejects the table
     */
    public DatasourceRecord create(WorkspaceRecord workspace, DatasourceDefinition definition) {
        String name = definition.name();
        if (find(workspace, name).isPresent()) {
            throw ApiException.badRequest("Data Source \"" + name + "\" already exists, use mode=append");
        }
        try {
            clickHouse.execute(definition.createTableSql(workspace.database, name));
        } catch (ChdbException e) {
            if (e.code() == TABLE_ALREADY_EXISTS) {
                throw ApiException.badRequest("Data Source \"" + name + "\" already exists");
            }
            throw ApiException.badRequest(e.getMessage());
        }
        List<Column> columns = withStoredTypes(workspace.database, name, definition.columns());
        String now = Ids.now();
        DatasourceRecord record = new DatasourceRecord(Ids.resourceId(), name, definition.description(),
                DatasourceDefinition.schemaOf(columns), definition.format(), definition.engine().name(),
                definition.engine().settings(), definition.indexesText(), Map.of(), List.of(), now, now);
        catalog.write(state -> workspace.datasources.put(name, record));
        return record;
    }

    /** Replaces the stored record of a datasource (same name), stamping {@code updated_at}. */
    public DatasourceRecord save(WorkspaceRecord workspace, DatasourceRecord record) {
        DatasourceRecord updated = new DatasourceRecord(record.id(), record.name(), record.description(),
                record.schema(), record.format(), record.engine(), record.engineSettings(), record.indexes(),
                record.tags(), record.sharedWith(), record.createdAt(), Ids.now());
        catalog.write(state -> workspace.datasources.put(updated.name(), updated));
        return updated;
    }

    /** Forgets the datasource and drops its table and quarantine table. */
    public void drop(WorkspaceRecord workspace, DatasourceRecord record) {
        TableLocks.withLock(workspace.database, record.name(), () -> {
            catalog.write(state -> workspace.datasources.remove(record.name()));
            // Plain DROP: DROP … SYNC never returns in this chDB build.
            execute("DROP TABLE IF EXISTS " + ClickHouse.table(workspace.database, record.name()));
            execute("DROP TABLE IF EXISTS " + ClickHouse.table(workspace.database, quarantineTable(record.name())));
            return null;
        });
    }

    /** Empties a table (a datasource's or its quarantine); a Null-engine table has nothing to empty. */
    public void truncate(String database, String table) {
        TableLocks.withLock(database, table, () -> {
            execute("TRUNCATE TABLE IF EXISTS " + ClickHouse.table(database, table));
            return null;
        });
    }

    /** Every table of a workspace database by name. */
    public Map<String, TableInfo> tables(String database) {
        JsonNode rows = queryJson("SELECT name, total_rows, total_bytes, engine, engine_full, sorting_key, "
                + "partition_key, primary_key, sampling_key FROM system.tables WHERE database = "
                + ClickHouse.string(database));
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            String name = row.get("name").asText();
            tables.put(name, new TableInfo(name, nullableLong(row.get("total_rows")),
                    nullableLong(row.get("total_bytes")), row.get("engine").asText(), row.get("engine_full").asText(),
                    row.get("sorting_key").asText(), row.get("partition_key").asText(),
                    row.get("primary_key").asText(), row.get("sampling_key").asText()));
        }
        return tables;
    }

    /** The rows of an internal query, run with ClickHouse's JSON output format; a failure is the server's fault. */
    JsonNode queryJson(String sql) {
        try {
            return queryJsonOrThrow(sql);
        } catch (ChdbException e) {
            throw new ApiException(500, "Internal query failed: " + e.getMessage());
        }
    }

    /** The rows of a query that may fail because of what the caller sent. */
    JsonNode queryJsonOrThrow(String sql) {
        return Json.read(clickHouse.query(sql, "JSON").data()).get("data");
    }

    /** Runs DDL or DML whose failure is the server's fault, not the caller's. */
    void execute(String sql) {
        try {
            clickHouse.execute(sql);
        } catch (ChdbException e) {
            throw new ApiException(500, "Internal query failed: " + e.getMessage());
        }
    }

    private List<Column> withStoredTypes(String database, String table, List<Column> columns) {
        if (columns.stream().allMatch(column -> column.type() != null)) {
            return columns;
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode row : queryJson("SELECT name, type FROM system.columns WHERE database = "
                + ClickHouse.string(database) + " AND table = " + ClickHouse.string(table))) {
            types.put(row.get("name").asText(), row.get("type").asText());
        }
        List<Column> typed = new ArrayList<>();
        for (Column column : columns) {
            if (column.type() != null) {
                typed.add(column);
                continue;
            }
            DataType type = DataType.parse(types.get(column.name()));
            boolean nullable = type.family().equals("Nullable");
            String text = nullable ? type.typeArguments().get(0).toString() : type.toString();
            typed.add(new Column(column.name(), text, nullable, column.jsonpath(), column.defaultValue(),
                    column.codec()));
        }
        return typed;
    }

    private static Long nullableLong(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}

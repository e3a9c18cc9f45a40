package org.tinybirdmaven.server.datasource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Index;
import org.tinybirdmaven.schema.SchemaParser;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;

/** The datasource JSON of the Data Sources API (§4.6 of the spec), in Tinybird's key order. */
final class DatasourceJson {

    /** Settings shown from {@code system.tables} rather than from what was asked at creation. */
    private static final List<String> TABLE_KEYS = List.of("sorting_key", "partition_key", "primary_key",
            "sampling_key");

    private DatasourceJson() {}

    /**
     * @param table          the table's row in {@code system.tables}, or null when the table is missing
     * @param quarantineRows rows in the quarantine table
     * @param usedBy         pipes reading the datasource
     * @param detailed       the single-datasource form, which adds {@code schema} and reports
     *                       {@code new_columns_detected} as a boolean
     */
    static Map<String, Object> of(DatasourceRecord record, Datasources.TableInfo table, long quarantineRows,
                                  List<PipeRecord> usedBy, boolean detailed) {
        List<Column> columns = SchemaParser.parse(record.schema());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        json.put("name", record.name());
        json.put("cluster", null);
        json.put("tags", record.tags());
        json.put("created_at", record.createdAt());
        json.put("updated_at", record.updatedAt());
        json.put("replicated", false);
        json.put("version", 0);
        json.put("project", null);
        json.put("headers", Map.of());
        json.put("shared_with", record.sharedWith());
        json.put("engine", engine(record, table));
        json.put("description", record.description() == null ? "" : record.description());
        json.put("used_by", usedBy.stream().map(pipe -> Map.of("id", pipe.id(), "name", pipe.name())).toList());
        json.put("type", record.format());
        json.put("columns", columns.stream().map(DatasourceJson::column).toList());
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("bytes", table == null ? null : table.bytes());
        statistics.put("row_count", table == null ? null : table.rows());
        json.put("statistics", statistics);
        json.put("indexes", DatasourceDefinition.parseIndexes(record.indexes()).stream().map(DatasourceJson::index)
                .toList());
        if (detailed) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("columns", json.get("columns"));
            schema.put("sql_schema", record.schema());
            json.put("schema", schema);
            json.put("new_columns_detected", false);
        } else {
            json.put("new_columns_detected", Map.of());
        }
        json.put("quarantine_rows", quarantineRows);
        return json;
    }

    /** The response of a create, append or replace: the datasource with what its table holds now. */
    static Map<String, Object> of(DatasourceRecord record, Map<String, Datasources.TableInfo> tables,
                                  List<PipeRecord> usedBy) {
        Datasources.TableInfo quarantine = tables.get(Datasources.quarantineTable(record.name()));
        return of(record, tables.get(record.name()), quarantine == null || quarantine.rows() == null ? 0
                : quarantine.rows(), usedBy, false);
    }

    private static Map<String, Object> engine(DatasourceRecord record, Datasources.TableInfo table) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("engine", table == null ? record.engine() : table.engine());
        if (table != null) {
            engine.put("engine_full", table.engineFull());
            engine.put("engine_sorting_key", table.sortingKey());
            engine.put("engine_partition_key", table.partitionKey());
            engine.put("engine_primary_key", table.primaryKey());
            if (!table.samplingKey().isEmpty()) {
                engine.put("engine_sampling_key", table.samplingKey());
            }
        }
        record.engineSettings().forEach((key, value) -> {
            if (table == null || !TABLE_KEYS.contains(key)) {
                engine.put("engine_" + key, value);
            }
        });
        return engine;
    }

    private static Map<String, Object> column(Column column) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", column.name());
        json.put("type", column.type());
        json.put("codec", column.codec());
        json.put("default_value", column.defaultValue());
        json.put("jsonpath", column.jsonpath());
        json.put("nullable", column.nullable());
        json.put("normalized_name", column.name());
        return json;
    }

    private static Map<String, Object> index(Index index) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", index.name());
        json.put("expr", index.expression());
        json.put("type", index.type());
        json.put("granularity", index.granularity());
        return json;
    }

    /** Every pipe reading the datasource, for {@code used_by}. */
    static List<PipeRecord> usedBy(PipeDependencies dependencies) {
        return new ArrayList<>(dependencies.readers().keySet());
    }
}

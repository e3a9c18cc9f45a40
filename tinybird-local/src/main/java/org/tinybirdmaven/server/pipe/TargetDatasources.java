package org.tinybirdmaven.server.pipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.Catalog;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.Json;
import org.tinybirdmaven.server.query.QueryRunner;
import org.tinybirdmaven.server.workspace.Names;
import org.tinybirdmaven.schema.Engine;
import org.tinybirdmaven.schema.EngineException;

/**
 * The datasources materialized and copy nodes write into: checked against the node's output columns when they exist,
 * otherwise created from those columns and the node's {@code engine}/{@code engine_*} parameters (MergeTree ordered
 * by {@code tuple()} when the node gives none, which stores aggregate states correctly; they are merged at query
 * time by the {@code -Merge} functions). A datasource's table is {@code <workspace database>.<name>}.
 */
final class TargetDatasources {

    /** An output column of a query. */
    record Column(String name, String type) {}

    /** The datasource a node writes into, and whether saving the node created it. */
    record Target(DatasourceRecord datasource, boolean created) {}

    private final Catalog catalog;
    private final ClickHouse clickHouse;

    TargetDatasources(Catalog catalog, ClickHouse clickHouse) {
        this.catalog = catalog;
        this.clickHouse = clickHouse;
    }

    /** The output columns of a query ({@code DESCRIBE}), which also checks the query without running it. */
    List<Column> describe(String sql, String database, String suffix) {
        String output;
        try {
            output = clickHouse.query("DESCRIBE (\n" + sql + "\n)", "JSONEachRow").text();
        } catch (ChdbException e) {
            throw ApiException.badRequest(QueryRunner.clickHouseMessage(e, database) + suffix);
        }
        List<Column> columns = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                JsonNode column = Json.read(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                columns.add(new Column(column.get("name").asText(), column.get("type").asText()));
            }
        }
        return columns;
    }

    /**
     * The datasource {@code name}, created when missing.
     *
     * @param nodeSettings the node's parameters, whose {@code engine} and {@code engine_*} entries define the engine
     *                     of a created datasource
     * @param mayCreate    whether the caller may create datasources (ADMIN or DATASOURCES:CREATE)
     */
    Target ensure(WorkspaceRecord workspace, String name, List<Column> columns, Map<String, String> nodeSettings,
                  boolean mayCreate, String suffix) {
        DatasourceRecord existing = catalog.read(state -> workspace.datasources.get(name));
        if (existing != null) {
            checkColumns(workspace, existing, columns, suffix);
            return new Target(existing, false);
        }
        if (!mayCreate) {
            throw ApiException.forbidden("Forbidden. Provided token doesn't have permissions to create the datasource"
                    + " required in the materialized node, it also needs ``ADMIN`` or ``DATASOURCES:CREATE`` scope.");
        }
        String problem = Names.problem(name);
        if (problem != null) {
            throw ApiException.badRequest("Invalid Data Source name \"" + name + "\". " + problem + suffix);
        }
        if (catalog.read(state -> workspace.pipes.containsKey(name))) {
            throw ApiException.conflict("There is already a Pipe with name \"" + name + "\". Data Source names must"
                    + " be globally unique");
        }
        Engine engine = engine(nodeSettings, suffix);
        String schema = columns.stream().map(c -> ClickHouse.identifier(c.name()) + " " + c.type())
                .collect(Collectors.joining(", "));
        try {
            clickHouse.execute("CREATE TABLE " + ClickHouse.table(workspace.database, name) + " (" + schema
                    + ") ENGINE = " + engine.toSql());
        } catch (ChdbException e) {
            throw ApiException.badRequest(QueryRunner.clickHouseMessage(e, workspace.database) + suffix);
        }
        String now = Ids.now();
        DatasourceRecord created = new DatasourceRecord(Ids.resourceId(), name, "", schema, "csv", engine.name(),
                engine.settings(), "", Map.of(), List.of(), now, now);
        catalog.write(state -> workspace.datasources.put(name, created));
        return new Target(created, true);
    }

    /** Undoes {@link #ensure} when what needed the datasource could not be saved. */
    void remove(WorkspaceRecord workspace, DatasourceRecord datasource) {
        catalog.write(state -> workspace.datasources.remove(datasource.name()));
        // Never DROP … SYNC: it does not return in this chDB build.
        clickHouse.execute("DROP TABLE IF EXISTS " + ClickHouse.table(workspace.database, datasource.name()));
    }

    /** Every output column must exist in the target; target columns the query lacks take their defaults. */
    private void checkColumns(WorkspaceRecord workspace, DatasourceRecord target, List<Column> columns,
                              String suffix) {
        Set<String> existing = describe("SELECT * FROM " + ClickHouse.table(workspace.database, target.name()),
                workspace.database, suffix).stream().map(Column::name).collect(Collectors.toSet());
        List<String> unknown = columns.stream().map(Column::name).filter(c -> !existing.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("The pipe has columns " + unknown.stream().map(c -> "'" + c + "'")
                    .collect(Collectors.joining(", ", "[", "]")) + " not found in the destination Data Source.");
        }
    }

    private static Engine engine(Map<String, String> nodeSettings, String suffix) {
        List<Map.Entry<String, String>> settings = new ArrayList<>();
        nodeSettings.forEach((key, value) -> {
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("engine_")) {
                settings.add(Map.entry(lower.substring("engine_".length()), value));
            }
        });
        try {
            return Engine.of(nodeSettings.get("engine"), settings);
        } catch (EngineException e) {
            throw ApiException.badRequest(e.getMessage() + suffix);
        }
    }

    /** The datasource as pipe responses show it ({@code datasource} of a materialized or copy pipe). */
    static Map<String, Object> json(DatasourceRecord datasource) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", datasource.id());
        json.put("name", datasource.name());
        json.put("description", datasource.description());
        json.put("created_at", datasource.createdAt());
        json.put("updated_at", datasource.updatedAt());
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("engine", datasource.engine());
        datasource.engineSettings().forEach((key, value) -> engine.put("engine_" + key, value));
        json.put("engine", engine);
        json.put("type", datasource.format());
        return json;
    }
}

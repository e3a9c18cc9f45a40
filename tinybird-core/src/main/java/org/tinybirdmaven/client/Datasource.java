package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A Data Source as {@code /v0/datasources} describes it.
 *
 * @param type   {@code csv}, {@code ndjson}, {@code kafka}, …
 * @param engine the scalar engine fields ({@code engine}, {@code engine_sorting_key}, …)
 */
public record Datasource(String id, String name, String type, String description, List<Column> columns,
                         Map<String, String> engine, JsonNode raw) {

    /** One column, with the datafile details kept apart from the type. */
    public record Column(String name, String type, String codec, String defaultValue, String jsonpath,
                         boolean nullable) {

        static Column from(JsonNode json) {
            return new Column(Json.text(json, "name"), Json.text(json, "type"), Json.text(json, "codec"),
                    Json.text(json, "default_value"), Json.text(json, "jsonpath"), Json.bool(json, "nullable"));
        }
    }

    static Datasource from(JsonNode json) {
        return new Datasource(Json.text(json, "id"), Json.text(json, "name"), Json.text(json, "type"),
                Json.text(json, "description"), Json.list(json, "columns", Column::from),
                Map.copyOf(Json.textMap(json, "engine")), json);
    }

    @Override
    public String toString() {
        return "Datasource[name=" + name + ", type=" + type + ", columns=" + columns.size() + "]";
    }
}

package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The answer of a file append or replace.
 *
 * @param datasource null when the answer does not describe it
 * @param error      null when the import was clean (Tinybird answers {@code "error": false})
 */
public record AppendResult(String importId, Datasource datasource, long quarantineRows, long invalidLines,
                           String error, List<String> errors, JsonNode raw) {

    static AppendResult from(JsonNode json) {
        JsonNode error = Json.field(json, "error");
        JsonNode datasource = Json.field(json, "datasource");
        return new AppendResult(Json.text(json, "import_id"),
                datasource.isObject() ? Datasource.from(datasource) : null, Json.number(json, "quarantine_rows"),
                Json.number(json, "invalid_lines"), error.isTextual() ? error.asText() : null,
                Json.texts(json, "errors"), json);
    }

    @Override
    public String toString() {
        return "AppendResult[importId=" + importId + ", quarantineRows=" + quarantineRows + ", invalidLines="
                + invalidLines + (error == null ? "" : ", error=" + error) + "]";
    }
}

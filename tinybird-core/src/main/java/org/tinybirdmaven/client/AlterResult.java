package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The answer of {@code POST /v0/datasources/{name}/alter}: the ClickHouse operations run (or, dry, that would
 * run). Empty when there was nothing to change.
 */
public record AlterResult(List<String> operations, List<String> dependencies, JsonNode raw) {

    static AlterResult from(JsonNode json) {
        return new AlterResult(Json.texts(json, "operations"), Json.texts(json, "dependencies"), json);
    }

    public boolean hasChanges() {
        return !operations.isEmpty();
    }

    @Override
    public String toString() {
        return "AlterResult[operations=" + operations + "]";
    }
}

package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A token of the workspace ({@code /v0/tokens}).
 *
 * @param origin {@code C} (custom), {@code DS} or {@code P} (created for a datasource or pipe), or null
 * @param value  the secret itself; never part of {@link #toString()}
 */
public record Token(String id, String name, String description, List<TokenScope> scopes, String origin,
                    String value, JsonNode raw) {

    static Token from(JsonNode json) {
        JsonNode origin = Json.field(json, "origin");
        // Tinybird answers the origin either as a code or as an object carrying the code in "type".
        String originCode = origin.isObject() ? Json.text(origin, "type")
                : origin.isValueNode() && !origin.isNull() ? origin.asText() : null;
        return new Token(Json.text(json, "id"), Json.text(json, "name"), Json.text(json, "description"),
                Json.list(json, "scopes", TokenScope::from), originCode, Json.text(json, "token"), json);
    }

    @Override
    public String toString() {
        return "Token[name=" + name + ", scopes=" + scopes.stream().map(TokenScope::asParameter).toList() + "]";
    }
}

package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /v0/auth}: the token is valid, and whether it is a user token (needed to create workspaces). */
public record AuthInfo(boolean valid, boolean user) {

    static AuthInfo from(JsonNode json) {
        return new AuthInfo(Json.bool(json, "is_valid"), Json.bool(json, "is_user"));
    }
}

package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workspace or branch as lists describe it ({@code /v0/user/workspaces}, {@code /v0/environments}, creation).
 *
 * @param token the workspace's admin token when the list includes it (a user's own workspaces), else null; never
 *              part of {@link #toString()}
 */
public record WorkspaceEntry(String id, String name, String token, String role, String plan, boolean branch,
                             String mainId, String owner, String createdAt, JsonNode raw) {

    static WorkspaceEntry from(JsonNode json) {
        return new WorkspaceEntry(Json.text(json, "id"), Json.text(json, "name"), Json.text(json, "token"),
                Json.text(json, "role"), Json.text(json, "plan"),
                Json.bool(json, "is_branch") || Json.text(json, "main") != null, Json.text(json, "main"),
                Json.text(json, "owner"), Json.text(json, "created_at"), json);
    }

    @Override
    public String toString() {
        return "WorkspaceEntry[id=" + id + ", name=" + name + (branch ? ", branch of " + mainId : "") + ", role="
                + role + "]";
    }
}

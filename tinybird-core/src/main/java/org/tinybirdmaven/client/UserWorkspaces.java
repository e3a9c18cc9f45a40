package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v0/user/workspaces}: the workspaces the token's user can see (only the token's own one for a plain
 * workspace admin token).
 *
 * @param scope {@code user} for a user token, {@code admin} for a workspace token
 */
public record UserWorkspaces(String id, String email, String name, String scope, List<WorkspaceEntry> workspaces,
                             JsonNode raw) {

    static UserWorkspaces from(JsonNode json) {
        return new UserWorkspaces(Json.text(json, "id"), Json.text(json, "email"), Json.text(json, "name"),
                Json.text(json, "scope"), Json.list(json, "workspaces", WorkspaceEntry::from), json);
    }

    /** The workspace whose name or id is {@code nameOrId}, as {@code tb workspace use} picks it. */
    public Optional<WorkspaceEntry> find(String nameOrId) {
        return workspaces.stream().filter(w -> nameOrId.equals(w.name()) || nameOrId.equals(w.id())).findFirst();
    }

    @Override
    public String toString() {
        return "UserWorkspaces[scope=" + scope + ", workspaces=" + workspaces + "]";
    }
}

package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /v0/workspace}: the token's own workspace.
 *
 * @param mainId the main workspace's id when this workspace is a branch, else null
 * @param scope  {@code admin}, {@code user} (an admin token tied to a user) or null
 */
public record WorkspaceInfo(String id, String name, String mainId, String scope, String userId, String userEmail,
                            List<Release> releases, JsonNode raw) {

    /** A classic 2.x/3.x release: the git commit last deployed. */
    public record Release(String semver, String commit, String status) {

        static Release from(JsonNode json) {
            return new Release(Json.text(json, "semver"), Json.text(json, "commit"), Json.text(json, "status"));
        }
    }

    static WorkspaceInfo from(JsonNode json) {
        return new WorkspaceInfo(Json.text(json, "id"), Json.text(json, "name"), Json.text(json, "main"),
                Json.text(json, "scope"), Json.text(json, "user_id"), Json.text(json, "user_email"),
                Json.list(json, "releases", Release::from), json);
    }

    public boolean isBranch() {
        return mainId != null;
    }

    @Override
    public String toString() {
        return "WorkspaceInfo[id=" + id + ", name=" + name + (isBranch() ? ", branch of " + mainId : "")
                + ", scope=" + scope + "]";
    }
}

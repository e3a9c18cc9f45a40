package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.delete;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.post;
import static org.tinybirdmaven.server.TestServer.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identity, workspaces and tokens over real HTTP, with Tinybird's exact statuses and error texts. */
class WorkspaceApiTest {

    private static final String INVALID_TOKEN = "{\"error\":\"invalid authentication token\","
            + "\"documentation\":\"https://docs.tinybird.co/api-reference/overview#authentication\"}";

    private static String userToken() {
        return TestServer.localTokens().get("user_token").asText();
    }

    private static String adminToken() {
        return TestServer.localTokens().get("workspace_admin_token").asText();
    }

    @Test
    void localTokensAreServedWithoutAuthentication() {
        JsonNode tokens = TestServer.localTokens();
        assertThat(tokens.fieldNames()).toIterable().containsExactly("user_token", "admin_token",
                "workspace_admin_token");
        assertThat(tokens.get("user_token").asText()).startsWith("p.").isNotEqualTo(adminToken());
    }

    @Test
    void aMissingOrUnknownTokenIs403WithTheEnvelope() {
        TestServer.Response missing = get("/v0/workspace", null);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().toString()).isEqualTo(INVALID_TOKEN);
        TestServer.Response unknown = get("/v0/workspace", "p.not-a-token");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.json().toString()).isEqualTo(INVALID_TOKEN);
        assertThat(unknown.raw().headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
    }

    @Test
    void theTokenMayComeInTheQueryOrAsBearerButNotInAnyOtherHeaderShape() {
        assertThat(get("/v0/workspace?token=" + adminToken(), null).status()).isEqualTo(200);
        assertThat(get("/v0/workspace", adminToken()).status()).isEqualTo(200);
        TestServer.Response basic = send("GET", "/v0/workspace", null, null, null);
        assertThat(basic.status()).isEqualTo(403);
    }

    @Test
    void authTellsUserTokensApart() {
        assertThat(get("/v0/auth", userToken()).json().get("is_user").asBoolean()).isTrue();
        assertThat(get("/v0/auth", adminToken()).json().get("is_user").asBoolean()).isFalse();
        assertThat(get("/v0/auth", adminToken()).json().get("is_valid").asBoolean()).isTrue();
    }

    @Test
    void currentWorkspaceDescribesTheTokensWorkspace() {
        JsonNode workspace = get("/v0/workspace", adminToken()).json();
        assertThat(workspace.get("name").asText()).isEqualTo("Tinybird_Local_Testing");
        assertThat(workspace.get("scope").asText()).isEqualTo("admin");
        assertThat(workspace.get("main").isNull()).isTrue();
    }

    @Test
    void workspacesAreCreatedWithTheUserTokenOnly() {
        TestServer.Response denied = post("/v0/workspaces?name=ws_denied", adminToken());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("error").asText()).isEqualTo("invalid user authentication");

        TestServer.Response created = post("/v0/workspaces?name=ws_created", userToken());
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("name").asText()).isEqualTo("ws_created");
        assertThat(created.json().has("token")).as("creation does not return the admin token").isFalse();

        JsonNode listed = get("/v0/user/workspaces", userToken()).json();
        JsonNode entry = find(listed.get("workspaces"), "ws_created");
        assertThat(entry.get("token").asText()).startsWith("p.");
        assertThat(entry.get("is_branch").asBoolean()).isFalse();
        String newAdmin = entry.get("token").asText();
        assertThat(get("/v0/workspace", newAdmin).json().get("name").asText()).isEqualTo("ws_created");

        TestServer.Response deleted = delete("/v0/workspaces/" + entry.get("id").asText(), userToken());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("result").asText()).isEqualTo("Workspace deleted");
        assertThat(get("/v0/workspace", newAdmin).status()).isEqualTo(403);
    }

    @Test
    void aHardDeleteNeedsTheExactNameAsConfirmation() {
        post("/v0/workspaces?name=ws_confirmed", userToken());
        String id = find(get("/v0/user/workspaces", userToken()).json().get("workspaces"), "ws_confirmed")
                .get("id").asText();
        TestServer.Response wrong = delete("/v0/workspaces/" + id + "?confirmation=ws_other", userToken());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).startsWith("The confirmation 'ws_other' does not match");
        assertThat(get("/v0/workspaces/" + id, userToken()).status()).as("still there").isEqualTo(200);

        TestServer.Response deleted = delete("/v0/workspaces/" + id + "?confirmation=ws_confirmed", userToken());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("result").asText()).isEqualTo("Workspace deleted");
        assertThat(get("/v0/workspaces/" + id, userToken()).status()).isEqualTo(404);
    }

    @Test
    void workspaceNamesAreValidatedWithTinybirdsMessages() {
        assertThat(post("/v0/workspaces", userToken()).json().get("error").asText())
                .isEqualTo("Workspace name must be provided (name=my_workspace)");
        assertThat(post("/v0/workspaces?name=1abc", userToken()).json().get("error").asText())
                .isEqualTo("Workspace name is not valid, reason: Name must start with a letter and contain only"
                        + " letters, numbers, and underscores.");
        assertThat(post("/v0/workspaces?name=select", userToken()).json().get("error").asText())
                .isEqualTo("Workspace name is not valid, reason: select is a reserved word. Name must start with a"
                        + " letter and contain only letters, numbers, and underscores. Hint: use select_.");
        post("/v0/workspaces?name=ws_taken", userToken());
        TestServer.Response taken = post("/v0/workspaces?name=ws_taken", userToken());
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().get("error").asText()).isEqualTo("The name 'ws_taken' is already being used, please"
                + " select another name as Workspace names should be unique.");
    }

    @Test
    void nonAdminTokensCannotListWorkspaces() {
        String creator = find(get("/v0/tokens", adminToken()).json().get("tokens"), "create datasource token")
                .get("token").asText();
        TestServer.Response denied = get("/v0/user/workspaces", creator);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("error").asText()).isEqualTo("Token does not have ADMIN scope.");
    }

    @Test
    void tokensAreCreatedExtendedRefreshedAndDeleted() {
        TestServer.Response created = post("/v0/tokens?name=reader&scope=PIPES:READ:top&scope=DATASOURCES:READ:ev",
                adminToken());
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("scopes").toString()).isEqualTo(
                "[{\"type\":\"PIPES:READ\",\"resource\":\"top\"},{\"type\":\"DATASOURCES:READ\",\"resource\":\"ev\"}]");
        String value = created.json().get("token").asText();

        assertThat(post("/v0/tokens?name=reader&scope=ADMIN", adminToken()).status()).isEqualTo(400);
        assertThat(post("/v0/tokens?name=nothing", adminToken()).json().get("error").asText())
                .isEqualTo("scope is mandatory");
        assertThat(post("/v0/tokens?name=x&scope=PIPES:FLY:x", adminToken()).json().get("error").asText())
                .isEqualTo("Unknown scope PIPES:FLY:x");

        TestServer.Response replaced = send("PUT", "/v0/tokens/reader?scope=PIPES:READ:top&scope=PIPES:READ:other",
                adminToken(), null, null);
        assertThat(replaced.json().get("scopes")).hasSize(2);
        assertThat(replaced.json().get("token").asText()).isEqualTo(value);

        String refreshed = post("/v0/tokens/reader/refresh", adminToken()).json().get("token").asText();
        assertThat(refreshed).isNotEqualTo(value);
        assertThat(get("/v0/workspace", value).status()).isEqualTo(403);

        assertThat(get("/v0/tokens", refreshed).status()).as("a resource token cannot manage tokens").isEqualTo(403);
        assertThat(delete("/v0/tokens/reader", adminToken()).json().get("ok").asBoolean()).isTrue();
        assertThat(get("/v0/tokens/reader", adminToken()).status()).isEqualTo(404);
    }

    @Test
    void workspacesDoNotSeeEachOthersTokens() {
        post("/v0/workspaces?name=ws_isolated_a", userToken());
        JsonNode list = get("/v0/user/workspaces", userToken()).json().get("workspaces");
        String tokenA = find(list, "ws_isolated_a").get("token").asText();
        post("/v0/tokens?name=only_in_default&scope=PIPES:CREATE", adminToken());
        List<String> names = new ArrayList<>();
        get("/v0/tokens", tokenA).json().get("tokens").forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).doesNotContain("only_in_default").contains("admin token");
        JsonNode seenByA = get("/v0/user/workspaces", tokenA).json().get("workspaces");
        assertThat(seenByA).extracting(w -> w.get("name").asText()).containsExactly("ws_isolated_a");
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertThat(get("/v0/nowhere", adminToken()).status()).isEqualTo(404);
        assertThat(send("PATCH", "/v0/workspace", adminToken(), null, null).status()).isEqualTo(405);
    }

    static JsonNode find(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }
}

package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything created through the API is still there after the server stops and starts on the same data. */
class RestartTest {

    @Test
    void workspacesTokensDatasourcesPipesAndDataSurviveARestart() throws Exception {
        String userToken = TestServer.localTokens().get("user_token").asText();
        assertThat(TestServer.post("/v0/workspaces?name=restart_ws", userToken).status()).isEqualTo(200);
        String admin = WorkspaceApiTest.find(TestServer.get("/v0/user/workspaces", userToken).json()
                .get("workspaces"), "restart_ws").get("token").asText();
        String reader = TestServer.post("/v0/tokens?name=restart_reader&scope=PIPES:READ:restart_top", admin).json()
                .get("token").asText();
        assertThat(TestServer.postForm("/v0/datasources", admin, Map.of("name", "restart_events", "schema",
                "`k` String `json:$.k`, `v` UInt32 `json:$.v`", "format", "ndjson", "engine", "MergeTree",
                "engine_sorting_key", "k")).status()).isEqualTo(200);
        assertThat(TestServer.send("POST", "/v0/events?name=restart_events&wait=true", admin, "application/x-ndjson",
                "{\"k\": \"a\", \"v\": 1}\n{\"k\": \"b\", \"v\": 2}\n{\"k\": \"a\", \"v\": 3}\n"
                        .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        String pipe = "{\"name\": \"restart_top\", \"nodes\": [{\"name\": \"totals\", \"type\": \"endpoint\","
                + " \"sql\": \"SELECT k, sum(v) AS total FROM restart_events GROUP BY k ORDER BY k\"}]}";
        assertThat(TestServer.send("POST", "/v0/pipes", admin, "application/json",
                pipe.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        String before = TestServer.get("/v0/pipes/restart_top.csv", reader).body();

        TestServer.restart();

        assertThat(TestServer.localTokens().get("user_token").asText()).isEqualTo(userToken);
        assertThat(TestServer.get("/v0/workspace", admin).json().get("name").asText()).isEqualTo("restart_ws");
        assertThat(TestServer.get("/v0/datasources/restart_events", admin).json().get("statistics")
                .get("row_count").asLong()).isEqualTo(3);
        TestServer.Response after = TestServer.get("/v0/pipes/restart_top.csv", reader);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before).isEqualTo("\"k\",\"total\"\n\"a\",4\n\"b\",2\n");
    }
}

package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the datasource and pipe APIs meet: materialized views and the datasources they read and write. */
class DatasourcePipeInteractionTest {

    private static String admin() {
        return TestServer.localTokens().get("workspace_admin_token").asText();
    }

    private static void createDatasource(String name) {
        assertThat(TestServer.postForm("/v0/datasources", admin(), Map.of("name", name, "schema",
                "`k` String `json:$.k`", "format", "ndjson", "engine", "MergeTree", "engine_sorting_key", "k"))
                .status()).isEqualTo(200);
    }

    private static TestServer.Response append(String name, String ndjson) {
        return TestServer.send("POST", "/v0/events?name=" + name + "&wait=true", admin(), "application/x-ndjson",
                ndjson.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMaterializedTargetIsProtectedUntilForcedAndTheSourceKeepsWorkingAfterwards() {
        createDatasource("mv_source");
        String pipe = "{\"name\": \"mv_counts\", \"nodes\": [{\"name\": \"agg\", \"type\": \"materialized\","
                + " \"datasource\": \"mv_counts_target\", \"engine\": \"SummingMergeTree\", \"engine_sorting_key\":"
                + " \"k\", \"sql\": \"SELECT k, count() AS n FROM mv_source GROUP BY k\"}]}";
        assertThat(TestServer.send("POST", "/v0/pipes", admin(), "application/json",
                pipe.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(append("mv_source", "{\"k\": \"a\"}\n").status()).isEqualTo(200);

        TestServer.Response refused = TestServer.delete("/v0/datasources/mv_counts_target", admin());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).contains("mv_counts");
        TestServer.Response sourceRefused = TestServer.delete("/v0/datasources/mv_source", admin());
        assertThat(sourceRefused.status()).isEqualTo(409);

        assertThat(TestServer.delete("/v0/datasources/mv_counts_target?force=true", admin()).status())
                .isEqualTo(204);
        assertThat(append("mv_source", "{\"k\": \"b\"}\n").status()).as("appends after the target is gone")
                .isEqualTo(200);
        assertThat(TestServer.get("/v0/sql?q=" + TestServer.encode("SELECT count() AS c FROM mv_source FORMAT JSON"),
                admin()).json().get("data").get(0).get("c").asInt()).isEqualTo(2);
    }
}

package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Eight clients at once for a while (60 s by default, {@code -Dtinybird.soak.seconds} to change): four append
 * events, four query the datasource, a materialized view over it and an endpoint. Nothing may fail, the server must
 * still answer, and every acknowledged row must be there — in the datasource and in the materialized view.
 */
class ConcurrentClientsTest {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("tinybird.soak.seconds", 60));
    private static final int BATCH = 20;

    @Test
    void eightClientsAppendAndQueryWithoutErrorsOrLostRows() throws Exception {
        String token = TestServer.localTokens().get("workspace_admin_token").asText();
        assertThat(TestServer.postForm("/v0/datasources", token, java.util.Map.of("name", "soak_events",
                "schema", "`writer` UInt8 `json:$.writer`, `seq` UInt64 `json:$.seq`, `value` Float64 `json:$.value`",
                "engine", "MergeTree", "engine_sorting_key", "writer, seq", "format", "ndjson")).status())
                .isEqualTo(200);
        String pipe = "{\"name\": \"soak_per_writer\", \"nodes\": [{\"name\": \"agg\", \"type\": \"materialized\","
                + " \"datasource\": \"soak_totals\", \"engine\": \"SummingMergeTree\", \"engine_sorting_key\":"
                + " \"writer\", \"sql\": \"SELECT writer, count() AS n FROM soak_events GROUP BY writer\"}]}";
        assertThat(TestServer.send("POST", "/v0/pipes", token, "application/json",
                pipe.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        String endpoint = "{\"name\": \"soak_top\", \"nodes\": [{\"name\": \"top\", \"type\": \"endpoint\", \"sql\":"
                + " \"SELECT writer, max(seq) AS last FROM soak_events GROUP BY writer ORDER BY writer\"}]}";
        assertThat(TestServer.send("POST", "/v0/pipes", token, "application/json",
                endpoint.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        AtomicLong acknowledged = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + RUN.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Long>> requests = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            int id = writer;
            requests.add(clients.submit(() -> append(id, token, deadline, acknowledged, failures)));
        }
        for (int reader = 0; reader < 4; reader++) {
            int id = reader;
            requests.add(clients.submit(() -> query(id, token, deadline, failures)));
        }
        long total = 0;
        for (Future<Long> future : requests) {
            total += future.get();
        }
        clients.shutdown();

        assertThat(failures).isEmpty();
        assertThat(total).as("requests made").isGreaterThan(100);
        long stored = count("SELECT count() AS c FROM soak_events", token);
        assertThat(stored).isEqualTo(acknowledged.get());
        long materialized = count("SELECT sum(n) AS c FROM soak_totals", token);
        assertThat(materialized).isEqualTo(acknowledged.get());
    }

    private static long append(int writer, String token, long deadline, AtomicLong acknowledged,
                               List<String> failures) {
        long requests = 0;
        long seq = 0;
        while (System.nanoTime() < deadline && failures.isEmpty()) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < BATCH; i++, seq++) {
                batch.append("{\"writer\": ").append(writer).append(", \"seq\": ").append(seq)
                        .append(", \"value\": ").append(seq * 0.5).append("}\n");
            }
            TestServer.Response response = TestServer.send("POST", "/v0/events?name=soak_events&wait=true", token,
                    "application/x-ndjson", batch.toString().getBytes(StandardCharsets.UTF_8));
            requests++;
            if (response.status() != 200) {
                failures.add("append " + response.status() + ": " + response.body());
                break;
            }
            JsonNode result = response.json();
            acknowledged.addAndGet(result.get("successful_rows").asLong());
            if (result.get("quarantined_rows").asLong() != 0) {
                failures.add("quarantined rows: " + response.body());
            }
        }
        return requests;
    }

    private static long query(int reader, String token, long deadline, List<String> failures) {
        String[] paths = {"/v0/sql?q=" + TestServer.encode("SELECT count() FROM soak_events FORMAT JSON"),
            "/v0/sql?q=" + TestServer.encode("SELECT writer, sum(n) FROM soak_totals GROUP BY writer FORMAT JSON"),
            "/v0/pipes/soak_top.json", "/v0/pipes/soak_top.csv"};
        long requests = 0;
        while (System.nanoTime() < deadline && failures.isEmpty()) {
            TestServer.Response response = TestServer.get(paths[(int) ((requests + reader) % paths.length)], token);
            requests++;
            if (response.status() != 200) {
                failures.add("query " + response.status() + ": " + response.body());
            }
        }
        return requests;
    }

    private static long count(String sql, String token) {
        TestServer.Response response = TestServer.get("/v0/sql?q=" + TestServer.encode(sql + " FORMAT JSON"), token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("data").get(0).get("c").asLong();
    }
}

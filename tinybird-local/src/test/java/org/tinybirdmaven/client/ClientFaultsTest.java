package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;

/** Retries against the local server's injected faults: 429 with Retry-After, 5xx, dropped connections, latency. */
class ClientFaultsTest {

    private final LocalClients.RecordingSleeper sleeper = new LocalClients.RecordingSleeper();
    private final RecordingListener events = new RecordingListener();
    private final TinybirdClient client = LocalClients.builder(LocalClients.adminToken(), sleeper).listener(events)
            .build();

    private static void faults(String json) {
        TestServer.Response response = TestServer.send("PUT", "/_local/faults", LocalClients.userToken(),
                "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @AfterEach
    void clearFaults() {
        client.close();
        assertThat(TestServer.delete("/_local/faults", LocalClients.userToken()).status()).isEqualTo(200);
    }

    private boolean tokenExists(String name) {
        return client.tokens().stream().anyMatch(t -> t.name().equals(name));
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterTheServerAsks() {
        faults("[{\"path\": \"/v0/workspace\", \"status\": 429, \"retry_after\": 3, \"times\": 2}]");
        assertThat(client.workspace().name()).isEqualTo("Tinybird_Local_Testing");
        assertThat(events.count("started GET /v0/workspace")).isEqualTo(3);
        assertThat(events.events).contains("finished GET /v0/workspace #1 429", "finished GET /v0/workspace #3 200");
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Test
    void retryAfterIsCappedByTheMaximumDelay() {
        faults("[{\"path\": \"/v0/workspace\", \"status\": 429, \"retry_after\": 120, \"times\": 1}]");
        try (TinybirdClient capped = LocalClients.builder(LocalClients.adminToken(), sleeper)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1))).build()) {
            capped.workspace();
        }
        assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aPostIsRetriedOn429AndTakesEffectOnce() {
        String name = LocalClients.unique("retried");
        faults("[{\"method\": \"POST\", \"path\": \"/v0/tokens\", \"status\": 429, \"retry_after\": 1, "
                + "\"times\": 1}]");
        assertThat(client.createToken(name, List.of("PIPES:CREATE"), null, null).name()).isEqualTo(name);
        assertThat(events.count("started POST /v0/tokens")).isEqualTo(2);
        assertThat(client.tokens().stream().filter(t -> t.name().equals(name))).hasSize(1);
    }

    @Test
    void aPostIsNeverRetriedOn503() {
        String name = LocalClients.unique("not_retried");
        faults("[{\"method\": \"POST\", \"path\": \"/v0/tokens\", \"status\": 503, \"times\": 1}]");
        assertThatThrownBy(() -> client.createToken(name, List.of("PIPES:CREATE"), null, null))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.error()).isEqualTo("Injected fault 503");
                    assertThat(e.hint()).contains("not retried");
                });
        assertThat(events.count("started POST /v0/tokens")).isEqualTo(1);
        assertThat(sleeper.sleeps).isEmpty();
        assertThat(tokenExists(name)).isFalse();
    }

    @Test
    void aGetIsRetriedOn503() {
        faults("[{\"method\": \"GET\", \"path\": \"/v0/tokens\", \"status\": 503, \"times\": 2}]");
        assertThat(client.tokens()).isNotEmpty();
        assertThat(events.count("started GET /v0/tokens")).isEqualTo(3);
        assertThat(sleeper.sleeps).hasSize(2);
    }

    @Test
    void droppedConnectionsAreRetriedForGets() {
        faults("[{\"path\": \"/v0/auth\", \"drop\": true, \"times\": 2}]");
        assertThat(client.auth().valid()).isTrue();
        assertThat(events.count("failed GET /v0/auth")).isEqualTo(2);
        assertThat(events.events).anyMatch(line -> line.startsWith("failed GET /v0/auth #1 the connection to ")
                && line.contains("was closed before an answer"));
        assertThat(events.events).contains("finished GET /v0/auth #3 200");
    }

    @Test
    void aDroppedPostIsNotRetriedAndSaysToCheckWhetherItTookEffect() {
        faults("[{\"method\": \"POST\", \"path\": \"/v0/tokens\", \"drop\": true, \"times\": 1}]");
        assertThatThrownBy(() -> client.createToken(LocalClients.unique("dropped"), List.of("PIPES:CREATE"), null,
                null)).isInstanceOfSatisfying(TinybirdConnectionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TinybirdConnectionException.Kind.CONNECTION_LOST);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.hint()).contains("check whether it took effect");
                });
    }

    @Test
    void givesUpAfterTheMaximumAttemptsWithAClearMessage() {
        faults("[{\"path\": \"/v0/workspace\", \"status\": 503}]");
        assertThatThrownBy(client::workspace).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo("Could not read the token's workspace: Injected fault 503 [HTTP 503 on "
                    + "GET /v0/workspace, after 3 attempts]. Tinybird answered a server error after 3 attempts; "
                    + "perhaps you should try again later, and report it with the request id if it persists");
        });
        assertThat(sleeper.sleeps).hasSize(2);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        faults("[{\"path\": \"/v0/auth\", \"latency_ms\": 1500, \"times\": 1}]");
        try (TinybirdClient impatient = LocalClients.builder(LocalClients.adminToken(), sleeper).listener(events)
                .readTimeout(Duration.ofMillis(300)).build()) {
            assertThat(impatient.auth().valid()).isTrue();
        }
        assertThat(events.events).anyMatch(line -> line.startsWith("failed GET /v0/auth #1 no answer from"));
        assertThat(events.events).contains("finished GET /v0/auth #2 200");
    }
}

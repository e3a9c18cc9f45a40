package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults for client tests: off by default, set per path pattern by the user, and exactly as many as asked for. */
class FaultInjectionTest {

    private static String userToken() {
        return TestServer.localTokens().get("user_token").asText();
    }

    private static String adminToken() {
        return TestServer.localTokens().get("workspace_admin_token").asText();
    }

    private static TestServer.Response setFaults(String json, String token) {
        return TestServer.send("PUT", "/_local/faults", token, "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void clear() {
        TestServer.delete("/_local/faults", userToken());
    }

    @Test
    void only429sTheMatchingPathTheGivenNumberOfTimesWithRetryAfter() {
        assertThat(setFaults("[{\"path\": \"/v0/workspace\", \"status\": 429, \"retry_after\": 3, \"times\": 2}]",
                userToken()).status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            TestServer.Response limited = TestServer.get("/v0/workspace", adminToken());
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("error").asText()).isEqualTo("Too many requests");
            assertThat(limited.raw().headers().firstValue("Retry-After")).contains("3");
        }
        assertThat(TestServer.get("/v0/workspace", adminToken()).status()).isEqualTo(200);
        assertThat(TestServer.get("/v0/auth", adminToken()).status()).as("other paths are untouched")
                .isEqualTo(200);
    }

    @Test
    void countsTheRequestsEachRuleAffected() {
        setFaults("[{\"method\": \"GET\", \"path\": \"/v0/auth\", \"status\": 503, \"times\": 1},"
                + " {\"method\": \"GET\", \"path\": \"/v0/.*\"}]", userToken());
        for (int i = 0; i < 3; i++) {
            TestServer.get("/v0/auth", adminToken());
        }
        TestServer.post("/v0/tokens?name=counted&scope=PIPES:CREATE", adminToken());
        assertThat(TestServer.get("/_local/faults", userToken()).json().get("faults"))
                .extracting(rule -> rule.get("matched").asInt()).containsExactly(1, 2);
        TestServer.delete("/v0/tokens/counted", adminToken());
    }

    @Test
    void answersServerErrorsForAMethodAndPattern() {
        setFaults("[{\"method\": \"POST\", \"path\": \"/v0/tokens.*\", \"status\": 503}]", userToken());
        assertThat(TestServer.post("/v0/tokens?name=never&scope=PIPES:CREATE", adminToken()).status())
                .isEqualTo(503);
        assertThat(TestServer.get("/v0/tokens", adminToken()).status()).isEqualTo(200);
        assertThat(TestServer.get("/v0/tokens/never", adminToken()).status()).as("the request never ran")
                .isEqualTo(404);
    }

    @Test
    void delaysRequests() {
        setFaults("[{\"path\": \"/v0/auth\", \"latency_ms\": 300}]", userToken());
        long start = System.nanoTime();
        assertThat(TestServer.get("/v0/auth", adminToken()).status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void dropsConnections() {
        // The JDK client retries a GET once on a dropped connection, so drop two to make it give up.
        setFaults("[{\"path\": \"/v0/auth\", \"drop\": true, \"times\": 2}]", userToken());
        assertThatThrownBy(() -> TestServer.get("/v0/auth", adminToken())).isInstanceOf(UncheckedIOException.class);
        assertThat(TestServer.get("/v0/auth", adminToken()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheUserMayConfigureFaultsAndBadRulesAreRejected() {
        assertThat(setFaults("[]", adminToken()).status()).isEqualTo(403);
        assertThat(setFaults("[{\"path\": \"(\"}]", userToken()).json().get("error").asText())
                .startsWith("Invalid 'path' pattern");
        assertThat(setFaults("[{\"path\": \".*\", \"status\": 200}]", userToken()).json().get("error").asText())
                .isEqualTo("A fault 'status' must be between 400 and 599");
        assertThat(TestServer.get("/_local/faults", userToken()).json().get("faults")).isEmpty();
    }
}

package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinybirdmaven.client.Clients.START;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry rules and backoff for what the local server's fault injection cannot produce. */
class RetryTest {

    private static final String AUTH = "{\"is_valid\": true, \"is_user\": false}";
    private static final String LIMITED = "{\"error\": \"Too many requests\"}";

    private final FakeTime time = new FakeTime(START);
    private final RecordingListener listener = new RecordingListener();
    private final CannedServer server;
    private final TinybirdClient client;

    RetryTest() throws IOException {
        server = new CannedServer();
        client = Clients.builder(server.url(), time).listener(listener).build();
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private static String httpDate(Duration fromStart) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plus(fromStart).atZone(ZoneOffset.UTC));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        server.respond(429, LIMITED, "Retry-After", httpDate(Duration.ofSeconds(7))).json(AUTH);
        assertThat(client.auth().valid()).isTrue();
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void retryAfterInThePastMeansAtOnce() {
        server.respond(429, LIMITED, "Retry-After", httpDate(Duration.ofSeconds(-30))).json(AUTH);
        client.auth();
        assertThat(time.sleeps).containsExactly(Duration.ZERO);
    }

    @Test
    void retryAfterIsCappedAtTheMaximumDelay() {
        server.respond(429, LIMITED, "Retry-After", "3600").json(AUTH);
        client.auth();
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void anUnreadableRetryAfterFallsBackToTheBackoff() {
        server.respond(429, LIMITED, "Retry-After", "soon").json(AUTH);
        client.auth();
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void readsAreRetriedOnGatewayErrorsWithExponentialBackoff() {
        server.respond(502, "bad gateway").respond(503, "{}").respond(504, "").json(AUTH);
        assertThat(client.auth().valid()).isTrue();
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400));
        assertThat(listener.count("started GET /v0/auth")).isEqualTo(4);
        assertThat(listener.events).contains("retrying GET /v0/auth #1 in 100 ms: HTTP 502",
                "finished GET /v0/auth #4 200");
    }

    @Test
    void givesUpAfterTheLastAttemptWithAClearMessage() {
        for (int i = 0; i < 4; i++) {
            server.respond(503, "{\"error\": \"Service unavailable\"}");
        }
        assertThatThrownBy(client::workspace).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.kind()).isEqualTo(TinybirdApiException.Kind.SERVER_ERROR);
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.getMessage()).isEqualTo("Could not read the token's workspace: Service unavailable "
                    + "[HTTP 503 on GET /v0/workspace, after 4 attempts]. Tinybird answered a server error after 4 "
                    + "attempts; perhaps you should try again later, and report it with the request id if it "
                    + "persists");
        });
        assertThat(server.requests).hasSize(4);
    }

    @Test
    void writesAreNotRetriedOnServerErrors() {
        server.respond(503, "{\"error\": \"Service unavailable\"}");
        assertThatThrownBy(() -> client.createToken("t", List.of("PIPES:CREATE"), null, null))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.hint()).contains("not retried").contains("took effect");
                });
        assertThat(server.requests).hasSize(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void writesAreRetriedOn429() {
        server.respond(429, LIMITED, "Retry-After", "2")
                .json("{\"name\": \"t\", \"token\": \"p.x\", \"scopes\": [{\"type\": \"PIPES:CREATE\"}]}");
        assertThat(client.createToken("t", List.of("PIPES:CREATE"), null, null).name()).isEqualTo("t");
        assertThat(server.requests).extracting(CannedServer.Recorded::method).containsExactly("POST", "POST");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void deletesAreIdempotentAndRetriedOnServerErrors() {
        server.respond(502, "").respond(204, "");
        client.deletePipe("p");
        assertThat(server.requests).extracting(CannedServer.Recorded::method).containsExactly("DELETE", "DELETE");
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.respond(400, "{\"error\": \"bad\"}");
        assertThatThrownBy(client::auth).isInstanceOf(TinybirdApiException.class);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void refusedConnectionsAreRetriedForReadsAndThenExplained() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TinybirdClient refused = Clients.builder("http://127.0.0.1:" + port, time).listener(listener).build()) {
            assertThatThrownBy(refused::auth).isInstanceOfSatisfying(TinybirdConnectionException.class, e -> {
                assertThat(e.kind()).isEqualTo(TinybirdConnectionException.Kind.CONNECTION_REFUSED);
                assertThat(e.attempts()).isEqualTo(4);
                assertThat(e.getMessage()).startsWith("Could not check the token: connection refused by "
                        + "http://127.0.0.1:" + port + " [GET /v0/auth, after 4 attempts]. Is the host right, and "
                        + "if it is the local server, is it running");
            });
        }
        assertThat(time.sleeps).hasSize(3);
        assertThat(listener.count("failed GET /v0/auth")).isEqualTo(4);
    }

    @Test
    void refusedConnectionsAreNotRetriedForWrites() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TinybirdClient refused = Clients.builder("http://127.0.0.1:" + port, time).build()) {
            assertThatThrownBy(() -> refused.createWorkspace("w"))
                    .isInstanceOfSatisfying(TinybirdConnectionException.class,
                            e -> assertThat(e.attempts()).isEqualTo(1));
        }
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void anUnknownHostIsNotRetried() {
        DnsResolver nothing = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                throw new UnknownHostException(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                throw new UnknownHostException(host);
            }
        };
        try (TinybirdClient unknown = Clients.builder("https://api.tinybird.invalid/", time).dnsResolver(nothing)
                .build()) {
            assertThatThrownBy(unknown::auth).isInstanceOfSatisfying(TinybirdConnectionException.class, e -> {
                assertThat(e.kind()).isEqualTo(TinybirdConnectionException.Kind.UNKNOWN_HOST);
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.getMessage()).isEqualTo("Could not check the token: unknown host "
                        + "https://api.tinybird.invalid [GET /v0/auth]. Perhaps you should check the host "
                        + "https://api.tinybird.invalid (tinybird.host or TB_HOST): its name cannot be resolved");
            });
        }
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void readTimeoutsAreRetriedForReads() {
        server.respondAfter(2_000, 200, AUTH).json(AUTH);
        try (TinybirdClient impatient = Clients.builder(server.url(), time).readTimeout(Duration.ofMillis(200))
                .listener(listener).build()) {
            assertThat(impatient.auth().valid()).isTrue();
        }
        assertThat(listener.events).anyMatch(e -> e.startsWith("failed GET /v0/auth #1 no answer from"));
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void anInterruptionWhileWaitingStopsTheRetries() {
        server.respond(503, "{}");
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };
        try (TinybirdClient client = Clients.builder(server.url(), time).sleeper(interrupted).build()) {
            assertThatThrownBy(client::auth).isInstanceOf(TinybirdClientException.class)
                    .hasMessageContaining("interrupted while waiting to retry after HTTP 503");
            assertThat(Thread.interrupted()).isTrue();
        }
    }
}

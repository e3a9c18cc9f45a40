package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinybirdmaven.client.Clients.TOKEN;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token never shows: a sentinel token is used everywhere, servers even echo it back, and every string the
 * client produces (messages, stack traces, hints, events, {@code toString()}s) is searched for it.
 */
class RedactionTest {

    private final RecordingListener listener = new RecordingListener();
    private final List<String> produced = new ArrayList<>();
    private final CannedServer server;
    private final TinybirdClient client;

    RedactionTest() throws IOException {
        server = new CannedServer();
        client = Clients.builder(server.url(), new FakeTime(Clients.START)).listener(listener).build();
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private void collect(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        produced.add(trace.toString());
        produced.add(e.toString());
        if (e instanceof TinybirdClientException failure) {
            produced.add(failure.hint());
            produced.add(failure.path());
            produced.add(failure.action());
        }
        if (e instanceof TinybirdApiException api) {
            produced.add(api.error());
        }
    }

    private void failing(Runnable call) {
        try {
            call.run();
            throw new AssertionError("expected a failure");
        } catch (TinybirdClientException e) {
            collect(e);
        }
    }

    @Test
    void theTokenIsNeverInAnythingTheClientPrints() throws IOException {
        String echo = "{\"error\": \"token " + TOKEN + " rejected for https://api.tinybird.co/v0/sql?q=1&token="
                + TOKEN + "\", \"errors\": [\"" + TOKEN + "\"]}";
        server.respond(403, echo);
        failing(client::workspace);
        server.respond(500, "Internal error while handling token=" + TOKEN + " " + TOKEN);
        failing(() -> client.createDatasource(Map.of("name", "e")));
        server.respond(302, "", "Location", "https://elsewhere/v0/auth?token=" + TOKEN);
        failing(client::auth);
        server.json("{\"id\": \"j\", \"status\": \"error\", \"error\": \"bad\", \"job_url\": "
                + "\"http://x/v0/jobs/j?token=" + TOKEN + "\"}");
        failing(() -> client.waitForJob("j", Duration.ofMinutes(1), job -> produced.add(job.toString())));

        server.json("{\"id\": \"u\", \"workspaces\": [{\"id\": \"w\", \"name\": \"ws\", \"token\": \"" + TOKEN + "\"}]}");
        UserWorkspaces workspaces = client.userWorkspaces(false, false);
        produced.add(workspaces.toString());
        produced.add(workspaces.workspaces().get(0).toString());
        server.json("{\"tokens\": [{\"name\": \"admin token\", \"token\": \"" + TOKEN + "\", \"scopes\": []}]}");
        produced.add(client.tokens().toString());
        server.json("{\"name\": \"p\", \"token\": \"" + TOKEN + "\", \"nodes\": []}");
        produced.add(client.publishEndpoint("p", "n").toString());
        server.json("{\"workspace\": {\"id\": \"b\", \"token\": \"" + TOKEN + "\"}, \"job\": {\"id\": \"j\"}}");
        produced.add(client.createEnvironment("b", null).toString());

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TinybirdClient refused = Clients.builder("http://127.0.0.1:" + port, new FakeTime(Clients.START))
                .listener(listener).retryPolicy(RetryPolicy.NONE).build()) {
            failing(refused::auth);
            produced.add(refused.toString());
        }
        produced.add(client.toString());
        produced.add(Clients.builder(server.url(), new FakeTime(Clients.START)).toString());
        produced.addAll(listener.events);

        assertThat(produced).hasSizeGreaterThan(30).noneMatch(text -> text != null && text.contains(TOKEN));
        assertThat(String.join("\n", produced)).contains("token=***").contains("token *** rejected");
        assertThat(server.requests).allSatisfy(request -> {
            assertThat(request.uri()).doesNotContain("token=");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        });
    }

    @Test
    void aHostWithATokenInItIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> TinybirdClient.builder("https://api.tinybird.co/?token=" + TOKEN, () -> TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token=***")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> TinybirdClient.builder("api.tinybird.co", () -> TOKEN))
                .hasMessageContaining("perhaps you should write it like https://api.tinybird.co");
    }

    @Test
    void urlsAreRedactedOfTokenParameters() {
        assertThat(Redact.url("/v0/sql?token=abc&q=1")).isEqualTo("/v0/sql?token=***&q=1");
        assertThat(Redact.url("https://h/v0/x?q=1&token=p.abc.def#frag")).isEqualTo("https://h/v0/x?q=1&token=***#frag");
        assertThat(Redact.url("/v0/x?tokens=1&my_token=2")).isEqualTo("/v0/x?tokens=1&my_token=2");
        assertThat(Redact.text("a p.xyz b", "p.xyz")).isEqualTo("a *** b");
        assertThat(Redact.text("a b", "")).isEqualTo("a b");
    }
}

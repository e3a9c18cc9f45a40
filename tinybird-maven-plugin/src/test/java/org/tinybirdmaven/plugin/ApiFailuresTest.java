package org.tinybirdmaven.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.client.RetryPolicy;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TinybirdClientException;

/** Real failures from the local server, mapped to Maven's exceptions. */
class ApiFailuresTest {

    private static final String SOURCE = "settings.xml server 'tb-test'";

    private static Throwable mapped(Runnable call) {
        TinybirdClientException failure = (TinybirdClientException) catchThrowable(call::run);
        assertThat(failure).as("the call must fail").isNotNull();
        return catchThrowable(() -> ApiFailures.raise(failure, SOURCE));
    }

    @Test
    void anUnknownTokenNamesWhereItCameFrom() {
        try (TinybirdClient client = LocalServerFixture.client("p.unknown")) {
            Throwable e = mapped(client::workspace);
            assertThat(e).isInstanceOf(MojoFailureException.class).hasNoCause();
            assertThat(e.getMessage()).isEqualTo("Could not read the token's workspace: invalid authentication token"
                    + " [HTTP 403 on GET /v0/workspace]. Perhaps you should check the token from settings.xml server"
                    + " 'tb-test': the host does not know it, and a token only works on the region and workspace it"
                    + " belongs to");
        }
    }

    @Test
    void aWorkspaceTokenWhereAUserTokenIsNeeded() {
        try (TinybirdClient client = LocalServerFixture.client(LocalServerFixture.get().workspaceAdminToken())) {
            assertThat(mapped(() -> client.createWorkspace("ws_refused"))).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("invalid user authentication")
                    .hasMessageContaining("Perhaps you should give a user token (TB_USER_TOKEN")
                    .hasMessageContaining("the token from settings.xml server 'tb-test' is a workspace token");
        }
    }

    @Test
    void aTokenWithoutTheScope() {
        String reader;
        try (TinybirdClient admin = LocalServerFixture.client(LocalServerFixture.get().workspaceAdminToken())) {
            reader = admin.tokens().stream().filter(t -> t.name().equals("create datasource token")).findFirst()
                    .orElseThrow().value();
        }
        try (TinybirdClient client = LocalServerFixture.client(reader)) {
            assertThat(mapped(client::tokens)).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("Perhaps you should use a token with the scopes this operation needs");
        }
    }

    @Test
    void missingResourcesAndInvalidRequestsAreTheUsersToFix() {
        try (TinybirdClient client = LocalServerFixture.client(LocalServerFixture.get().userToken())) {
            assertThat(mapped(() -> client.deleteWorkspace("no-such-workspace")))
                    .isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("Workspace 'no-such-workspace' not found")
                    .hasMessageContaining("Perhaps you should check that workspace 'no-such-workspace' exists");
            assertThat(mapped(() -> client.createWorkspace("1bad"))).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining("Workspace name is not valid");
        }
    }

    @Test
    void serverErrorsAndNoAnswerAreExecutionErrors() throws Exception {
        String user = LocalServerFixture.get().userToken();
        HttpClient http = HttpClient.newHttpClient();
        URI faults = URI.create(LocalServerFixture.get().url() + "/_local/faults");
        http.send(HttpRequest.newBuilder(faults).header("Authorization", "Bearer " + user)
                .PUT(HttpRequest.BodyPublishers.ofString("[{\"path\": \"/v0/auth\", \"status\": 503}]")).build(),
                HttpResponse.BodyHandlers.discarding());
        try (TinybirdClient client = LocalServerFixture.client(user)) {
            assertThat(mapped(client::auth)).isInstanceOf(MojoExecutionException.class).hasMessageContaining("503");
        } finally {
            http.send(HttpRequest.newBuilder(faults).header("Authorization", "Bearer " + user).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TinybirdClient client = TinybirdClient.builder("http://127.0.0.1:" + closedPort, () -> "t")
                .retryPolicy(RetryPolicy.NONE).build()) {
            assertThat(mapped(client::auth)).isInstanceOf(MojoExecutionException.class)
                    .hasMessageContaining("Could not check the token");
        }
    }
}

package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How error answers become exceptions: Tinybird's text, the resource, the request, and a hint. */
class ErrorMappingTest extends CannedClientTest {

    @Test
    void theEnvelopesErrorsListIsAppendedAsTheCliDoes() {
        server.respond(400, "{\"error\": \"There was an error with file contents\", \"errors\": [\"line 3: bad "
                + "date\", \"line 9: too many columns\"], \"quarantine_rows\": 2}");
        assertThatThrownBy(() -> client.createDatasource(Map.of("name", "events", "schema", "a Int8")))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TinybirdApiException.Kind.BAD_REQUEST);
                    assertThat(e.error()).isEqualTo("There was an error with file contents -> errors: "
                            + "[line 3: bad date, line 9: too many columns]");
                    assertThat(e.getMessage()).isEqualTo("Could not create datasource 'events': There was an error "
                            + "with file contents -> errors: [line 3: bad date, line 9: too many columns] "
                            + "[HTTP 400 on POST /v0/datasources]");
                    assertThat(e.body().get("quarantine_rows").asInt()).isEqualTo(2);
                });
    }

    @Test
    void aNonJsonErrorBodyIsQuotedShortAndOnOneLine() {
        server.respond(400, "<html>\n  <body>\n    <h1>400 Bad Request</h1>\n  </body>\n</html>",
                "Content-Type", "text/html");
        assertThatThrownBy(client::auth).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
            assertThat(e.error()).isEqualTo("<html> <body> <h1>400 Bad Request</h1> </body> </html>");
            assertThat(e.body()).isNull();
        });
        server.respond(400, "x".repeat(1000));
        assertThatThrownBy(client::auth).isInstanceOfSatisfying(TinybirdApiException.class,
                e -> assertThat(e.error()).hasSize(301).endsWith("x…"));
    }

    @Test
    void anEmptyErrorBodyNamesTheStatus() {
        server.respond(418, "");
        assertThatThrownBy(client::auth).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
            assertThat(e.error()).startsWith("HTTP 418").endsWith("with an empty body");
            assertThat(e.kind()).isEqualTo(TinybirdApiException.Kind.OTHER);
            assertThat(e.hint()).isNull();
        });
    }

    @Test
    void anUnknownTokenPointsAtTheTokenSettings() {
        server.respond(403, "{\"error\": \"invalid authentication token\", \"documentation\": "
                + "\"https://docs.tinybird.co/api-reference/overview#authentication\"}", "X-Request-Id", "req-42");
        assertThatThrownBy(client::workspace).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
            assertThat(e.isInvalidToken()).isTrue();
            assertThat(e.isForbidden()).isTrue();
            assertThat(e.requestId()).isEqualTo("req-42");
            assertThat(e.documentation()).endsWith("#authentication");
            assertThat(e.getMessage()).isEqualTo("Could not read the token's workspace: invalid authentication "
                    + "token [HTTP 403 on GET /v0/workspace, request id req-42]. Perhaps you should check the token "
                    + "(TB_TOKEN or the settings.xml server): " + server.url() + " does not know it, and tokens "
                    + "only work on the region and workspace they belong to");
        });
    }

    @Test
    void aMissingScopeAsksForAnotherToken() {
        server.respond(403, "{\"error\": \"token needs scope DATASOURCES:CREATE\"}");
        assertThatThrownBy(() -> client.createDatasource(Map.of("name", "e")))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.isInvalidToken()).isFalse();
                    assertThat(e.hint()).contains("scope this operation needs");
                });
        server.respond(403, "{\"error\": \"invalid user authentication\"}");
        assertThatThrownBy(() -> client.createWorkspace("w")).isInstanceOfSatisfying(TinybirdApiException.class,
                e -> assertThat(e.hint()).contains("user token"));
    }

    @Test
    void notFoundIsEmptyForLookupsAndExplainedElsewhere() {
        server.respond(404, "{\"error\": \"Data Source \\\"events\\\" does not exist\"}");
        assertThat(client.datasource("events")).isEmpty();
        server.respond(404, "{\"error\": \"Pipe 'p' not found\"}");
        assertThat(client.pipe("p")).isEmpty();
        server.respond(404, "{\"error\": \"Data Source \\\"events\\\" does not exist\"}");
        assertThatThrownBy(() -> client.truncateDatasource("events"))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Could not truncate datasource 'events': Data Source "
                            + "\"events\" does not exist [HTTP 404 on POST /v0/datasources/events/truncate]. "
                            + "Perhaps you should check that datasource 'events' exists in this workspace and that "
                            + "the token belongs to the right workspace");
                });
    }

    @Test
    void lookupsStillFailOnOtherErrors() {
        server.respond(403, "{\"error\": \"token has no READ scope for p\"}");
        assertThatThrownBy(() -> client.pipe("p")).isInstanceOf(TinybirdApiException.class);
    }

    @Test
    void aConflictIsItsOwnKind() {
        server.respond(409, "{\"error\": \"The Data Source is used by the materialized node mv\"}");
        assertThatThrownBy(() -> client.deleteDatasource("events", false))
                .isInstanceOfSatisfying(TinybirdApiException.class, e -> {
                    assertThat(e.isConflict()).isTrue();
                    assertThat(e.hint()).isEqualTo("Perhaps you should check what depends on datasource 'events' "
                            + "or already uses the name, or use force where the operation allows it");
                });
    }

    @Test
    void redirectsAreNotFollowedSoTheTokenStaysWithTheHost() {
        server.respond(301, "", "Location", "https://api.tinybird.co/v0/auth");
        assertThatThrownBy(client::auth).isInstanceOfSatisfying(TinybirdApiException.class, e -> {
            assertThat(e.status()).isEqualTo(301);
            assertThat(e.hint()).contains("(https://api.tinybird.co/v0/auth)");
        });
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aSuccessfulAnswerThatIsNotJsonIsReported() {
        server.respond(200, "<html>welcome</html>", "Content-Type", "text/html");
        assertThatThrownBy(client::auth).isExactlyInstanceOf(TinybirdClientException.class)
                .hasMessage("Could not check the token: the answer of GET /v0/auth is not JSON (text/html, 20 bytes)."
                        + " Is " + server.url() + " a Tinybird API host?");
    }

    @Test
    void anAlterWithNothingToChangeIsAnEmptyResult() {
        server.respond(400, "{\"error\": \"There were no operations to perform, new schema, ttl and indexes are "
                + "the same as the existing ones\"}");
        AlterResult result = client.alterDatasource("events", Map.of("schema", "a Int8"), true);
        assertThat(result.hasChanges()).isFalse();
        server.respond(400, "{\"error\": \"Cannot remove columns\"}");
        assertThatThrownBy(() -> client.alterDatasource("events", Map.of("schema", "a Int8"), true))
                .isInstanceOf(TinybirdApiException.class);
    }
}

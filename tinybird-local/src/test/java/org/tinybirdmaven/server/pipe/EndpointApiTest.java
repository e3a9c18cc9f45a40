package org.tinybirdmaven.server.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.encode;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.postForm;
import static org.tinybirdmaven.server.TestServer.send;
import static org.tinybirdmaven.server.pipe.PipeApiTest.createPipe;
import static org.tinybirdmaven.server.pipe.PipeApiTest.node;
import static org.tinybirdmaven.server.pipe.PipeApiTest.pipeBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;
import org.tinybirdmaven.server.query.QueryFixtures;

/** The data of published pipes: formats, {@code q}, errors, scopes, pipes reading pipes, workspace isolation. */
class EndpointApiTest {

    private static QueryFixtures.Workspace ws;

    @BeforeAll
    static void data() {
        ws = QueryFixtures.newWorkspace();
        ws.datasource("visits", "d Date, browser String, device String, hits UInt64");
        ws.insert("visits", "('2024-01-01', 'chrome', 'desktop', 2), ('2024-01-01', 'firefox', 'mobile', 1),"
                + " ('2024-01-02', 'chrome', 'desktop', 3), ('2024-01-02', 'chrome', 'mobile', 10)");
        createPipe(ws.token(), "", pipeBody("browsers",
                node("by_browser", "SELECT browser, device, count() AS visits, sum(hits) AS hits FROM visits"
                        + " GROUP BY browser, device", "standard"),
                node("endpoint", "SELECT * FROM by_browser ORDER BY browser, device LIMIT 10", "endpoint")));
    }

    private static String error(TestServer.Response response) {
        return response.json().get("error").asText();
    }

    @Test
    void jsonIsClickHousesEnvelopeWithStatistics() {
        TestServer.Response response = get("/v0/pipes/browsers.json", ws.token());
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("meta", "data", "rows",
                "rows_before_limit_at_least", "statistics");
        assertThat(json.get("meta").toString()).isEqualTo("[{\"name\":\"browser\",\"type\":\"String\"},"
                + "{\"name\":\"device\",\"type\":\"String\"},{\"name\":\"visits\",\"type\":\"UInt64\"},"
                + "{\"name\":\"hits\",\"type\":\"UInt64\"}]");
        assertThat(json.get("data").toString()).isEqualTo("[{\"browser\":\"chrome\",\"device\":\"desktop\","
                + "\"visits\":2,\"hits\":5},{\"browser\":\"chrome\",\"device\":\"mobile\",\"visits\":1,\"hits\":10},"
                + "{\"browser\":\"firefox\",\"device\":\"mobile\",\"visits\":1,\"hits\":1}]");
        assertThat(json.get("rows").asInt()).isEqualTo(3);
        assertThat(json.get("rows_before_limit_at_least").asInt()).isEqualTo(3);
        assertThat(json.get("statistics").fieldNames()).toIterable()
                .containsExactly("elapsed", "rows_read", "bytes_read");
        assertThat(json.get("statistics").get("elapsed").isDouble()).isTrue();
        assertThat(response.raw().headers().firstValue("X-TB-Statistics").orElseThrow())
                .matches("\\{\"elapsed\":[0-9.eE-]+,\"rows_read\":4,\"bytes_read\":[0-9]+}");
    }

    @Test
    void csvNdjsonAndParquetAreServedWithTheirContentTypes() {
        TestServer.Response csv = get("/v0/pipes/browsers.csv", ws.token());
        assertThat(csv.body()).isEqualTo("\"browser\",\"device\",\"visits\",\"hits\"\n\"chrome\",\"desktop\",2,5\n"
                + "\"chrome\",\"mobile\",1,10\n\"firefox\",\"mobile\",1,1\n");
        assertThat(csv.raw().headers().firstValue("Content-Type")).contains("text/csv; charset=UTF-8");
        TestServer.Response ndjson = get("/v0/pipes/browsers.ndjson?q=" + encode("SELECT browser FROM _ LIMIT 1"),
                ws.token());
        assertThat(ndjson.body()).isEqualTo("{\"browser\":\"chrome\"}\n");
        assertThat(ndjson.raw().headers().firstValue("Content-Type")).contains("application/x-ndjson");
        TestServer.Response parquet = get("/v0/pipes/browsers.parquet", ws.token());
        assertThat(parquet.status()).isEqualTo(200);
        assertThat(parquet.body()).startsWith("PAR1");
        TestServer.Response xml = get("/v0/pipes/browsers.xml", ws.token());
        assertThat(xml.status()).isEqualTo(400);
        assertThat(error(xml)).isEqualTo("Format 'xml' not supported, it must be one of json, csv, ndjson, parquet,"
                + " prometheus");
    }

    @Test
    void qRunsOverTheResultAsUnderscoreOrByName() {
        TestServer.Response underscore = get("/v0/pipes/browsers.json?q=" + encode("SELECT sum(hits) AS h FROM _"),
                ws.token());
        assertThat(underscore.json().get("data").toString()).isEqualTo("[{\"h\":16}]");
        TestServer.Response byName = get("/v0/pipes/browsers.json?q=" + encode("SELECT count() AS c FROM browsers"
                + " WHERE device = 'mobile' FORMAT CSV"), ws.token());
        assertThat(byName.json().get("data").toString()).isEqualTo("[{\"c\":2}]");
        TestServer.Response templated = get("/v0/pipes/browsers.json?q=" + encode("% SELECT 1"), ws.token());
        assertThat(templated.status()).isEqualTo(400);
        assertThat(error(templated)).isEqualTo("'q' parameter doesn't support templates");
        TestServer.Response otherData = get("/v0/pipes/browsers.json?q=" + encode("SELECT * FROM visits"),
                ws.token("PIPES:READ:browsers"));
        assertThat(otherData.status()).as("q cannot read what the token cannot").isEqualTo(403);
    }

    @Test
    void postTakesParametersFromAFormOrJson() {
        String q = "SELECT count() AS c FROM _";
        assertThat(postForm("/v0/pipes/browsers.json", ws.token(), Map.of("q", q)).json().get("data").toString())
                .isEqualTo("[{\"c\":3}]");
        TestServer.Response json = send("POST", "/v0/pipes/browsers.json", ws.token(), "application/json",
                ("{\"q\": \"" + q + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(json.json().get("data").toString()).isEqualTo("[{\"c\":3}]");
    }

    @Test
    void accessNeedsAdminOrReadOnThePipe() {
        assertThat(get("/v0/pipes/browsers.json", ws.token("PIPES:READ:browsers")).status()).isEqualTo(200);
        TestServer.Response denied = get("/v0/pipes/browsers.json", ws.token("PIPES:READ:other"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(error(denied)).isEqualTo("The token you have provided doesn't have access to this resource");
        assertThat(get("/v0/pipes/browsers.json", null).status()).isEqualTo(403);
        QueryFixtures.Workspace other = QueryFixtures.newWorkspace();
        TestServer.Response elsewhere = get("/v0/pipes/browsers.json", other.token());
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(error(elsewhere)).isEqualTo("The pipe 'browsers' does not exist");
    }

    @Test
    void aPipeWithoutEndpointIsNotFound() {
        createPipe(ws.token(), "", pipeBody("draft_pipe", node("n", "SELECT 1", "standard")));
        TestServer.Response response = get("/v0/pipes/draft_pipe.json", ws.token());
        assertThat(response.status()).isEqualTo(404);
        assertThat(error(response)).isEqualTo("The pipe 'draft_pipe' does not have an endpoint yet");
    }

    @Test
    void sqlErrorsNameTheEndpointNode() {
        createPipe(ws.token(), "?ignore_sql_errors=true", pipeBody("failing",
                node("boom", "SELECT throwIf(hits > 5, 'too many hits') FROM visits", "endpoint")));
        TestServer.Response response = get("/v0/pipes/failing.json", ws.token());
        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).contains("too many hits").endsWith(" (in node 'boom' from pipe 'failing')");
    }

    @Test
    void templatedEndpointsRenderTheRequestParameters() {
        createPipe(ws.token(), "", pipeBody("templated",
                node("filtered", "%\nSELECT * FROM visits WHERE hits > {{Int32(min_hits, 0)}}"
                        + "{% if defined(browser) %} AND browser = {{String(browser)}}{% end %}", "standard"),
                node("t", "SELECT count() AS c FROM filtered", "endpoint")));
        assertThat(get("/v0/pipes/templated.json", ws.token()).json().get("data").toString())
                .isEqualTo("[{\"c\":4}]");
        assertThat(get("/v0/pipes/templated.json?min_hits=2", ws.token()).json().get("data").toString())
                .isEqualTo("[{\"c\":2}]");
        assertThat(get("/v0/pipes/templated.json?browser=firefox", ws.token()).json().get("data").toString())
                .isEqualTo("[{\"c\":1}]");
        assertThat(postForm("/v0/pipes/templated.json", ws.token(), Map.of("min_hits", "2", "browser", "chrome"))
                .json().get("data").toString()).isEqualTo("[{\"c\":2}]");
        TestServer.Response invalid = get("/v0/pipes/templated.json?min_hits=abc", ws.token());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(error(invalid)).contains("Error validating 'abc' to type Int32");
    }

    @Test
    void requiredParametersAndCustomErrorsAnswerAsTheTemplateSays() {
        createPipe(ws.token(), "", pipeBody("strict",
                node("s", "%\n{% if not defined(day) %}{{ custom_error({'error': 'day is needed', 'code': 42}, 422) }}"
                        + "{% end %}\nSELECT count() AS c FROM visits WHERE d = {{Date(day)}}", "endpoint")));
        TestServer.Response custom = get("/v0/pipes/strict.json", ws.token());
        assertThat(custom.status()).isEqualTo(422);
        assertThat(custom.json().toString()).isEqualTo("{\"error\":\"day is needed\",\"code\":42}");
        assertThat(get("/v0/pipes/strict.json?day=2024-01-02", ws.token()).json().get("data").toString())
                .isEqualTo("[{\"c\":2}]");
        createPipe(ws.token(), "", pipeBody("required",
                node("r", "%\nSELECT count() AS c FROM visits WHERE hits > {{Int32(min_hits)}}", "endpoint")));
        TestServer.Response missing = get("/v0/pipes/required.json", ws.token());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(error(missing)).contains("Required parameter is not defined");
    }

    @Test
    void threeNodesReadEarlierNodesAndAnotherPipe() {
        createPipe(ws.token(), "", pipeBody("daily",
                node("per_day", "SELECT d, sum(hits) AS hits FROM visits GROUP BY d", "standard"),
                node("ranked", "SELECT d, hits, hits >= (SELECT max(hits) FROM per_day) AS best FROM per_day",
                        "standard"),
                node("report", "SELECT ranked.d AS d, ranked.hits AS hits, best, b.hits AS chrome_mobile"
                        + " FROM ranked CROSS JOIN (SELECT hits FROM browsers WHERE browser = 'chrome'"
                        + " AND device = 'mobile') AS b ORDER BY d", "endpoint")));
        TestServer.Response response = get("/v0/pipes/daily.json", ws.token());
        assertThat(response.json().get("data").toString()).isEqualTo(
                "[{\"d\":\"2024-01-01\",\"hits\":3,\"best\":0,\"chrome_mobile\":10},"
                        + "{\"d\":\"2024-01-02\",\"hits\":13,\"best\":1,\"chrome_mobile\":10}]");
        TestServer.Response viaSql = get("/v0/sql?pipeline=daily&q=" + encode("SELECT count() FROM ranked WHERE best"
                + " UNION ALL SELECT count() FROM _"), ws.token());
        assertThat(viaSql.body()).isEqualTo("1\n2\n");
    }

    @Test
    void aReadTokenSeesAPipelinesOutputButNotItsNodes() {
        createPipe(ws.token(), "", pipeBody("layered",
                node("raw", "SELECT browser, hits FROM visits", "standard"),
                node("top", "SELECT browser, sum(hits) AS hits FROM raw GROUP BY browser", "endpoint")));
        String reader = ws.token("PIPES:READ:layered");
        TestServer.Response output = get("/v0/sql?pipeline=layered&q=" + encode("SELECT count() FROM _"), reader);
        assertThat(output.body()).isEqualTo("2\n");
        TestServer.Response node = get("/v0/sql?pipeline=layered&q=" + encode("SELECT * FROM raw"), reader);
        assertThat(node.status()).isEqualTo(403);
        assertThat(error(node)).isEqualTo("Not enough permissions for node 'raw' of pipe 'layered'");
        TestServer.Response otherPipe = get("/v0/sql?q=" + encode("SELECT * FROM browsers"), reader);
        assertThat(otherPipe.status()).isEqualTo(403);
        assertThat(error(otherPipe)).isEqualTo("Not enough permissions for pipe 'browsers'");
        assertThat(get("/v0/sql?pipeline=layered&q=" + encode("SELECT * FROM raw"), ws.token()).status())
                .as("admin tokens read every node").isEqualTo(200);

        createPipe(ws.token(), "?ignore_sql_errors=true", pipeBody("dangling",
                node("gone", "SELECT * FROM whatever", "standard"), node("out", "SELECT * FROM gone", "endpoint")));
        TestServer.Response missing = get("/v0/sql?pipeline=dangling&q=" + encode("SELECT * FROM out"), ws.token());
        assertThat(missing.status()).isEqualTo(403);
        assertThat(error(missing)).isEqualTo("Resource 'whatever' not found");
        TestServer.Response endpoint = get("/v0/pipes/dangling.json", ws.token());
        assertThat(endpoint.status()).isEqualTo(400);
        assertThat(error(endpoint)).isEqualTo("Resource 'whatever' not found (in node 'gone' from pipe 'dangling')");
    }

    @Test
    void pipesCannotReachAnotherWorkspace() {
        QueryFixtures.Workspace other = QueryFixtures.newWorkspace();
        TestServer.Response qualified = createPipe(other.token(), "", pipeBody("spy",
                node("n", "SELECT * FROM " + ws.database() + ".visits", "endpoint")));
        assertThat(qualified.status()).isEqualTo(400);
        assertThat(error(qualified)).isEqualTo("Resource '" + ws.database() + ".visits' not found (in node 'n'"
                + " from pipe 'spy')");
        TestServer.Response byName = createPipe(other.token(), "", pipeBody("spy",
                node("n", "SELECT * FROM browsers", "endpoint")));
        assertThat(error(byName)).isEqualTo("Resource 'browsers' not found (in node 'n' from pipe 'spy')");
        TestServer.Response function = createPipe(other.token(), "", pipeBody("spy",
                node("n", "SELECT * FROM merge('" + ws.database() + "', 'visits')", "endpoint")));
        assertThat(function.status()).isEqualTo(403);
        assertThat(error(function)).isEqualTo("DB::Exception: Usage of function merge is restricted (in node 'n' from"
                + " pipe 'spy')");
    }
}

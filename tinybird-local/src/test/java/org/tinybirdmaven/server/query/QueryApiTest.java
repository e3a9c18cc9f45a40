package org.tinybirdmaven.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.encode;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.post;
import static org.tinybirdmaven.server.TestServer.postForm;
import static org.tinybirdmaven.server.TestServer.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;

/** {@code /v0/sql} and {@code /v0/sql_tables} over real HTTP: formats, errors, scopes and workspace isolation. */
class QueryApiTest {

    private static QueryFixtures.Workspace ws;
    private static String events;

    @BeforeAll
    static void data() {
        ws = QueryFixtures.newWorkspace();
        events = ws.datasource("events", "d Date, kind String, n UInt64");
        ws.insert(events, "('2024-01-01', 'click', 1), ('2024-01-01', 'view', 5000000000), ('2024-01-02', 'click', 3)");
    }

    private static TestServer.Response sql(String q) {
        return get("/v0/sql?q=" + encode(q), ws.token());
    }

    private static String error(TestServer.Response response) {
        return response.json().get("error").asText();
    }

    @Test
    void aMissingQueryIsTinybirdsError() {
        TestServer.Response missing = get("/v0/sql", ws.token());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().toString()).isEqualTo("{\"error\":\"missing q parameter. example q=select%201\","
                + "\"documentation\":\"https://docs.tinybird.co/api-reference/overview\"}");
        TestServer.Response emptyBody = send("POST", "/v0/sql", ws.token(), "text/plain", new byte[0]);
        assertThat(emptyBody.status()).isEqualTo(400);
        assertThat(emptyBody.json().toString()).isEqualTo("{\"error\":\"The request body should contain a query\","
                + "\"documentation\":\"https://docs.tinybird.co/api-reference/query-api.html#post--v0-sql\"}");
    }

    @Test
    void withoutFormatTheResultIsTabSeparatedText() {
        TestServer.Response response = sql("SELECT kind, n FROM events ORDER BY n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("click\t1\nclick\t3\nview\t5000000000\n");
        assertThat(response.raw().headers().firstValue("Content-Type")).contains("text/plain; charset=UTF-8");
    }

    @Test
    void jsonHasExactlyTinybirdsShapeWithUnquoted64BitIntegers() {
        TestServer.Response response = sql("SELECT kind, sum(n) AS total FROM events GROUP BY kind ORDER BY kind"
                + " LIMIT 5 FORMAT JSON");
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("meta", "data", "rows",
                "rows_before_limit_at_least", "statistics");
        assertThat(json.get("meta").toString()).isEqualTo(
                "[{\"name\":\"kind\",\"type\":\"String\"},{\"name\":\"total\",\"type\":\"UInt64\"}]");
        assertThat(json.get("data").toString()).isEqualTo(
                "[{\"kind\":\"click\",\"total\":4},{\"kind\":\"view\",\"total\":5000000000}]");
        assertThat(json.get("rows").asInt()).isEqualTo(2);
        assertThat(json.get("statistics").fieldNames()).toIterable().containsExactly("elapsed", "rows_read",
                "bytes_read");
        assertThat(json.get("statistics").get("rows_read").asLong()).isEqualTo(3);
        assertThat(response.raw().headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
        String statistics = response.raw().headers().firstValue("X-TB-Statistics").orElseThrow();
        assertThat(statistics).startsWith("{\"elapsed\":").contains("\"rows_read\":3");

        TestServer.Response withoutLimit = sql("SELECT count() AS c FROM events FORMAT JSON");
        assertThat(withoutLimit.json().fieldNames()).toIterable().containsExactly("meta", "data", "rows",
                "statistics");
        TestServer.Response quoted = get("/v0/sql?output_format_json_quote_64bit_integers=1&q="
                + encode("SELECT count() AS c FROM events FORMAT JSON"), ws.token());
        assertThat(quoted.json().get("data").toString()).isEqualTo("[{\"c\":\"3\"}]");
    }

    @Test
    void formatIsReadFromTheEndAndLimitedToTheAllowedList() {
        TestServer.Response csv = sql("SELECT kind, n FROM events WHERE n = 1 FORMAT CSVWithNames;");
        assertThat(csv.body()).isEqualTo("\"kind\",\"n\"\n\"click\",1\n");
        assertThat(csv.raw().headers().firstValue("Content-Type")).contains("text/csv; charset=UTF-8");
        TestServer.Response ndjson = sql("SELECT kind FROM events WHERE n = 1 FORMAT JSONEachRow");
        assertThat(ndjson.body()).isEqualTo("{\"kind\":\"click\"}\n");
        assertThat(ndjson.raw().headers().firstValue("Content-Type")).contains("application/x-ndjson");
        TestServer.Response xml = sql("SELECT 1 FORMAT XML");
        assertThat(xml.status()).isEqualTo(403);
        assertThat(error(xml)).isEqualTo("invalid format, available ones: JSON, CSV, CSVWithNames, TSV,"
                + " TSVWithNames, PrettyCompact, JSONEachRow, Parquet, JSONStrings, Prometheus");
        TestServer.Response parquet = sql("SELECT 1 AS a FORMAT Parquet");
        assertThat(parquet.body()).startsWith("PAR1");
    }

    @Test
    void postTakesTheQueryFromARawBodyAFormOrJson() {
        String q = "SELECT count() FROM events";
        assertThat(send("POST", "/v0/sql", ws.token(), "text/plain", q.getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo("3\n");
        assertThat(send("POST", "/v0/sql", ws.token(), null, q.getBytes(StandardCharsets.UTF_8)).body())
                .isEqualTo("3\n");
        assertThat(postForm("/v0/sql", ws.token(), Map.of("q", q)).body()).isEqualTo("3\n");
        assertThat(send("POST", "/v0/sql", ws.token(), "application/json",
                ("{\"q\": \"" + q + "\"}").getBytes(StandardCharsets.UTF_8)).body()).isEqualTo("3\n");
    }

    @Test
    void clickHouseErrorsAre400WithoutTheWorkspaceDatabase() {
        TestServer.Response response = sql("SELECT nope FROM events");
        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response)).startsWith("[Error] Unknown expression identifier `nope`")
                .contains("FROM events").doesNotContain(ws.database());
    }

    @Test
    void datasourcesAreFoundByIdAndTheirQuarantineWithThem() {
        String id = ws.record().datasources.get("events").id();
        assertThat(sql("SELECT count() FROM " + id).body()).isEqualTo("3\n");
        QueryFixtures.sql("CREATE TABLE " + org.tinybirdmaven.server.ClickHouse.table(ws.database(),
                "events_quarantine") + " (c__error String) ENGINE = MergeTree ORDER BY tuple()");
        String reader = ws.token("DATASOURCES:READ:events");
        assertThat(get("/v0/sql?q=" + encode("SELECT count() FROM events_quarantine"), reader).body())
                .isEqualTo("0\n");
    }

    @Test
    void unknownTablesAreMissingResources() {
        TestServer.Response response = sql("SELECT * FROM nothing_here");
        assertThat(response.status()).isEqualTo(403);
        assertThat(error(response)).isEqualTo("Resource 'nothing_here' not found");
        TestServer.Response metadata = sql("SELECT * FROM system.parts");
        assertThat(metadata.status()).isEqualTo(403);
        assertThat(error(metadata)).isEqualTo("Resource 'system.parts' not found");
        assertThat(sql("SELECT sum(number) FROM system.numbers WHERE number < 4").body()).isEqualTo("6\n");
    }

    @Test
    void anotherWorkspacesTablesCannotBeReached() {
        QueryFixtures.Workspace other = QueryFixtures.newWorkspace();
        other.datasource("secrets", "s String");
        other.insert("secrets", "('hidden')");
        assertThat(get("/v0/sql?q=" + encode("SELECT count() FROM secrets"), other.token()).body()).isEqualTo("1\n");

        TestServer.Response unqualified = sql("SELECT * FROM secrets");
        assertThat(unqualified.status()).isEqualTo(403);
        TestServer.Response qualified = sql("SELECT * FROM " + other.database() + ".secrets");
        assertThat(qualified.status()).isEqualTo(403);
        assertThat(error(qualified)).isEqualTo("Resource '" + other.database() + ".secrets' not found");
        TestServer.Response quoted = sql("SELECT * FROM `" + other.database() + "`.`secrets`");
        assertThat(quoted.status()).isEqualTo(403);
        TestServer.Response inSubquery = sql("SELECT 1 WHERE 'hidden' IN (SELECT s FROM " + other.database()
                + ".secrets)");
        assertThat(inSubquery.status()).isEqualTo(403);
        TestServer.Response joinGet = sql("SELECT joinGet('" + other.database() + ".secrets', 's', 1)");
        assertThat(joinGet.status()).isEqualTo(403);
        assertThat(sql("SELECT * FROM system.tables").status()).isEqualTo(403);
        for (String escape : List.of("SELECT * FROM remote('127.0.0.1', '" + other.database() + "', 'secrets')",
                "SELECT * FROM merge('" + other.database() + "', '.*')",
                "SELECT * FROM file('/etc/passwd', 'LineAsString')",
                "SELECT * FROM url('http://localhost/', 'LineAsString')")) {
            TestServer.Response response = sql(escape);
            assertThat(response.status()).as(escape).isEqualTo(403);
            assertThat(error(response)).as(escape).startsWith("DB::Exception: Usage of function ")
                    .endsWith(" is restricted");
        }
    }

    @Test
    void onlyOneReadOnlyStatementRuns() {
        TestServer.Response twoStatements = sql("SELECT 1; DROP TABLE events");
        assertThat(twoStatements.status()).isEqualTo(400);
        assertThat(error(twoStatements)).isEqualTo("Only one statement is supported per query");
        TestServer.Response insert = sql("INSERT INTO events VALUES ('2024-01-01', 'x', 1)");
        assertThat(insert.status()).isEqualTo(400);
        assertThat(insert.json().toString()).isEqualTo("{\"error\":\"DB::Exception: Only SELECT or DESCRIBE queries"
                + " are supported. Got: InsertQuery\",\"documentation\":"
                + "\"https://docs.tinybird.co/query/query-parameters.html\"}");
        assertThat(error(sql("show tables"))).endsWith("Got: ShowTablesQuery");
        TestServer.Response outfile = sql("SELECT 1 INTO OUTFILE '/tmp/tinybird-local-outfile'");
        assertThat(error(outfile)).isEqualTo("INTO OUTFILE is not supported");
        assertThat(sql("SELECT count() FROM events;").body()).isEqualTo("3\n");
    }

    @Test
    void serviceDatasourcesAnswerNoRows() {
        TestServer.Response stats = sql("SELECT pipe_name, count() FROM tinybird.pipe_stats_rt"
                + " WHERE start_datetime > now() - INTERVAL 1 DAY GROUP BY pipe_name FORMAT JSON");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("rows").asInt()).isZero();
        assertThat(sql("SELECT count() FROM tinybird.datasources_ops_log").body()).isEqualTo("0\n");
        TestServer.Response unknown = sql("SELECT * FROM tinybird.nope");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(error(unknown)).isEqualTo("Resource 'tinybird.nope' not found");
        String reader = ws.token("DATASOURCES:READ:events");
        TestServer.Response notAdmin = get("/v0/sql?q=" + encode("SELECT count() FROM tinybird.datasources_ops_log"),
                reader);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(error(notAdmin)).isEqualTo("Services Data Sources like 'tinybird.datasources_ops_log' can't be"
                + " directly accessed without an ADMIN token. If you need to access it with a non ADMIN token you can"
                + " read it from a Pipe and create a token with just read access to that Pipe");
        String serviceReader = ws.token("DATASOURCES:READ:tinybird.datasources_ops_log");
        assertThat(get("/v0/sql?q=" + encode("SELECT count() FROM tinybird.datasources_ops_log"), serviceReader)
                .body()).isEqualTo("0\n");
    }

    @Test
    void resourceTokensReadOnlyTheirDatasources() {
        ws.datasource("other_events", "x UInt8");
        String reader = ws.token("DATASOURCES:READ:events");
        assertThat(get("/v0/sql?q=" + encode("SELECT count() FROM events"), reader).body()).isEqualTo("3\n");
        TestServer.Response denied = get("/v0/sql?q=" + encode("SELECT count() FROM other_events"), reader);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(error(denied)).isEqualTo("Not enough permissions for datasource 'other_events'");
        assertThat(get("/v0/sql?q=" + encode("SELECT 1"), null).status()).isEqualTo(403);
    }

    @Test
    void aFilteredReadScopeSeesOnlyTheMatchingRows() {
        String filtered = ws.token("DATASOURCES:READ:events:kind = 'click'");
        assertThat(get("/v0/sql?q=" + encode("SELECT count(), sum(n) FROM events"), filtered).body())
                .isEqualTo("2\t4\n");
        assertThat(get("/v0/sql?q=" + encode("SELECT count() FROM events AS e WHERE e.n > 0"), filtered).body())
                .isEqualTo("2\n");
    }

    @Test
    void anUnknownPipelineIsForbidden() {
        TestServer.Response response = get("/v0/sql?pipeline=nope&q=" + encode("SELECT * FROM _"), ws.token());
        assertThat(response.status()).isEqualTo(403);
        assertThat(error(response)).isEqualTo("Resource 'nope' not found");
    }

    @Test
    void describeShowsTheColumnsOfADatasourceOrQuery() {
        assertThat(sql("DESCRIBE TABLE events").body()).startsWith("d\tDate\t").contains("\nkind\tString\t");
        assertThat(sql("DESC (SELECT count() AS c FROM events) FORMAT JSONEachRow").body())
                .startsWith("{\"name\":\"c\",\"type\":\"UInt64\"");
        assertThat(sql("DESCRIBE nowhere").status()).isEqualTo(403);
    }

    @Test
    void templateParametersMustBeAJsonObject() {
        TestServer.Response invalid = get("/v0/sql?template_parameters=oops&q=" + encode("SELECT 1"), ws.token());
        assertThat(invalid.json().toString()).isEqualTo("{\"error\":\"template_parameters must be a well-formed"
                + " JSON\",\"documentation\":\"https://docs.tinybird.co/api-reference/query-api.html#get--v0-sql\"}");
    }

    @Test
    void templatedQueriesAreRenderedWithTheOtherParameters() {
        assertThat(get("/v0/sql?x=7&q=" + encode("% SELECT {{Int32(x, 5)}} AS v"), ws.token()).body())
                .isEqualTo("7\n");
        assertThat(get("/v0/sql?q=" + encode("% SELECT {{Int32(x, 5)}} AS v"), ws.token()).body())
                .isEqualTo("5\n");
        String byKind = encode("%\nSELECT count() FROM events WHERE kind = {{String(kind, 'click')}}");
        assertThat(get("/v0/sql?template_parameters=" + encode("{\"kind\": \"view\"}") + "&q=" + byKind,
                ws.token()).body()).isEqualTo("1\n");
        byte[] posted = "%\nSELECT count() AS c FROM events WHERE kind = {{String(kind, 'click')}} FORMAT JSON"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(send("POST", "/v0/sql?kind=view", ws.token(), "text/plain", posted).json().get("data").toString())
                .isEqualTo("[{\"c\":1}]");
    }

    @Test
    void templateErrorsAreTinybirds() {
        TestServer.Response unclosed = sql("%\n    select * from events\n    {% if defined(whatever) %}\n    where 2\n"
                + "    {% else %}\n");
        assertThat(unclosed.status()).isEqualTo(400);
        assertThat(error(unclosed)).startsWith("Syntax error: Missing {% end %} block for if at line ");
        TestServer.Response placeholder = sql("%\n{% if days > 90 %}\nselect 1\n{% end %}");
        assertThat(placeholder.status()).isEqualTo(400);
        assertThat(error(placeholder)).contains("If you are using a dynamic parameter, you need to wrap it around a"
                + " valid Data Type (e.g. Int8(placeholder))");
        assertThat(placeholder.json().get("documentation").asText()).contains("/query/query-parameters.html");
    }

    @Test
    void sqlTablesListsTheTablesAQueryReads() {
        TestServer.Response response = post("/v0/sql_tables?q=" + encode("SELECT * FROM events e JOIN"
                + " tinybird.pipe_stats_rt p ON 1 = 1 WHERE x IN (SELECT y FROM other_pipe)"), ws.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo(
                "{\"tables\":[[\"\",\"events\"],[\"tinybird\",\"pipe_stats_rt\"],[\"\",\"other_pipe\"]]}");
        assertThat(post("/v0/sql_tables?raising=true&q=" + encode("SELECT (("), ws.token()).status())
                .isEqualTo(400);
        assertThat(post("/v0/sql_tables?q=" + encode("SELECT (("), ws.token()).json().toString())
                .isEqualTo("{\"tables\":[]}");
    }
}

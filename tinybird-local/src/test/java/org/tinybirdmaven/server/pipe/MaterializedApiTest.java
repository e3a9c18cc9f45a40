package org.tinybirdmaven.server.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.delete;
import static org.tinybirdmaven.server.TestServer.encode;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.pipe.PipeApiTest.createPipe;
import static org.tinybirdmaven.server.pipe.PipeApiTest.node;
import static org.tinybirdmaven.server.pipe.PipeApiTest.pipeBody;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.TestServer;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.query.QueryFixtures;

/** Materialized nodes: views that keep up with inserts, created targets, populate jobs, overrides and deletes. */
class MaterializedApiTest {

    private static QueryFixtures.Workspace ws;

    @BeforeAll
    static void workspace() {
        ws = QueryFixtures.newWorkspace();
    }

    private static String materialized(String name, String sql, String target, String engine) {
        return "{\"name\": \"" + name + "\", \"sql\": " + PipeApiTest.json(sql) + ", \"type\": \"materialized\","
                + " \"datasource\": \"" + target + "\"" + engine + "}";
    }

    private static String count(String sql) {
        return get("/v0/sql?q=" + encode(sql), ws.token()).body().strip();
    }

    static JsonNode await(String token, String jobId) throws InterruptedException {
        return TestServer.awaitJob(token, jobId, java.time.Duration.ofSeconds(20));
    }

    @Test
    void aViewIntoAnExistingDatasourceKeepsUpWithInserts() {
        String source = ws.datasource(QueryFixtures.unique("clicks"), "d Date, user String, ok UInt8");
        String target = ws.datasource(QueryFixtures.unique("per_day"), "d Date, c UInt64");
        ws.insert(source, "('2024-01-01', 'a', 1)");
        String pipe = QueryFixtures.unique("mv_existing");
        TestServer.Response created = createPipe(ws.token(), "", pipeBody(pipe,
                node("valid", "SELECT * FROM " + source + " WHERE ok = 1", "standard"),
                materialized("agg", "SELECT d, count() AS c FROM valid GROUP BY d", target, "")));
        assertThat(created.status()).isEqualTo(200);
        JsonNode json = created.json();
        assertThat(json.get("type").asText()).isEqualTo("materialized");
        assertThat(json.get("created_datasource").asBoolean()).isFalse();
        assertThat(json.get("datasource").get("name").asText()).isEqualTo(target);
        assertThat(json.has("job")).isFalse();
        DatasourceRecord targetRecord = ws.record().datasources.get(target);
        assertThat(json.get("nodes").get(1).get("materialized").asText()).isEqualTo(targetRecord.id());
        NodeRecord stored = ws.record().pipes.get(pipe).nodes().get(1);
        assertThat(stored.materialized()).as("the catalog records the target").isEqualTo(targetRecord.id());

        assertThat(count("SELECT count() FROM " + target)).as("no populate: old rows stay out").isEqualTo("0");
        ws.insert(source, "('2024-01-02', 'a', 1), ('2024-01-02', 'b', 1), ('2024-01-02', 'c', 0)");
        ws.insert(source, "('2024-01-03', 'a', 1)");
        assertThat(count("SELECT d, sum(c) FROM " + target + " GROUP BY d ORDER BY d"))
                .isEqualTo("2024-01-02\t2\n2024-01-03\t1");

        assertThat(delete("/v0/pipes/" + pipe, ws.token()).status()).isEqualTo(204);
        ws.insert(source, "('2024-01-04', 'a', 1)");
        assertThat(count("SELECT count() FROM " + target)).as("the view is gone with the pipe").isEqualTo("2");
        assertThat(count("SELECT count() FROM " + source)).isEqualTo("6");
    }

    @Test
    void aMissingTargetIsCreatedFromTheEngineParametersAndPopulated() throws InterruptedException {
        String source = ws.datasource(QueryFixtures.unique("sales"), "d Date, product String, amount Float64");
        ws.insert(source, "('2024-01-01', 'a', 1.5), ('2024-01-01', 'b', 2), ('2024-01-02', 'a', 4)");
        String target = QueryFixtures.unique("sales_by_product");
        String pipe = QueryFixtures.unique("mv_created");
        TestServer.Response created = createPipe(ws.token(), "?populate=true", pipeBody(pipe,
                materialized("agg", "SELECT product, sumState(amount) AS total, countState() AS n FROM " + source
                        + " GROUP BY product", target, ", \"engine\": \"AggregatingMergeTree\","
                        + " \"engine_sorting_key\": \"product\"")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("created_datasource").asBoolean()).isTrue();
        assertThat(created.json().get("datasource").get("engine").toString()).isEqualTo(
                "{\"engine\":\"AggregatingMergeTree\",\"engine_sorting_key\":\"product\"}");
        DatasourceRecord record = ws.record().datasources.get(target);
        assertThat(record.schema()).isEqualTo("`product` String, `total` AggregateFunction(sum, Float64),"
                + " `n` AggregateFunction(count)");
        String ddl = QueryFixtures.server().services().clickHouse().query("SHOW CREATE TABLE "
                + ClickHouse.table(ws.database(), target), "TSVRaw").text();
        assertThat(ddl).contains("ENGINE = AggregatingMergeTree").contains("ORDER BY product");

        JsonNode job = created.json().get("job");
        assertThat(job.get("kind").asText()).isEqualTo("populateview");
        assertThat(job.get("job_url").asText()).endsWith("/v0/jobs/" + job.get("id").asText());
        assertThat(job.get("datasource").get("name").asText()).isEqualTo(target);
        JsonNode done = await(ws.token(), job.get("id").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");

        ws.insert(source, "('2024-01-03', 'b', 10)");
        assertThat(count("SELECT product, sumMerge(total), countMerge(n) FROM " + target
                + " GROUP BY product ORDER BY product")).isEqualTo("a\t5.5\t2\nb\t12\t2");
        TestServer.Response again = createPipe(ws.token(), "?force=true", pipeBody(pipe,
                materialized("agg", "SELECT product, sumState(amount) AS total, countState() AS n FROM " + source
                        + " GROUP BY product", target, "")));
        assertThat(again.json().get("created_datasource").asBoolean()).as("the target now exists").isFalse();
    }

    @Test
    void overridingAMaterializedPipeReplacesItsView() {
        String source = ws.datasource(QueryFixtures.unique("raw"), "v UInt32");
        String target = ws.datasource(QueryFixtures.unique("copies"), "v UInt32");
        String pipe = QueryFixtures.unique("mv_override");
        createPipe(ws.token(), "", pipeBody(pipe, materialized("m", "SELECT v FROM " + source, target, "")));
        createPipe(ws.token(), "?force=true", pipeBody(pipe,
                materialized("m", "SELECT v * 10 AS v FROM " + source, target, "")));
        ws.insert(source, "(1)");
        assertThat(count("SELECT groupArray(v) FROM " + target)).as("only the new view writes").isEqualTo("[10]");
        String views = QueryFixtures.server().services().clickHouse().query("SELECT length(dependencies_table)"
                + " FROM system.tables WHERE database = " + ClickHouse.string(ws.database()) + " AND name = "
                + ClickHouse.string(source), "TSV").text().strip();
        assertThat(views).isEqualTo("1");
    }

    @Test
    void aPopulateConditionLimitsTheBackfillToMatchingSourceRows() throws InterruptedException {
        String source = ws.datasource(QueryFixtures.unique("readings"), "d Date, v UInt32");
        ws.insert(source, "('2024-01-01', 1), ('2024-02-01', 2), ('2024-03-01', 3)");
        String target = QueryFixtures.unique("recent");
        TestServer.Response created = createPipe(ws.token(), "?populate=true&populate_condition="
                + encode("d >= '2024-02-01'"), pipeBody(QueryFixtures.unique("mv_condition"),
                materialized("m", "SELECT d, v FROM " + source, target, ", \"engine_sorting_key\": \"d\"")));
        JsonNode done = await(ws.token(), created.json().get("job").get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(count("SELECT groupArray(v) FROM (SELECT v FROM " + target + " ORDER BY v)")).isEqualTo("[2,3]");
    }

    @Test
    void aNodeIsMaterializedRepopulatedAndUnlinkedThroughItsSubResources() throws InterruptedException {
        String source = ws.datasource(QueryFixtures.unique("logs"), "level String");
        ws.insert(source, "('error'), ('info')");
        String pipe = QueryFixtures.unique("mv_subresources");
        createPipe(ws.token(), "", pipeBody(pipe, node("errors", "SELECT level FROM " + source
                + " WHERE level = 'error'", "standard")));
        String target = QueryFixtures.unique("errors_only");
        TestServer.Response materialized = TestServer.post("/v0/pipes/" + pipe + "/nodes/errors/materialization"
                + "?datasource=" + target + "&engine=MergeTree&engine_sorting_key=level&populate=true", ws.token());
        assertThat(materialized.status()).as(materialized.body()).isEqualTo(200);
        assertThat(materialized.json().get("node_type").asText()).isEqualTo("materialized");
        assertThat(materialized.json().get("created_datasource").asBoolean()).isTrue();
        assertThat(await(ws.token(), materialized.json().get("job").get("id").asText()).get("status").asText())
                .isEqualTo("done");
        ws.insert(source, "('error')");
        assertThat(count("SELECT count() FROM " + target)).isEqualTo("2");

        TestServer.Response repopulated = TestServer.post("/v0/pipes/" + pipe + "/nodes/errors/population"
                + "?truncate=true", ws.token());
        assertThat(repopulated.status()).isEqualTo(200);
        assertThat(await(ws.token(), repopulated.json().get("job").get("id").asText()).get("status").asText())
                .isEqualTo("done");
        assertThat(count("SELECT count() FROM " + target)).as("truncated, then both errors again").isEqualTo("2");

        assertThat(delete("/v0/pipes/" + pipe + "/nodes/errors/materialization", ws.token()).status())
                .isEqualTo(204);
        ws.insert(source, "('error')");
        assertThat(count("SELECT count() FROM " + target)).as("unlinked: no longer materialized").isEqualTo("2");
        JsonNode node = get("/v0/pipes/" + pipe, ws.token()).json().get("nodes").get(0);
        assertThat(node.get("node_type").asText()).isEqualTo("standard");
        assertThat(node.get("materialized").isNull()).isTrue();
        assertThat(TestServer.post("/v0/pipes/" + pipe + "/nodes/errors/population", ws.token()).json()
                .get("error").asText()).isEqualTo("Node 'errors' is not materialized");
    }

    @Test
    void viewsAndPipesSurviveARestart() throws Exception {
        String source = ws.datasource(QueryFixtures.unique("persisted"), "v UInt32");
        String target = QueryFixtures.unique("persisted_sum");
        String pipe = QueryFixtures.unique("mv_restart");
        createPipe(ws.token(), "", pipeBody(pipe, materialized("m", "SELECT sum(v) AS s FROM " + source, target,
                ", \"engine\": \"SummingMergeTree\"")));
        TestServer.restart();
        ws.insert(source, "(1), (2)");
        assertThat(count("SELECT sum(s) FROM " + target)).isEqualTo("3");
        JsonNode node = get("/v0/pipes/" + pipe, ws.token()).json().get("nodes").get(0);
        assertThat(node.get("materialized").asText()).isEqualTo(ws.record().datasources.get(target).id());
        assertThat(delete("/v0/pipes/" + pipe, ws.token()).status()).isEqualTo(204);
        ws.insert(source, "(4)");
        assertThat(count("SELECT sum(s) FROM " + target)).isEqualTo("3");
    }

    @Test
    void aViewThatCannotWriteIntoItsTargetIsRejected() {
        String source = ws.datasource(QueryFixtures.unique("src"), "a UInt8");
        String target = ws.datasource(QueryFixtures.unique("dst"), "b UInt8");
        String pipe = QueryFixtures.unique("mv_mismatch");
        TestServer.Response response = createPipe(ws.token(), "", pipeBody(pipe,
                materialized("m", "SELECT a FROM " + source, target, "")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("The pipe has columns ['a'] not found in the"
                + " destination Data Source.");
        TestServer.Response badEngine = createPipe(ws.token(), "", pipeBody(pipe,
                materialized("m", "SELECT a FROM " + source, QueryFixtures.unique("new_dst"),
                        ", \"engine\": \"ReplacingMergeTree\", \"engine_sign\": \"a\"")));
        assertThat(badEngine.status()).isEqualTo(400);
        assertThat(badEngine.json().get("error").asText()).endsWith(" (in node 'm' from pipe '" + pipe + "')");
        TestServer.Response noTarget = createPipe(ws.token(), "", pipeBody(pipe,
                "{\"name\": \"m\", \"sql\": \"SELECT 1\", \"type\": \"materialized\"}"));
        assertThat(noTarget.json().get("error").asText()).isEqualTo("The 'datasource' parameter is mandatory.");
        TestServer.Response templated = createPipe(ws.token(), "", pipeBody(pipe,
                materialized("m", "%\nSELECT a FROM " + source, target, "")));
        assertThat(templated.json().get("error").asText()).isEqualTo("Materialized nodes don't support templates."
                + " Please remove any `{% ... %}` template code or the `%` mark from this pipe node.");
        String creator = ws.token("PIPES:CREATE");
        TestServer.Response notAllowed = createPipe(creator, "", pipeBody(pipe,
                materialized("m", "SELECT a FROM " + source, QueryFixtures.unique("not_created"), "")));
        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(notAllowed.json().get("error").asText()).isEqualTo("Forbidden. Provided token doesn't have"
                + " permissions to create the datasource required in the materialized node, it also needs ``ADMIN``"
                + " or ``DATASOURCES:CREATE`` scope.");
    }
}

package org.tinybirdmaven.server.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.encode;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.post;
import static org.tinybirdmaven.server.pipe.MaterializedApiTest.await;
import static org.tinybirdmaven.server.pipe.PipeApiTest.createPipe;
import static org.tinybirdmaven.server.pipe.PipeApiTest.node;
import static org.tinybirdmaven.server.pipe.PipeApiTest.pipeBody;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;
import org.tinybirdmaven.server.query.QueryFixtures;

/** Copy pipes: configuration, on-demand copy jobs in append and replace mode, failures that lose nothing. */
class CopyApiTest {

    private static QueryFixtures.Workspace ws;
    private static String source;

    @BeforeAll
    static void data() {
        ws = QueryFixtures.newWorkspace();
        source = ws.datasource("orders", "id UInt32, amount UInt32");
        ws.insert(source, "(1, 10), (2, 20), (3, 30)");
    }

    private static String copyNode(String sql, String target, String extra) {
        return "{\"name\": \"snapshot\", \"sql\": " + PipeApiTest.json(sql) + ", \"type\": \"copy\","
                + " \"target_datasource\": \"" + target + "\"" + extra + "}";
    }

    private static String rows(String target) {
        return get("/v0/sql?q=" + encode("SELECT groupArray(id) FROM (SELECT id FROM " + target + " ORDER BY id)"),
                ws.token()).body().strip();
    }

    private static JsonNode runCopy(String pipe, String query) throws InterruptedException {
        TestServer.Response response = post("/v0/pipes/" + pipe + "/copy" + query, ws.token());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode job = response.json().get("job");
        assertThat(job.get("kind").asText()).isEqualTo("copy");
        assertThat(response.json().get("job_id").asText()).isEqualTo(job.get("id").asText());
        return await(ws.token(), job.get("id").asText());
    }

    @Test
    void aCopyPipeAppendsOnDemandIntoTheCreatedTarget() throws InterruptedException {
        String target = QueryFixtures.unique("big_orders");
        TestServer.Response created = createPipe(ws.token(), "", pipeBody("copy_big",
                node("big", "SELECT * FROM orders WHERE amount >= 20", "standard"),
                copyNode("SELECT id, amount FROM big", target, ", \"copy_schedule\": \"@on-demand\"")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode pipe = created.json();
        assertThat(pipe.get("type").asText()).isEqualTo("copy");
        assertThat(pipe.get("created_datasource").asBoolean()).isTrue();
        assertThat(pipe.get("copy_node").asText()).isEqualTo(pipe.get("nodes").get(1).get("id").asText());
        assertThat(pipe.get("copy_target_datasource").asText()).isEqualTo(pipe.get("datasource").get("id").asText());
        assertThat(pipe.get("schedule").toString()).isEqualTo("{}");
        assertThat(pipe.get("nodes").get(1).get("mode").asText()).isEqualTo("append");
        assertThat(rows(target)).isEqualTo("[]");

        JsonNode job = runCopy("copy_big", "");
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("datasource").get("name").asText()).isEqualTo(target);
        assertThat(job.get("pipe_name").asText()).isEqualTo("copy_big");
        assertThat(rows(target)).isEqualTo("[2,3]");
        assertThat(runCopy("copy_big", "").get("status").asText()).isEqualTo("done");
        assertThat(rows(target)).isEqualTo("[2,2,3,3]");
        assertThat(runCopy("copy_big", "?_mode=replace").get("status").asText()).isEqualTo("done");
        assertThat(rows(target)).isEqualTo("[2,3]");
    }

    @Test
    void aFailingReplaceLeavesTheTargetAsItWas() throws InterruptedException {
        String target = ws.datasource(QueryFixtures.unique("kept"), "id UInt32, amount UInt32");
        ws.insert(target, "(7, 70)");
        createPipe(ws.token(), "", pipeBody("copy_failing",
                copyNode("SELECT id, amount + throwIf(id = 3, 'bad order') AS amount FROM orders", target,
                        ", \"mode\": \"replace\", \"copy_schedule\": \"0 * * * *\"")));
        JsonNode job = runCopy("copy_failing", "");
        assertThat(job.get("status").asText()).isEqualTo("error");
        assertThat(job.get("error").asText()).contains("bad order")
                .endsWith(" (in node 'snapshot' from pipe 'copy_failing')");
        assertThat(rows(target)).isEqualTo("[7]");
        JsonNode pipe = get("/v0/pipes/copy_failing", ws.token()).json();
        assertThat(pipe.get("schedule").toString()).isEqualTo("{\"cron\":\"0 * * * *\",\"timezone\":\"Etc/UTC\"}");
        assertThat(pipe.get("nodes").get(0).get("mode").asText()).isEqualTo("replace");
        String export = get("/v0/pipes/copy_failing.pipe", ws.token()).body();
        assertThat(export).contains("TYPE copy\nTARGET_DATASOURCE " + target + "\nCOPY_MODE replace\n"
                + "COPY_SCHEDULE \"0 * * * *\"\n");
    }

    @Test
    void aNodeBecomesACopyNodeThroughItsSubResource() throws InterruptedException {
        String target = ws.datasource(QueryFixtures.unique("configured"), "id UInt32");
        createPipe(ws.token(), "", pipeBody("copy_configured", node("ids", "SELECT id FROM orders", "standard")));
        TestServer.Response configured = TestServer.send("PUT", "/v0/pipes/copy_configured/nodes/ids/copy"
                + "?target_datasource=" + target + "&schedule_cron=None&mode=append", ws.token(), null, null);
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.json().get("node_type").asText()).isEqualTo("copy");
        assertThat(get("/v0/pipes/copy_configured", ws.token()).json().get("schedule").toString()).isEqualTo("{}");
        assertThat(runCopy("copy_configured", "").get("status").asText()).isEqualTo("done");
        assertThat(rows(target)).isEqualTo("[1,2,3]");
        assertThat(TestServer.delete("/v0/pipes/copy_configured/nodes/ids/copy", ws.token()).status())
                .isEqualTo(204);
        assertThat(post("/v0/pipes/copy_configured/copy", ws.token()).status()).isEqualTo(403);
    }

    @Test
    void copySettingsAndRunsAreValidated() {
        String target = QueryFixtures.unique("never");
        TestServer.Response badMode = createPipe(ws.token(), "", pipeBody("copy_bad",
                copyNode("SELECT id FROM orders", target, ", \"mode\": \"upsert\"")));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().get("error").asText())
                .isEqualTo("Invalid mode \"upsert\", valid modes are append, replace");
        TestServer.Response badCron = createPipe(ws.token(), "", pipeBody("copy_bad",
                copyNode("SELECT id FROM orders", target, ", \"copy_schedule\": \"every hour\"")));
        assertThat(badCron.json().get("error").asText()).isEqualTo("\"schedule_cron\" is invalid. \"every hour\" is"
                + " not a valid crontab expression. Use a valid crontab expression or contact us at"
                + " support@tinybird.co");
        assertThat(get("/v0/sql?q=" + encode("SELECT 1 FROM " + target), ws.token()).status())
                .as("nothing was created").isEqualTo(403);

        createPipe(ws.token(), "", pipeBody("not_a_copy", node("n", "SELECT 1", "endpoint")));
        TestServer.Response notCopy = post("/v0/pipes/not_a_copy/copy", ws.token());
        assertThat(notCopy.status()).isEqualTo(403);
        assertThat(notCopy.json().get("error").asText()).isEqualTo("The pipe 'not_a_copy' should be a copy pipe");
        assertThat(post("/v0/pipes/no_such_pipe/copy", ws.token()).status()).isEqualTo(404);
    }
}

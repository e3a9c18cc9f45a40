package org.tinybirdmaven.server.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.TestServer.delete;
import static org.tinybirdmaven.server.TestServer.encode;
import static org.tinybirdmaven.server.TestServer.get;
import static org.tinybirdmaven.server.TestServer.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.TestServer;
import org.tinybirdmaven.server.catalog.TokenRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.query.QueryFixtures;

/**
 * Branches over real HTTP: a main workspace with a datasource fed by the Events API, a materialized view into a
 * second datasource and an endpoint over it, with data in two monthly partitions (February appended before January,
 * so "last" cannot mean "last written").
 */
class EnvironmentApiTest {

    private static QueryFixtures.Workspace main;
    private static String readerToken;

    @BeforeAll
    static void mainWorkspace() {
        main = QueryFixtures.newWorkspace();
        createDatasource("events", "`d` Date `json:$.d`, `product` String `json:$.product`, `n` UInt32 `json:$.n`");
        createDatasource("daily", "`d` Date, `product` String, `n` UInt64");
        createPipe("{\"name\": \"to_daily\", \"nodes\": [{\"name\": \"agg\", \"type\": \"materialized\","
                + " \"datasource\": \"daily\", \"sql\": \"SELECT d, product, sum(n) AS n FROM events"
                + " GROUP BY d, product\"}]}");
        createPipe("{\"name\": \"totals\", \"nodes\": [{\"name\": \"out\", \"type\": \"endpoint\","
                + " \"sql\": \"SELECT product, sum(n) AS total FROM daily GROUP BY product ORDER BY product\"}]}");
        append(main.token(), "{\"d\": \"2024-02-01\", \"product\": \"a\", \"n\": 10}\n"
                + "{\"d\": \"2024-02-02\", \"product\": \"b\", \"n\": 20}\n"
                + "{\"d\": \"2024-02-03\", \"product\": \"a\", \"n\": 30}");
        append(main.token(), "{\"d\": \"2024-01-01\", \"product\": \"a\", \"n\": 1}\n"
                + "{\"d\": \"2024-01-02\", \"product\": \"b\", \"n\": 2}");
        readerToken = main.token("DATASOURCES:READ:events");
        assertThat(sql(main.token(), "SELECT count() FROM events")).isEqualTo("5");
        assertThat(sql(main.token(), "SELECT sum(n) FROM daily")).isEqualTo("63");
    }

    private static void createDatasource(String name, String schema) {
        TestServer.Response response = TestServer.postForm("/v0/datasources", main.token(), Map.of("name", name,
                "schema", schema, "format", schema.contains("json:") ? "ndjson" : "csv", "engine", "MergeTree", "engine_partition_key", "toYYYYMM(d)",
                "engine_sorting_key", "d, product"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static void createPipe(String body) {
        TestServer.Response response = TestServer.send("POST", "/v0/pipes", main.token(), "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static void append(String token, String ndjson) {
        TestServer.Response response = TestServer.send("POST", "/v0/events?name=events&wait=true", token, null,
                ndjson.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static String sql(String token, String query) {
        TestServer.Response response = get("/v0/sql?q=" + encode(query), token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    private static String error(TestServer.Response response) {
        return response.json().get("error").asText();
    }

    /** Creates a branch, waits for its data job, and returns the finished job. */
    private static Branch branch(String data) throws InterruptedException {
        String name = QueryFixtures.unique("branch");
        TestServer.Response created = post("/v0/environments?name=" + name + "&data=" + data, main.token());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode job = created.json().get("job");
        assertThat(job.get("kind").asText()).isEqualTo("data_branch");
        assertThat(job.get("job_url").asText()).endsWith("/v0/jobs/" + job.get("id").asText());
        JsonNode workspace = created.json().get("workspace");
        assertThat(workspace.get("name").asText()).isEqualTo(name);
        assertThat(workspace.get("is_branch").asBoolean()).isTrue();
        assertThat(workspace.get("main").asText()).isEqualTo(main.record().id);
        JsonNode done = await(main.token(), job.get("id").asText());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        String token = get("/v0/environments/" + name, main.token()).json().get("token").asText();
        return new Branch(workspace.get("id").asText(), name, token, done);
    }

    private record Branch(String id, String name, String token, JsonNode job) {

        WorkspaceRecord record() {
            return QueryFixtures.server().services().catalog().read(state -> state.workspace(id).orElseThrow());
        }

        /** The partitions the job reports for a datasource, as {@code partition:status}. */
        List<String> partitions(String datasource) {
            List<String> found = new ArrayList<>();
            for (JsonNode entry : job.get("result").get("partitions")) {
                if (entry.get("datasource").get("name").asText().equals(datasource)) {
                    entry.get("partitions").forEach(p -> found.add(p.get("partition").asText() + ":"
                            + p.get("status").asText()));
                }
            }
            return found;
        }
    }

        static JsonNode await(String token, String jobId) throws InterruptedException {
        return TestServer.awaitJob(token, jobId, java.time.Duration.ofSeconds(30));
    }

    @Test
    void lastPartitionCopiesTheMostRecentPartitionAndTheBranchWorksOnItsOwn() throws InterruptedException {
        Branch branch = branch("last_partition");
        assertThat(branch.partitions("events")).containsExactly("202402:done");
        assertThat(branch.partitions("daily")).containsExactly("202402:done");

        assertThat(sql(branch.token(), "SELECT count() FROM events")).isEqualTo("3");
        assertThat(sql(branch.token(), "SELECT sum(n) FROM daily")).as("the view's target is copied, not"
                + " materialized again").isEqualTo("60");
        JsonNode totals = get("/v0/pipes/totals.json", branch.token()).json().get("data");
        assertThat(totals.toString()).isEqualTo("[{\"product\":\"a\",\"total\":40},{\"product\":\"b\",\"total\":20}]");

        append(branch.token(), "{\"d\": \"2024-03-01\", \"product\": \"c\", \"n\": 100}");
        assertThat(sql(branch.token(), "SELECT sum(n) FROM daily")).as("materialized in the branch").isEqualTo("160");
        assertThat(sql(main.token(), "SELECT sum(n) FROM daily")).as("main is untouched").isEqualTo("63");
        assertThat(sql(main.token(), "SELECT count() FROM events")).isEqualTo("5");
    }

    @Test
    void allPartitionsCopiesEverything() throws InterruptedException {
        Branch branch = branch("all_partitions");
        assertThat(branch.partitions("events")).containsExactly("202401:done", "202402:done");
        assertThat(sql(branch.token(), "SELECT count() FROM events")).isEqualTo("5");
        assertThat(sql(branch.token(), "SELECT sum(n) FROM daily")).isEqualTo("63");
    }

    @Test
    void withoutDataOnlySchemasAreCopiedWithTheSameEngine() throws InterruptedException {
        Branch branch = branch("");
        assertThat(branch.job().get("result").get("partitions").size()).isZero();
        assertThat(sql(branch.token(), "SELECT count() FROM events")).isEqualTo("0");
        ClickHouse clickHouse = QueryFixtures.server().services().clickHouse();
        for (String table : List.of("events", "daily")) {
            String mainDdl = clickHouse.query("SHOW CREATE TABLE " + ClickHouse.table(main.database(), table),
                    "TSVRaw").text().replace(main.database(), "DB");
            String branchDdl = clickHouse.query("SHOW CREATE TABLE " + ClickHouse.table(branch.record().database,
                    table), "TSVRaw").text().replace(branch.record().database, "DB");
            assertThat(branchDdl).isEqualTo(mainDdl).contains("PARTITION BY toYYYYMM(d)");
        }
        assertThat(branch.record().datasources.keySet()).containsExactly("events", "daily");
        assertThat(branch.record().datasources.get("events")).isEqualTo(main.record().datasources.get("events"));
        assertThat(branch.record().pipes.keySet()).containsExactlyInAnyOrder("to_daily", "totals");

        append(branch.token(), "{\"d\": \"2024-05-01\", \"product\": \"z\", \"n\": 7}");
        assertThat(sql(branch.token(), "SELECT sum(n) FROM daily")).isEqualTo("7");
    }

    @Test
    void dataCanBeCopiedLaterAndAgainWithoutDuplicates() throws InterruptedException {
        Branch branch = branch("");
        TestServer.Response copy = post("/v0/environments/" + branch.id() + "/data?mode=all_partitions",
                main.token());
        assertThat(copy.status()).as(copy.body()).isEqualTo(200);
        assertThat(copy.json().get("kind").asText()).isEqualTo("data_branch");
        assertThat(await(main.token(), copy.json().get("id").asText()).get("status").asText()).isEqualTo("done");
        assertThat(sql(branch.token(), "SELECT count() FROM events")).isEqualTo("5");

        TestServer.Response fromInside = post("/v0/environments/" + branch.id() + "/data?mode=last_partition",
                branch.token());
        assertThat(fromInside.status()).as(fromInside.body()).isEqualTo(200);
        assertThat(await(branch.token(), fromInside.json().get("id").asText()).get("status").asText())
                .isEqualTo("done");
        assertThat(sql(branch.token(), "SELECT count() FROM events")).as("partitions are replaced").isEqualTo("5");
        assertThat(sql(branch.token(), "SELECT sum(n) FROM daily")).isEqualTo("63");

        TestServer.Response badMode = post("/v0/environments/" + branch.id() + "/data?mode=some", main.token());
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(error(badMode)).isEqualTo("Invalid value 'some' for 'mode', use last_partition or all_partitions");
        assertThat(error(post("/v0/environments/" + branch.id() + "/data", main.token())))
                .isEqualTo("The 'mode' parameter must be last_partition or all_partitions");
    }

    @Test
    void branchesAreListedFoundByIdOrNameAndIsolated() throws InterruptedException {
        Branch branch = branch("");
        JsonNode listed = get("/v0/environments", main.token()).json().get("environments");
        List<String> names = new ArrayList<>();
        listed.forEach(entry -> names.add(entry.get("name").asText()));
        assertThat(names).contains(branch.name());
        listed.forEach(entry -> {
            if (entry.get("id").asText().equals(branch.id())) {
                assertThat(entry.get("token").asText()).as("what tinybird.env switches to").isEqualTo(branch.token());
            }
        });
        assertThat(get("/v0/user/workspaces?with_environments=true&only_environments=true", main.token()).json()
                .get("workspaces")).as("a plain admin token sees its own workspace only, so clients fall back to"
                + " /v0/environments").isEmpty();
        assertThat(get("/v0/environments", branch.token()).json().toString()).isEqualTo("{\"environments\":[]}");

        for (String key : List.of(branch.id(), branch.name(), main.name() + "_" + branch.name())) {
            TestServer.Response found = get("/v0/environments/" + key, main.token());
            assertThat(found.status()).as(key).isEqualTo(200);
            assertThat(found.json().get("id").asText()).isEqualTo(branch.id());
        }
        TestServer.Response unknown = get("/v0/environments/nope", main.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(error(unknown)).isEqualTo("Branch nope not found");

        String userToken = TestServer.localTokens().get("user_token").asText();
        JsonNode entry = null;
        for (JsonNode ws : get("/v0/user/workspaces?with_environments=true&only_environments=true", userToken).json()
                .get("workspaces")) {
            if (ws.get("id").asText().equals(branch.id())) {
                entry = ws;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("is_branch").asBoolean()).isTrue();
        assertThat(entry.get("main").asText()).isEqualTo(main.record().id);
        assertThat(entry.get("token").asText()).isEqualTo(branch.token());
        JsonNode mainEntry = get("/v0/user/workspaces?with_environments=false", userToken).json().get("workspaces");
        mainEntry.forEach(ws -> assertThat(ws.get("is_branch").asBoolean()).isFalse());

        assertThat(get("/v0/sql?q=" + encode("SELECT count() FROM " + main.database() + ".events"), branch.token())
                .status()).as("a branch cannot read main's tables").isNotEqualTo(200);
        assertThat(get("/v0/sql?q=" + encode("SELECT count() FROM " + branch.record().database + ".events"),
                main.token()).status()).as("main cannot read the branch's tables").isNotEqualTo(200);
        assertThat(get("/v0/workspace", branch.token()).json().get("id").asText()).isEqualTo(branch.id());
    }

    @Test
    void theMainWorkspacesOwnTokensAreCopiedWithNewValues() throws InterruptedException {
        Branch branch = branch("all_partitions");
        TokenRecord mainReader = main.record().tokens.stream().filter(t -> t.token().equals(readerToken))
                .findFirst().orElseThrow();
        TokenRecord branchReader = branch.record().tokenByNameOrId(mainReader.name()).orElseThrow();
        assertThat(branchReader.scopes()).isEqualTo(mainReader.scopes());
        assertThat(branchReader.token()).isNotEqualTo(mainReader.token());
        assertThat(sql(branchReader.token(), "SELECT count() FROM events")).isEqualTo("5");
        assertThat(branch.record().tokens.stream().map(TokenRecord::name).filter(n -> n.equals("admin token")))
                .hasSize(1);
    }

    @Test
    void deletingABranchDropsItAndLeavesMainAlone() throws InterruptedException {
        Branch branch = branch("last_partition");
        String database = branch.record().database;
        TestServer.Response fromBranch = delete("/v0/environments/" + branch.id(), branch.token());
        assertThat(fromBranch.status()).isEqualTo(400);
        assertThat(error(fromBranch)).isEqualTo("Branch can't be deleted from other Branch '" + branch.name()
                + "'. Use 'tb branch use 'main'");

        TestServer.Response deleted = delete("/v0/environments/" + branch.name(), main.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().toString()).isEqualTo("{\"result\":\"Branch deleted\"}");
        assertThat(get("/v0/workspace", branch.token()).status()).isEqualTo(403);
        assertThat(QueryFixtures.server().services().clickHouse().query("SELECT count() FROM system.databases"
                + " WHERE name = " + ClickHouse.string(database), "TSV").text().strip()).isEqualTo("0");
        assertThat(sql(main.token(), "SELECT count() FROM events")).isEqualTo("5");
        assertThat(get("/v0/pipes/totals.json", main.token()).status()).isEqualTo(200);
        TestServer.Response again = delete("/v0/environments/" + branch.id(), main.token());
        assertThat(again.status()).isEqualTo(404);
        assertThat(error(again)).isEqualTo("Branch " + branch.id() + " not found");
    }

    @Test
    void creationErrorsUseTinybirdsTexts() throws InterruptedException {
        TestServer.Response noName = post("/v0/environments", main.token());
        assertThat(noName.status()).isEqualTo(400);
        assertThat(error(noName)).isEqualTo("The 'name' parameter must be provided");

        Branch branch = branch("");
        TestServer.Response taken = post("/v0/environments?name=" + branch.name(), main.token());
        assertThat(taken.status()).isEqualTo(400);
        assertThat(error(taken)).isEqualTo("The name '" + branch.name() + "' is already being used in Workspace "
                + main.name() + ", please select another name as Branch names should be unique.");

        TestServer.Response fromBranch = post("/v0/environments?name=" + QueryFixtures.unique("nested"),
                branch.token());
        assertThat(fromBranch.status()).isEqualTo(400);
        assertThat(error(fromBranch)).isEqualTo("Branch can't be created from other Branch '" + branch.name()
                + "'. Use 'tb branch use main'");

        TestServer.Response invalid = post("/v0/environments?name=1abc", main.token());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(error(invalid)).startsWith("Branch name is not valid, reason: ");

        TestServer.Response badData = post("/v0/environments?name=" + QueryFixtures.unique("b") + "&data=some",
                main.token());
        assertThat(badData.status()).isEqualTo(400);
        assertThat(error(badData)).isEqualTo("Invalid value 'some' for 'data', use last_partition or all_partitions"
                + " (or nothing for no data)");

        TestServer.Response notAdmin = post("/v0/environments?name=" + QueryFixtures.unique("b"), readerToken);
        assertThat(notAdmin.status()).isEqualTo(403);
    }

    @Test
    void ignoredDatasourcesGetTheirSchemaButNoData() throws InterruptedException {
        String name = QueryFixtures.unique("branch");
        TestServer.Response created = post("/v0/environments?name=" + name
                + "&data=all_partitions&ignore_datasources=daily", main.token());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode job = await(main.token(), created.json().get("job").get("id").asText());
        assertThat(job.get("result").get("partitions").size()).isEqualTo(1);
        String token = get("/v0/environments/" + name, main.token()).json().get("token").asText();
        assertThat(sql(token, "SELECT count() FROM events")).isEqualTo("5");
        assertThat(sql(token, "SELECT count() FROM daily")).isEqualTo("0");
    }
}

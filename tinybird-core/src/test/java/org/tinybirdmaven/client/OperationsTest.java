package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each operation sends and how it reads the answer, for the operations whose server side the local server
 * does not have yet (datasources, pipes, queries, branches), with answers shaped as the API spec describes them.
 */
class OperationsTest extends CannedClientTest {

    @Test
    void sendsTheTokenOnlyAsABearerHeaderWithAUserAgent() {
        server.json("{\"is_valid\": true, \"is_user\": true}");
        assertThat(client.auth()).isEqualTo(new AuthInfo(true, true));
        CannedServer.Recorded request = server.last();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + Clients.TOKEN);
        assertThat(request.uri()).isEqualTo("/v0/auth");
        assertThat(request.header("User-Agent")).matches("tinybird-maven-plugin/\\S+ Java/\\S+");
    }

    @Test
    void extraUserAgentProductsGoBeforeJava() {
        server.json("{}");
        try (TinybirdClient maven = Clients.builder(server.url() + "//", new FakeTime(Clients.START))
                .userAgentProducts("Maven/3.9.9").build()) {
            maven.auth();
        }
        assertThat(server.last().header("User-Agent")).matches("tinybird-maven-plugin/\\S+ Maven/3\\.9\\.9 Java/\\S+");
        assertThat(server.last().uri()).as("trailing slashes of the host are removed").isEqualTo("/v0/auth");
    }

    @Test
    void tokensAreCreatedAndExtendedWithRepeatedScopeParameters() {
        server.json("{\"id\": \"t1\", \"name\": \"read pipes\", \"token\": \"p.abc\", \"origin\": \"P\", "
                + "\"scopes\": [{\"type\": \"PIPES:READ\", \"resource\": \"top\"}]}");
        Token token = client.createToken("read pipes", List.of("PIPES:READ:top", "PIPES:READ:other"), "P", "top");
        CannedServer.Recorded create = server.last();
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.query()).containsEntry("name", List.of("read pipes"))
                .containsEntry("scope", List.of("PIPES:READ:top", "PIPES:READ:other"))
                .containsEntry("origin", List.of("P")).containsEntry("resource_id", List.of("top"));
        assertThat(create.bodyLength()).isZero();
        assertThat(token.value()).isEqualTo("p.abc");
        assertThat(token.origin()).isEqualTo("P");
        assertThat(token.scopes()).containsExactly(new TokenScope("PIPES:READ", "top", null));

        server.json("{\"name\": \"read pipes\", \"origin\": {\"type\": \"C\"}, \"scopes\": []}");
        assertThat(client.updateTokenScopes("read pipes", List.of("PIPES:READ:a", "ADMIN")).origin()).isEqualTo("C");
        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(server.last().path()).isEqualTo("/v0/tokens/read%20pipes");
        assertThat(server.last().query()).containsEntry("scope", List.of("PIPES:READ:a", "ADMIN"));
    }

    @Test
    void scopesReadBackInTheirParameterForm() {
        assertThat(new TokenScope("DATASOURCES:READ", "events", "a > 1").asParameter())
                .isEqualTo("DATASOURCES:READ:events:a > 1");
        assertThat(new TokenScope("ADMIN", null, null).asParameter()).isEqualTo("ADMIN");
    }

    @Test
    void userWorkspacesAskForBranchesAsTheCliDoes() {
        server.json("{\"id\": \"u1\", \"email\": \"me@x\", \"scope\": \"user\", \"workspaces\": [{\"id\": \"w1\", "
                + "\"name\": \"main_ws\", \"token\": \"p.w1\", \"role\": \"admin\", \"is_branch\": false, \"main\": "
                + "null}, {\"id\": \"b1\", \"name\": \"feature\", \"token\": \"p.b1\", \"is_branch\": true, \"main\": "
                + "\"w1\"}]}");
        UserWorkspaces list = client.userWorkspaces(true, true);
        assertThat(server.last().query()).containsEntry("with_environments", List.of("true"))
                .containsEntry("only_environments", List.of("true"));
        assertThat(list.find("feature").orElseThrow().branch()).isTrue();
        assertThat(list.find("w1").orElseThrow().token()).isEqualTo("p.w1");
        assertThat(list.find("w1").orElseThrow().mainId()).isNull();

        server.json("{\"workspaces\": []}");
        client.userWorkspaces(false, false);
        assertThat(server.last().query()).containsOnlyKeys("with_environments")
                .containsEntry("with_environments", List.of("false"));
    }

    @Test
    void datasourcesAreReadWithTheirColumnsAndEngine() {
        server.json("{\"datasources\": [{\"id\": \"t_1\", \"name\": \"events\", \"type\": \"ndjson\", \"columns\": ["
                + "{\"name\": \"ts\", \"type\": \"DateTime\", \"jsonpath\": \"$.ts\", \"nullable\": false, "
                + "\"default_value\": null, \"codec\": null}], \"engine\": {\"engine\": \"MergeTree\", "
                + "\"engine_sorting_key\": \"ts\"}, \"statistics\": {\"row_count\": 5}}]}");
        Datasource events = client.datasources().get(0);
        assertThat(events.name()).isEqualTo("events");
        assertThat(events.columns()).containsExactly(new Datasource.Column("ts", "DateTime", null, null, "$.ts",
                false));
        assertThat(events.engine()).containsEntry("engine_sorting_key", "ts");
        assertThat(events.raw().path("statistics").path("row_count").asInt()).isEqualTo(5);

        server.json("{\"id\": \"t_1\", \"name\": \"events\"}");
        assertThat(client.datasource("events")).map(Datasource::id).contains("t_1");
        assertThat(server.last().path()).isEqualTo("/v0/datasources/events");
    }

    @Test
    void datasourcesAreCreatedWithAFormBody() {
        server.json("{\"datasource\": {\"id\": \"t_2\", \"name\": \"events\"}}");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", "events");
        params.put("schema", "`ts` DateTime `json:$.ts`, `v` String");
        params.put("engine_sorting_key", "ts");
        params.put("format", "ndjson");
        assertThat(client.createDatasource(params).id()).isEqualTo("t_2");
        CannedServer.Recorded request = server.last();
        assertThat(request.uri()).isEqualTo("/v0/datasources");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsEntry("schema", List.of("`ts` DateTime `json:$.ts`, `v` String"))
                .containsEntry("engine_sorting_key", List.of("ts")).containsEntry("format", List.of("ndjson"));

        server.json("{\"id\": \"t_3\", \"name\": \"bare\"}");
        assertThat(client.createDatasource(Map.of("name", "bare")).id()).as("an answer without the wrapper")
                .isEqualTo("t_3");
    }

    @Test
    void datasourceMaintenance() {
        server.respond(200, "SCHEMA >\n    `a` Int8\n", "Content-Type", "text/plain");
        assertThat(client.datasourceFile("events")).isEqualTo("SCHEMA >\n    `a` Int8\n");
        assertThat(server.last().path()).isEqualTo("/v0/datasources/events.datasource");

        server.respond(204, "");
        client.deleteDatasource("events", true);
        assertThat(server.last().method()).isEqualTo("DELETE");
        assertThat(server.last().uri()).isEqualTo("/v0/datasources/events?force=true");
        server.respond(204, "");
        client.deleteDatasource("events", false);
        assertThat(server.last().uri()).isEqualTo("/v0/datasources/events");

        server.respond(205, "");
        client.truncateDatasource("events");
        assertThat(server.last().uri()).isEqualTo("/v0/datasources/events/truncate");
        assertThat(server.last().method()).isEqualTo("POST");
    }

    @Test
    void alterSendsTheNewDefinitionAndReportsOperations() {
        server.json("{\"operations\": [\"ADD COLUMN `b` String\"], \"dependencies\": [\"mv_pipe\"]}");
        AlterResult result = client.alterDatasource("events", Map.of("schema", "a Int8, b String"), true);
        assertThat(result.operations()).containsExactly("ADD COLUMN `b` String");
        assertThat(result.dependencies()).containsExactly("mv_pipe");
        assertThat(server.last().path()).isEqualTo("/v0/datasources/events/alter");
        assertThat(server.last().form()).containsEntry("schema", List.of("a Int8, b String"))
                .containsEntry("dry", List.of("true"));
    }

    @Test
    void pipesAreListedWithNodeDependencies() {
        server.json("{\"pipes\": [{\"id\": \"t_p\", \"name\": \"top\", \"type\": \"endpoint\", \"endpoint\": "
                + "\"t_n2\", \"nodes\": [{\"id\": \"t_n1\", \"name\": \"n0\", \"sql\": \"SELECT * FROM events\", "
                + "\"node_type\": \"standard\", \"dependencies\": [\"events\"]}, {\"id\": \"t_n2\", \"name\": "
                + "\"endpoint\", \"node_type\": \"endpoint\", \"dependencies\": [\"n0\"]}]}]}");
        Pipe top = client.pipes(true).get(0);
        assertThat(server.last().uri()).isEqualTo("/v0/pipes?dependencies=true");
        assertThat(top.node("n0").orElseThrow().dependencies()).containsExactly("events");
        assertThat(top.node("t_n2").orElseThrow().nodeType()).isEqualTo("endpoint");
        assertThat(top.endpoint()).isEqualTo("t_n2");
    }

    @Test
    void pipesArePushedAsJsonWithQueryOptions() {
        server.json("{\"id\": \"t_p\", \"name\": \"mv\", \"type\": \"materialized\", \"nodes\": [], \"datasource\": "
                + "{\"id\": \"t_d\", \"name\": \"daily\"}, \"created_datasource\": true, \"job\": {\"id\": \"j1\", "
                + "\"kind\": \"populateview\", \"status\": \"waiting\", \"job_url\": \"http://x/v0/jobs/j1\"}}");
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", "mv");
        body.putArray("nodes").addObject().put("name", "n0").put("sql", "SELECT 1").put("type", "materialized")
                .put("datasource", "daily");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("force", "true");
        query.put("populate", "true");
        CreatedPipe created = client.createPipe(body, query);
        CannedServer.Recorded request = server.last();
        assertThat(request.uri()).isEqualTo("/v0/pipes?force=true&populate=true");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(Json.parseOrNull(request.body())).isEqualTo(body);
        assertThat(created.createdDatasource()).isTrue();
        assertThat(created.datasource().name()).isEqualTo("daily");
        assertThat(created.job().kind()).isEqualTo("populateview");
        assertThat(created.pipe().type()).isEqualTo("materialized");
    }

    @Test
    void pipeMaintenance() {
        server.respond(200, "NODE n0\nSQL >\n    SELECT 1\n", "Content-Type", "text/plain");
        assertThat(client.pipeFile("top")).startsWith("NODE n0");
        assertThat(server.last().path()).isEqualTo("/v0/pipes/top.pipe");

        server.json("{\"name\": \"top\", \"type\": \"endpoint\", \"url\": \"http://x/v0/pipes/top.json\"}");
        assertThat(client.publishEndpoint("top", "endpoint").url()).endsWith("/v0/pipes/top.json");
        assertThat(server.last().method()).isEqualTo("POST");
        assertThat(server.last().path()).isEqualTo("/v0/pipes/top/nodes/endpoint/endpoint");

        server.respond(204, "");
        client.deletePipe("top");
        assertThat(server.last().method()).isEqualTo("DELETE");
        assertThat(server.last().path()).isEqualTo("/v0/pipes/top");
    }

    @Test
    void pipeDataIsAGetWithTemplateParameters() {
        server.respond(200, "{\"data\": [{\"c\": 3}], \"rows\": 1}", "Content-Type", "application/json");
        QueryResult result = client.pipeData("top", "json", Map.of("limit", "10"), "SELECT count() c FROM _");
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().path()).isEqualTo("/v0/pipes/top.json");
        assertThat(server.last().query()).containsEntry("limit", List.of("10"))
                .containsEntry("q", List.of("SELECT count() c FROM _"));
        assertThat(result.json().path("data").get(0).path("c").asInt()).isEqualTo(3);
        assertThat(result.contentType()).isEqualTo("application/json");
    }

    @Test
    void aGetLongerThan4096CharactersBecomesAPostForm() {
        String longValue = "x".repeat(5000);
        server.respond(200, "\"a\",\"b\"\n", "Content-Type", "text/csv");
        QueryResult result = client.pipeData("top", "csv", Map.of("names", longValue), null);
        CannedServer.Recorded request = server.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/v0/pipes/top.csv");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsEntry("names", List.of(longValue));
        assertThat(result.text()).isEqualTo("\"a\",\"b\"\n");
    }

    @Test
    void theLongPostOfAReadIsStillRetriedLikeARead() {
        server.respond(503, "").respond(200, "{}");
        client.sql("SELECT '" + "y".repeat(5000) + "'", "JSON");
        assertThat(server.requests).extracting(CannedServer.Recorded::method).containsExactly("POST", "POST");
    }

    @Test
    void sqlAddsTheFormatUnlessTheQueryHasOne() {
        server.json("{}").json("{}").json("{}");
        client.sql("SELECT count() FROM events", "JSON");
        assertThat(server.last().query()).containsEntry("q", List.of("SELECT count() FROM events FORMAT JSON"));
        client.sql("SELECT 1 format CSV;", "JSON");
        assertThat(server.last().query()).containsEntry("q", List.of("SELECT 1 format CSV;"));
        client.sql("SELECT 1", null);
        assertThat(server.last().query()).containsEntry("q", List.of("SELECT 1"));
        assertThat(server.last().path()).isEqualTo("/v0/sql");
    }

    @Test
    void aLongSqlQueryIsPostedAsAForm() {
        String sql = "SELECT '" + "z".repeat(5000) + "'";
        server.json("{\"data\": []}");
        client.sql(sql, "JSON");
        assertThat(server.last().method()).isEqualTo("POST");
        assertThat(server.last().form()).containsEntry("q", List.of(sql + " FORMAT JSON"));
    }

    @Test
    void branchesAreListedCreatedAndDeleted() {
        server.json("{\"environments\": [{\"id\": \"b1\", \"name\": \"feature\", \"main\": \"w1\", \"owner\": "
                + "\"u1\", \"created_at\": \"2025-01-01 00:00:00\"}]}");
        WorkspaceEntry branch = client.environments().get(0);
        assertThat(branch.branch()).isTrue();
        assertThat(branch.mainId()).isEqualTo("w1");

        server.json("{\"job\": {\"id\": \"j9\", \"kind\": \"data_branch\", \"status\": \"waiting\"}, \"workspace\": "
                + "{\"id\": \"b2\", \"name\": \"feature2\"}}");
        CreatedEnvironment created = client.createEnvironment("feature2", "last_partition");
        assertThat(server.last().query()).containsEntry("name", List.of("feature2"))
                .containsEntry("data", List.of("last_partition"));
        assertThat(created.workspace().id()).isEqualTo("b2");
        assertThat(created.job().kind()).isEqualTo("data_branch");

        server.json("{}");
        client.createEnvironment("feature3", null);
        assertThat(server.last().query()).doesNotContainKey("data");

        server.json("{\"result\": \"Branch deleted\"}");
        client.deleteEnvironment("feature2");
        assertThat(server.last().method()).isEqualTo("DELETE");
        assertThat(server.last().path()).isEqualTo("/v0/environments/feature2");
    }

    @Test
    void workspaceReadsTheReleaseAndUser() {
        server.json("{\"id\": \"w1\", \"name\": \"ws\", \"main\": null, \"scope\": \"user\", \"user_id\": \"u1\", "
                + "\"user_email\": \"me@x\", \"releases\": [{\"semver\": \"0.0.0\", \"commit\": \"abc\", \"status\": "
                + "\"live\"}]}");
        WorkspaceInfo workspace = client.workspace();
        assertThat(workspace.isBranch()).isFalse();
        assertThat(workspace.userEmail()).isEqualTo("me@x");
        assertThat(workspace.releases()).containsExactly(new WorkspaceInfo.Release("0.0.0", "abc", "live"));
    }
}

package org.tinybirdmaven.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;

/** {@code POST /v0/events}: NDJSON rows, auto-creation, quarantine, and plain-text errors. */
class EventsApiTest {

    private static int sequence;

    private static synchronized String unique(String prefix) {
        return prefix + "_" + (++sequence) + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    private static String admin() {
        return TestServer.localTokens().get("workspace_admin_token").asText();
    }

    private static TestServer.Response events(String query, String token, String body) {
        return TestServer.send("POST", "/v0/events?" + query, token, "application/x-ndjson",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> rows(String datasource, String orderBy) {
        String database = TestServer.get().services().catalog().read(state -> state.workspace(
                "Tinybird_Local_Testing").orElseThrow().database);
        try {
            byte[] json = TestServer.get().services().clickHouse().query("SELECT * FROM `" + database + "`.`"
                    + datasource + "` ORDER BY " + orderBy, "JSON").data();
            List<JsonNode> rows = new ArrayList<>();
            new ObjectMapper().readTree(json).get("data").forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String createNdjson(String name, String schema) {
        TestServer.Response created = TestServer.postForm("/v0/datasources", admin(), Map.of("name", name, "schema",
                schema, "format", "ndjson"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return name;
    }

    @Test
    void rowsAreWrittenAndQueryableWhenWaitIsTrue() {
        String name = createNdjson(unique("ev"), "`id` Int32 `json:$.id`, `user` String `json:$.user.name`");
        TestServer.Response response = events("name=" + name + "&wait=true", admin(),
                "{\"id\":1,\"user\":{\"name\":\"ana\"}}\n{\"id\":2,\"user\":{\"name\":\"bo\"}}\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"successful_rows\":2,\"quarantined_rows\":0}");
        assertThat(rows(name, "id")).extracting(row -> row.get("user").asText()).containsExactly("ana", "bo");
    }

    @Test
    void withoutWaitTheAnswerIs202() {
        String name = createNdjson(unique("ev_async"), "`id` Int32 `json:$.id`");
        TestServer.Response response = events("name=" + name, admin(), "{\"id\":1}\n");
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("successful_rows").asLong()).isEqualTo(1);
    }

    @Test
    void rowsThatDoNotFitAreQuarantined() {
        String name = createNdjson(unique("ev_bad"), "`id` Int32 `json:$.id`");
        TestServer.Response response = events("name=" + name + "&wait=true", admin(),
                "{\"id\":1}\n{\"id\":\"one\"}\n{oops\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"successful_rows\":1,\"quarantined_rows\":2}");
        assertThat(rows(name + "_quarantine", "insertion_date")).hasSize(2);
    }

    @Test
    void gzipBodiesAreAccepted() throws IOException {
        String name = createNdjson(unique("ev_gzip"), "`id` Int32 `json:$.id`");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"id\":1}\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        TestServer.get().baseUrl() + "/v0/events?wait=true&name=" + name))
                .header("Authorization", "Bearer " + admin()).header("Content-Encoding", "gzip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build();
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"successful_rows\" : 2");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMissingDatasourceIsCreatedFromTheFirstRows() {
        String name = unique("ev_auto");
        TestServer.Response response = events("name=" + name + "&wait=true", admin(),
                "{\"id\":1,\"user\":{\"name\":\"ana\",\"age\":30},\"tags\":[\"a\"],\"at\":\"2024-01-01 10:00:00\","
                        + "\"score\":1.5,\"ok\":true}\n"
                        + "{\"id\":2,\"user\":{\"name\":\"bo\"},\"tags\":[],\"at\":\"2024-01-02 10:00:00\",\"score\":2,"
                        + "\"ok\":false,\"extra\":null}\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("successful_rows").asLong()).isEqualTo(2);
        JsonNode datasource = TestServer.get("/v0/datasources/" + name, admin()).json();
        assertThat(datasource.get("type").asText()).isEqualTo("ndjson");
        assertThat(datasource.get("schema").get("sql_schema").asText()).isEqualTo("`id` Int64 `json:$.id`,"
                + " `user_name` String `json:$.user.name`, `user_age` Nullable(Int64) `json:$.user.age`, `tags`"
                + " Array(String) `json:$.tags[:]`, `at` DateTime `json:$.at`, `score` Float64 `json:$.score`, `ok`"
                + " Bool `json:$.ok`, `extra` Nullable(String) `json:$.extra`");
        assertThat(rows(name, "id").get(1).toString()).isEqualTo("{\"id\":2,\"user_name\":\"bo\",\"user_age\":null,"
                + "\"tags\":[],\"at\":\"2024-01-02 10:00:00\",\"score\":2,\"ok\":false,\"extra\":null}");
    }

    @Test
    void errorsArePlainText() {
        TestServer.Response noToken = events("name=x", null, "{}\n");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body()).isEqualTo("Invalid token\n");
        assertThat(noToken.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(events("name=x", "p.unknown", "{}\n").body()).isEqualTo("Invalid token\n");
        TestServer.Response noName = events("wait=true", admin(), "{}\n");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body()).isEqualTo("Missing 'name' parameter\n");

        String csv = unique("ev_csv");
        TestServer.postForm("/v0/datasources", admin(), Map.of("name", csv, "schema", "`a` Int32"));
        TestServer.Response notJson = events("name=" + csv, admin(), "{\"a\":1}\n");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).isEqualTo("Data Source must be of type JSON\n");

        TestServer.Response unguessable = events("name=" + unique("ev_garbage"), admin(), "not json\n");
        assertThat(unguessable.status()).isEqualTo(400);
        assertThat(unguessable.body()).isEqualTo("Analysis error, invalid data. We could not infer the schema, please"
                + " create the datasource manually and try again or contact us at support@tinybird.co.");
    }

    @Test
    void appendScopeIsNeededOnTheDatasource() {
        String name = createNdjson(unique("ev_scoped"), "`id` Int32 `json:$.id`");
        String other = createNdjson(unique("ev_other"), "`id` Int32 `json:$.id`");
        String appender = TestServer.post("/v0/tokens?name=" + unique("t") + "&scope=DATASOURCES:APPEND:" + name,
                admin()).json().get("token").asText();
        assertThat(events("name=" + name + "&wait=true", appender, "{\"id\":1}\n").status()).isEqualTo(200);
        TestServer.Response denied = events("name=" + other, appender, "{\"id\":1}\n");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("Invalid token\n");
        TestServer.Response noCreate = events("name=" + unique("ev_new"), appender, "{\"id\":1}\n");
        assertThat(noCreate.status()).isEqualTo(403);
        assertThat(noCreate.body()).isEqualTo("Invalid token for DS autocreation\n");
    }
}

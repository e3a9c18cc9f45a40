package org.tinybirdmaven.server.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.server.datasource.Api.admin;
import static org.tinybirdmaven.server.datasource.Api.createOk;
import static org.tinybirdmaven.server.datasource.Api.rows;
import static org.tinybirdmaven.server.datasource.Api.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.TestServer;

/** Imports from a URL run as jobs (§4.5), against a small HTTP server holding the files. */
class UrlImportTest {

    private static HttpServer files;
    private static String base;

    @BeforeAll
    static void serveFiles() throws IOException {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = switch (path) {
                case "/events.csv" -> "id,city\n1,Madrid\n2,Paris\n".getBytes(StandardCharsets.UTF_8);
                case "/events.ndjson" -> "{\"id\":3}\n{\"id\":4}\n".getBytes(StandardCharsets.UTF_8);
                default -> "no such file".getBytes(StandardCharsets.UTF_8);
            };
            exchange.sendResponseHeaders(path.startsWith("/events") ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        files.start();
        base = "http://127.0.0.1:" + files.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
    }

    private static JsonNode start(String query) {
        TestServer.Response response = TestServer.post("/v0/datasources?" + query, admin());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode job = response.json();
        assertThat(job.get("kind").asText()).isEqualTo("import");
        assertThat(job.get("import_id").asText()).isEqualTo(job.get("id").asText());
        return job;
    }

        private static JsonNode waitFor(JsonNode job) throws InterruptedException {
        return TestServer.awaitJob(admin(), job.get("id").asText(), Duration.ofSeconds(20));
    }

    @Test
    void aCsvUrlCreatesAndLoadsTheDatasourceInAJob() throws InterruptedException {
        String name = unique("from_url");
        JsonNode done = waitFor(start("name=" + name + "&url=" + TestServer.encode(base + "/events.csv")));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("result").get("statistics").get("row_count").asLong()).isEqualTo(2);
        assertThat(rows(name, "id")).extracting(row -> row.get("city").asText()).containsExactly("Madrid", "Paris");
    }

    @Test
    void ndjsonUrlsAppendToADatasourceWithJsonpaths() throws InterruptedException {
        String name = unique("ndjson_url");
        createOk(name, "`id` Int32 `json:$.id`", "format", "ndjson");
        JsonNode job = start("mode=append&format=ndjson&name=" + name + "&url=" + TestServer.encode(base
                + "/events.ndjson"));
        assertThat(job.get("datasource").get("name").asText()).isEqualTo(name);
        assertThat(waitFor(job).get("status").asText()).isEqualTo("done");
        assertThat(rows(name, "id")).extracting(row -> row.get("id").asInt()).containsExactly(3, 4);
    }

    @Test
    void downloadErrorsFailTheJobAndBadSchemesAreRefused() throws InterruptedException {
        String name = unique("url_missing");
        createOk(name, "`id` Int32");
        JsonNode failed = waitFor(start("mode=append&name=" + name + "&url=" + TestServer.encode(base
                + "/missing.csv")));
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").asText()).isEqualTo("Trying to fetch " + base + "/missing.csv returns 404: no"
                + " such file");
        TestServer.Response scheme = TestServer.post("/v0/datasources?mode=append&name=" + name + "&url="
                + TestServer.encode("file:///etc/passwd"), admin());
        assertThat(scheme.status()).isEqualTo(400);
        assertThat(scheme.json().get("error").asText()).isEqualTo("Url is not supported, only http, and https"
                + " schemes are");
    }
}

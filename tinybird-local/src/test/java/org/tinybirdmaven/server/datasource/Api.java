package org.tinybirdmaven.server.datasource;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinybirdmaven.server.TestServer;

/** Calls of the Data Sources and Events APIs for the tests, over real HTTP to the shared {@link TestServer}. */
final class Api {

    static final String BOUNDARY = "----tinybird-local-test-boundary";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Api() {}

    /** A datasource name no other test uses. */
    static String unique(String prefix) {
        return prefix + "_" + SEQUENCE.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    static String admin() {
        return TestServer.localTokens().get("workspace_admin_token").asText();
    }

    static String user() {
        return TestServer.localTokens().get("user_token").asText();
    }

    /** A token of the default workspace with the given scopes. */
    static String token(String... scopes) {
        StringBuilder query = new StringBuilder("/v0/tokens?name=" + unique("tok"));
        for (String scope : scopes) {
            query.append("&scope=").append(TestServer.encode(scope));
        }
        TestServer.Response created = TestServer.post(query.toString(), admin());
        if (created.status() != 200) {
            throw new IllegalStateException("token creation failed: " + created.body());
        }
        return created.json().get("token").asText();
    }

    /** {@code POST /v0/datasources} with a form body, as the classic CLI sends it. */
    static TestServer.Response create(String token, Map<String, String> params) {
        return TestServer.postForm("/v0/datasources", token, params);
    }

    /** Creates a datasource from a schema (and optional extra parameters: engine_*, format, ...), expecting 200. */
    static JsonNode createOk(String name, String schema, String... extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("schema", schema);
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        TestServer.Response response = create(admin(), params);
        if (response.status() != 200) {
            throw new AssertionError("create " + name + " failed: " + response.status() + " " + response.body());
        }
        return response.json().get("datasource");
    }

    /** A multipart body with one file field. */
    static byte[] multipart(String field, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(partHeader(field, fileName).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String partHeader(String field, String fileName) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    }

    /** Uploads {@code content} as the multipart field {@code field}. */
    static TestServer.Response upload(String query, String token, String field, String content) {
        return TestServer.send("POST", "/v0/datasources?" + query, token, "multipart/form-data; boundary=" + BOUNDARY,
                multipart(field, "data." + field, content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Uploads a multipart body produced on the fly (sent chunked, never held in memory). */
    static TestServer.Response uploadStream(String query, String token, String field, InputStream content) {
        InputStream body = new SequenceInputStream(new SequenceInputStream(
                new java.io.ByteArrayInputStream(partHeader(field, "big.csv").getBytes(StandardCharsets.UTF_8)),
                content), new java.io.ByteArrayInputStream(("\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + "/v0/datasources?"
                        + query))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        return send(request);
    }

    /** Runs SQL on the server's engine directly (the query API belongs to another domain) and returns JSON rows. */
    static JsonNode sql(String sql) {
        try {
            byte[] json = TestServer.get().services().clickHouse().query(sql, "JSON").data();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a datasource of the default workspace, as JSON objects, in the given order. */
    static List<JsonNode> rows(String datasource, String orderBy) {
        String database = TestServer.get().services().catalog().read(state -> state.workspace(
                "Tinybird_Local_Testing").orElseThrow().database);
        JsonNode data = sql("SELECT * FROM `" + database + "`.`" + datasource + "` ORDER BY " + orderBy);
        List<JsonNode> rows = new java.util.ArrayList<>();
        data.forEach(rows::add);
        return rows;
    }

    static long count(String datasource) {
        return rows(datasource, "tuple()").size();
    }

    static TestServer.Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new TestServer.Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

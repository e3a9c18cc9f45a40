package org.tinybirdmaven.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinybirdmaven.chdb.TestLibrary;

/**
 * One local server per test JVM (chDB allows one engine per process), started on first use on a free port with a
 * fresh data directory, and an HTTP client that talks to it for real.
 */
public final class TestServer {

    private static LocalServer server;
    private static Path dataDir;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestServer() {}

    public static synchronized LocalServer get() {
        if (server == null) {
            try {
                dataDir = Files.createTempDirectory("tinybird-local-test");
                server = start(dataDir);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the local server", e);
            }
        }
        return server;
    }

    /** Stops the shared server and starts it again on the same data directory. */
    public static synchronized LocalServer restart() throws Exception {
        get().close();
        server = start(dataDir);
        return server;
    }

    private static LocalServer start(Path dir) throws Exception {
        return LocalServer.start(new LocalServer.Config(dir, "127.0.0.1", 0, TestLibrary.path(), null, null));
    }

    /** A response with its status and body. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    public static Response send(String method, String pathAndQuery, String bearer, String contentType,
                                byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(get().baseUrl() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Response get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, token, null, null);
    }

    public static Response post(String pathAndQuery, String token) {
        return send("POST", pathAndQuery, token, null, null);
    }

    public static Response postForm(String path, String token, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", path, token, "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response delete(String pathAndQuery, String token) {
        return send("DELETE", pathAndQuery, token, null, null);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Polls {@code /v0/jobs/{id}} until the job ends or {@code timeout} passes; returns its last JSON. */
    public static JsonNode awaitJob(String token, String jobId, java.time.Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = get("/v0/jobs/" + jobId, token).json();
            String status = job.get("status").asText();
            if (status.equals("done") || status.equals("error") || status.equals("cancelled")
                    || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(50);
        }
    }

    /** The tokens Tinybird Local publishes on {@code GET /tokens}. */
    public static JsonNode localTokens() {
        return get("/tokens", null).json();
    }
}

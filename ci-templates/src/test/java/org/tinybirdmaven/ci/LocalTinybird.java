package org.tinybirdmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinybirdmaven.server.LocalServerLauncher;

/**
 * One local Tinybird server for all the execution scenarios of this JVM, in its own process (as
 * {@code tinybird:local-start} runs it), with a workspace per Maven profile of the fixture; stopped when the JVM
 * exits.
 */
final class LocalTinybird {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalTinybird instance;

    private final LocalServerLauncher launcher;
    private final LocalServerLauncher.Running running;

    private LocalTinybird(Path dir) throws IOException, InterruptedException {
        launcher = new LocalServerLauncher(dir.resolve("local.json"));
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        running = launcher.start(new LocalServerLauncher.Options(Path.of(System.getProperty("java.home")),
                classpath, dir.resolve("data"), "127.0.0.1", 0, null, Duration.ofSeconds(180)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                launcher.stop(Duration.ofSeconds(10));
            } catch (IOException | InterruptedException e) {
                // the JVM is exiting; the server's own watchdog is not needed for a test run
            }
        }));
    }

    static synchronized LocalTinybird get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = new LocalTinybird(Path.of("target/ci-server").toAbsolutePath());
        }
        return instance;
    }

    String url() {
        return running.url();
    }

    /** The admin token of workspace {@code name}, created on first use. */
    synchronized String workspaceToken(String name) throws IOException, InterruptedException {
        for (JsonNode workspace : workspaces()) {
            if (workspace.path("name").asText().equals(name) && !workspace.path("is_branch").asBoolean()) {
                return workspace.path("token").asText();
            }
        }
        send("POST", "/v0/workspaces?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), running.userToken());
        return workspaceToken(name);
    }

    /** Names of the Environments (branches) that exist now. */
    List<String> environments() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode workspace : workspaces()) {
            if (workspace.path("is_branch").asBoolean()) {
                names.add(workspace.path("name").asText());
            }
        }
        return names;
    }

    /** Names of the datasources of the workspace whose admin token is given. */
    List<String> datasources(String token) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        send("GET", "/v0/datasources", token).path("datasources").forEach(ds -> names.add(ds.path("name").asText()));
        return names;
    }

    private JsonNode workspaces() throws IOException, InterruptedException {
        return send("GET", "/v0/user/workspaces?with_environments=true", running.userToken()).path("workspaces");
    }

    private JsonNode send(String method, String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}

package org.tinybirdmaven.benchmarks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.tinybirdmaven.chdb.ChdbLibraryLocator;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.server.LocalServer;
import org.tinybirdmaven.server.LocalServerLauncher;

/**
 * A tinybird-local server for a benchmark, either in this JVM ({@link #inProcess}: the benchmark can reach its
 * engine and catalog) or in a JVM of its own ({@link #forked}: its heap is its own and can be watched).
 */
public final class BenchServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String url;
    private final String userToken;
    private final String adminToken;
    private final LocalServer local;
    private final LocalServerLauncher launcher;
    private final long pid;

    private BenchServer(String url, String userToken, String adminToken, LocalServer local,
                        LocalServerLauncher launcher, long pid) {
        this.url = url;
        this.userToken = userToken;
        this.adminToken = adminToken;
        this.local = local;
        this.launcher = launcher;
        this.pid = pid;
    }

    /** The chDB library, downloaded once into the user's cache. */
    public static Path chdbLibrary() {
        return new ChdbLibraryLocator(null, System.getenv()).locate();
    }

    /** A server in this JVM (which must run with libjsig preloaded, as the benchmarks' exec configuration does). */
    public static BenchServer inProcess(Path dataDir) throws Exception {
        LocalServer server = LocalServer.start(new LocalServer.Config(dataDir, "127.0.0.1", 0, chdbLibrary(), null,
                null));
        String url = server.baseUrl().toString();
        JsonNode tokens = LocalServerLauncher.tokens(url).orElseThrow(() -> new IllegalStateException(
                "The in-process server at " + url + " does not publish its tokens"));
        return new BenchServer(url, tokens.get("user_token").asText(), tokens.get("workspace_admin_token").asText(),
                server, null, ProcessHandle.current().pid());
    }

    /** A server in its own JVM on this JVM's classpath, with {@code jvmOptions} (e.g. {@code -Xmx64m}). */
    public static BenchServer forked(Path dataDir, List<String> jvmOptions) throws IOException, InterruptedException {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        LocalServerLauncher launcher = new LocalServerLauncher(dataDir.resolveSibling(dataDir.getFileName()
                + ".json"));
        LocalServerLauncher.Running running = launcher.start(new LocalServerLauncher.Options(
                Path.of(System.getProperty("java.home")), classpath, dataDir, "127.0.0.1", 0, chdbLibrary(),
                Duration.ofSeconds(120), jvmOptions));
        return new BenchServer(running.url(), running.userToken(), running.workspaceAdminToken(), null, launcher,
                running.pid());
    }

    public String url() {
        return url;
    }

    public String adminToken() {
        return adminToken;
    }

    public String userToken() {
        return userToken;
    }

    /** The process the server runs in. */
    public long pid() {
        return pid;
    }

    /** The in-process server; only for {@link #inProcess} servers. */
    public LocalServer local() {
        if (local == null) {
            throw new IllegalStateException("The server runs in another JVM");
        }
        return local;
    }

    /** A client with the default workspace's admin token. */
    public TinybirdClient client() {
        return TinybirdClient.builder(url, () -> adminToken).readTimeout(Duration.ofMinutes(10)).build();
    }

    /** Replaces the fault rules ({@code PUT /_local/faults}). */
    public void setFaults(String rulesJson) throws IOException, InterruptedException {
        faultsRequest("PUT", HttpRequest.BodyPublishers.ofString(rulesJson, StandardCharsets.UTF_8));
    }

    /** The fault rules with how many requests each matched ({@code GET /_local/faults}). */
    public JsonNode faults() throws IOException, InterruptedException {
        return faultsRequest("GET", HttpRequest.BodyPublishers.noBody()).get("faults");
    }

    private JsonNode faultsRequest(String method, HttpRequest.BodyPublisher body) throws IOException,
            InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/_local/faults"))
                .method(method, body).header("Authorization", "Bearer " + userToken)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(method + " /_local/faults answered " + response.statusCode() + ": "
                    + response.body());
        }
        return MAPPER.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        if (local != null) {
            local.close();
        } else {
            launcher.stop(Duration.ofSeconds(30));
        }
    }
}

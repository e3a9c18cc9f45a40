package org.tinybirdmaven.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the local server in its own JVM, so that chDB's signal handlers, crashes and hangs never reach the JVM that
 * started it (a Maven build): the child is started with {@code LD_PRELOAD=libjsig.so}, in its data directory (chDB
 * reads {@code ./config.xml}), with stdin closed and its output in {@code server.log}. A state file records where it
 * runs so later goals, and later builds, find it again.
 */
public final class LocalServerLauncher {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * What to start: the JVM to use, the classpath holding tinybird-local and its dependencies, the data directory,
     * host and port (0 picks a free one), an optional libchdb path, and JVM options added after the defaults
     * ({@code -Xmx1g -XX:+UseSerialGC}), so that e.g. {@code -Xmx64m} overrides the heap size.
     */
    public record Options(Path javaHome, List<Path> classpath, Path dataDir, String host, int port,
                          Path chdbLibrary, Duration startTimeout, List<String> jvmOptions) {

        public Options {
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** Options with the default JVM settings. */
        public Options(Path javaHome, List<Path> classpath, Path dataDir, String host, int port, Path chdbLibrary,
                       Duration startTimeout) {
            this(javaHome, classpath, dataDir, host, port, chdbLibrary, startTimeout, List.of());
        }
    }

    /** A running server as recorded in the state file. */
    public record Running(long pid, String url, Path dataDir, String userToken, String adminToken,
                          String workspaceAdminToken) {}

    private final Path stateFile;

    /** @param stateFile where the running server is recorded, e.g. {@code target/tinybird/local.json} */
    public LocalServerLauncher(Path stateFile) {
        this.stateFile = stateFile;
    }

    /** The server recorded in the state file, if its process is alive and it answers. */
    public Optional<Running> running() {
        if (!Files.exists(stateFile)) {
            return Optional.empty();
        }
        Running recorded;
        try {
            recorded = MAPPER.readValue(stateFile.toFile(), Running.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(recorded.pid()).map(ProcessHandle::isAlive).orElse(false);
        return alive && tokens(recorded.url()).isPresent() ? Optional.of(recorded) : Optional.empty();
    }

    /**
     * Starts a server and waits until it answers, or fails with the end of its log. A server that does not come up
     * in time is killed, so no stray process is left behind.
     */
    public Running start(Options options) throws IOException, InterruptedException {
        Files.createDirectories(options.dataDir());
        Path log = options.dataDir().resolve("server.log");
        List<String> command = new ArrayList<>(List.of(options.javaHome().resolve("bin/java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-Djna.nosys=true"));
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, options.classpath().stream()
                        .map(Path::toString).toList()),
                LocalServerMain.class.getName(), "--data-dir", options.dataDir().toString(),
                "--host", options.host(), "--port", Integer.toString(options.port())));
        if (options.chdbLibrary() != null) {
            command.add("--chdb-library");
            command.add(options.chdbLibrary().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(options.dataDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Path libjsig = options.javaHome().resolve("lib/libjsig.so");
        if (Files.exists(libjsig)) {
            builder.environment().put("LD_PRELOAD", libjsig.toString());
        }
        Process process = builder.start();
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> url = readyUrl(log);
            if (url.isPresent()) {
                Optional<JsonNode> tokens = tokens(url.get());
                if (tokens.isPresent()) {
                    Running running = new Running(process.pid(), url.get(), options.dataDir(),
                            tokens.get().get("user_token").asText(), tokens.get().get("admin_token").asText(),
                            tokens.get().get("workspace_admin_token").asText());
                    Files.createDirectories(stateFile.getParent());
                    MAPPER.writeValue(stateFile.toFile(), running);
                    return running;
                }
            }
            if (!process.isAlive()) {
                throw new IOException("The local server exited with status " + process.exitValue()
                        + " while starting. End of " + log + ":\n" + tail(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IOException("The local server did not answer within " + options.startTimeout().toSeconds()
                + " s and was stopped. End of " + log + ":\n" + tail(log));
    }

    /**
     * Stops the recorded server: SIGTERM lets it close chDB cleanly; a server still running after the grace period
     * (a query that never ends blocks a clean close) is killed. Returns false when nothing was running.
     */
    public boolean stop(Duration grace) throws IOException, InterruptedException {
        if (!Files.exists(stateFile)) {
            return false;
        }
        Running recorded = MAPPER.readValue(stateFile.toFile(), Running.class);
        Files.delete(stateFile);
        Optional<ProcessHandle> handle = ProcessHandle.of(recorded.pid()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return false;
        }
        handle.get().destroy();
        try {
            handle.get().onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            handle.get().destroyForcibly();
            handle.get().onExit().join();
        }
        return true;
    }

    /** Stops the recorded server, if any, and deletes {@code dataDir}: the next start has empty workspaces. */
    public void reset(Path dataDir, Duration grace) throws IOException, InterruptedException {
        stop(grace);
        if (Files.exists(dataDir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The tokens a healthy server publishes on {@code GET /tokens}; empty when it does not answer in time. */
    public static Optional<JsonNode> tokens(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/tokens"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(MAPPER.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> readyUrl(Path log) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(LocalServerMain.READY + " ")) {
                return Optional.of(line.substring(LocalServerMain.READY.length() + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** The last lines of the server log, for error messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}

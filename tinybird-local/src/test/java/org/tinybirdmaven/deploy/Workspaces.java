package org.tinybirdmaven.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinybirdmaven.client.ClientListener;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.WorkspaceEntry;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.server.TestServer;

/** Fresh workspaces of the shared local server, clients that count what they send, and copies of the example. */
public final class Workspaces {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private Workspaces() {}

    static String userToken() {
        return TestServer.localTokens().get("user_token").asText();
    }

    /** A new workspace and a client with its admin token that records every request. */
    public static Recorded create(String prefix) {
        String name = prefix + "_" + NAMES.incrementAndGet();
        String baseUrl = TestServer.get().baseUrl().toString();
        String user = userToken();
        try (TinybirdClient userClient = TinybirdClient.builder(baseUrl, () -> user).build()) {
            userClient.createWorkspace(name);
            WorkspaceEntry entry = userClient.userWorkspaces(false, false).workspaces().stream()
                    .filter(ws -> ws.name().equals(name)).findFirst().orElseThrow();
            Requests requests = new Requests();
            String token = entry.token();
            return new Recorded(name, token, TinybirdClient.builder(baseUrl, () -> token).listener(requests).build(),
                    requests);
        }
    }

    public record Recorded(String name, String token, TinybirdClient client, Requests requests) {}

    /** Every request sent, as {@code METHOD path}. */
    static final class Requests implements ClientListener {
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void requestStarted(String method, String path, int attempt) {
            sent.add(method + " " + path);
        }

        /** Requests that may change something: anything but GET, except queries sent as POST. */
        List<String> writes() {
            synchronized (sent) {
                return sent.stream().filter(line -> !line.startsWith("GET ")).toList();
            }
        }

        void clear() {
            sent.clear();
        }
    }

    /** Lines written, as {@code LEVEL text}. */
    static final class Lines implements Output {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void line(Level level, String text) {
            lines.add(text);
        }

        String text() {
            return String.join("\n", lines);
        }
    }

    /** A copy of {@code examples/ecommerce} that a test may edit. */
    public static Path exampleCopy(Path target) {
        Path source = Path.of("..", "examples", "ecommerce").toAbsolutePath().normalize();
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.getFileName().toString().equals("target")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(source.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void faults(String json) {
        TestServer.send("PUT", "/_local/faults", userToken(), "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    static void clearFaults() {
        TestServer.delete("/_local/faults", userToken());
    }
}

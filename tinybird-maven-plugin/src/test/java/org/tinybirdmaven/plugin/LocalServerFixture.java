package org.tinybirdmaven.plugin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.tinybirdmaven.client.RetryPolicy;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.server.LocalServerLauncher;

/**
 * One local Tinybird server for the plugin's tests, in a JVM of its own (chDB never loads into the test JVM),
 * started on first use and stopped when the test JVM exits.
 */
final class LocalServerFixture {

    private static LocalServerLauncher.Running running;

    private LocalServerFixture() {}

    static synchronized LocalServerLauncher.Running get() {
        if (running == null) {
            try {
                Path dir = Files.createTempDirectory("tinybird-plugin-test");
                String classpath = System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path"));
                List<Path> entries = Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
                LocalServerLauncher launcher = new LocalServerLauncher(dir.resolve("local.json"));
                running = launcher.start(new LocalServerLauncher.Options(Path.of(System.getProperty("java.home")),
                        entries, dir.resolve("data"), "127.0.0.1", 0, null, Duration.ofSeconds(180)));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        launcher.stop(Duration.ofSeconds(10));
                    } catch (IOException e) {
                        System.err.println("Could not stop the test server: " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return running;
    }

    /** A client that does not retry, so failures show at once. */
    static TinybirdClient client(String token) {
        return TinybirdClient.builder(get().url(), () -> token).retryPolicy(RetryPolicy.NONE).build();
    }
}

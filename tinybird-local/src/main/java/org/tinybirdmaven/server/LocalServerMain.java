package org.tinybirdmaven.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tinybirdmaven.chdb.ChdbLibraryLocator;

/**
 * Starts the server in this JVM, which must have been started with {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}
 * (chDB replaces the JVM's signal handlers otherwise). Prints one {@value #READY} line when it serves requests.
 *
 * <pre>java -cp … org.tinybirdmaven.server.LocalServerMain --data-dir DIR [--port 7181] [--host 127.0.0.1]
 *      [--chdb-library /path/libchdb.so]</pre>
 */
public final class LocalServerMain {

    /** The line a launcher waits for, followed by the base URL. */
    public static final String READY = "TINYBIRD_LOCAL_READY";

    private LocalServerMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String dataDir = options.get("data-dir");
        if (dataDir == null) {
            System.err.println("usage: LocalServerMain --data-dir DIR [--port 7181] [--host 127.0.0.1]"
                    + " [--chdb-library FILE]");
            System.exit(2);
        }
        Path library = new ChdbLibraryLocator(options.containsKey("chdb-library")
                ? Path.of(options.get("chdb-library")) : null, System.getenv()).locate();
        LocalServer server = LocalServer.start(new LocalServer.Config(Path.of(dataDir).toAbsolutePath(),
                options.getOrDefault("host", "127.0.0.1"), Integer.parseInt(options.getOrDefault("port", "7181")),
                library, System.getenv("TB_LOCAL_USER_TOKEN"), System.getenv("TB_LOCAL_WORKSPACE_TOKEN")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Error while stopping: " + e);
            }
        }, "tinybird-local-shutdown"));
        System.out.println(READY + " " + server.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** {@code --name value} pairs as a map from name to value (also used by the benchmarks' main). */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --option value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}

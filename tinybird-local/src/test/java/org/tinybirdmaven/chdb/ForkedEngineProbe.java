package org.tinybirdmaven.chdb;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Main class run in a child JVM by {@link ChdbEngineForkTest}, for behaviour that a test JVM cannot show itself:
 * running without libjsig, and exiting. Arguments: library, data directory, allowWithoutLibjsig, scenario.
 */
public final class ForkedEngineProbe {

    static final int REFUSED = 3;
    static final String NULL_POINTERS = "null-pointers";
    static final String EXIT_WHILE_BUSY = "exit-while-busy";
    /** 0..1999999 as CSV lines: 14,888,890 bytes in several chunks. */
    static final String STREAM_SQL = "SELECT number FROM numbers(2000000)";

    private ForkedEngineProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        ChdbEngine.Options options = new ChdbEngine.Options(2, Boolean.parseBoolean(args[2]));
        ChdbEngine engine;
        try {
            engine = ChdbEngine.open(Path.of(args[0]), Path.of(args[1]), options);
        } catch (IllegalStateException refused) {
            System.out.println("refused: " + refused.getMessage());
            System.exit(REFUSED);
            return;
        }
        switch (args[3]) {
            case NULL_POINTERS -> {
                int caught = NullPointers.provoke(50_000);
                System.out.println("npes=" + caught + " answer=" + engine.query("SELECT 40 + 2", "CSV").text().strip());
                engine.close();
            }
            case EXIT_WHILE_BUSY -> exitWhileBusy(engine);
            default -> throw new IllegalArgumentException(args[3]);
        }
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new InterruptedIOException();
        }
    }

    /**
     * Exits while a slow consumer reads a stream and an MV is on the path. The shutdown hook must wait for the
     * stream's lock (so the whole stream is delivered) and close the connections before libchdb's static
     * destructors run.
     */
    private static void exitWhileBusy(ChdbEngine engine) throws InterruptedException {
        engine.query("CREATE TABLE default.src (n UInt64) ENGINE = MergeTree ORDER BY n", "CSV");
        engine.query("CREATE TABLE default.agg (total AggregateFunction(sum, UInt64)) ENGINE = AggregatingMergeTree "
                + "ORDER BY tuple()", "CSV");
        engine.query("CREATE MATERIALIZED VIEW default.agg_mv TO default.agg AS "
                + "SELECT sumState(n) AS total FROM default.src", "CSV");
        engine.query("INSERT INTO default.src SELECT number FROM numbers(1000)", "CSV");
        Thread busy = new Thread(() -> {
            try {
                long[] streamed = {0};
                engine.stream(STREAM_SQL, "CSV", chunk -> {
                    sleep(20);
                    streamed[0] += chunk.length;
                    System.out.println("streamed=" + streamed[0]);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "busy");
        busy.start();
        Thread.sleep(50);
        System.out.println("exiting with a stream in flight: " + busy.isAlive());
        System.exit(0);
    }
}

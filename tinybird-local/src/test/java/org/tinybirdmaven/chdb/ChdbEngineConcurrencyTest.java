package org.tinybirdmaven.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Four threads of mixed work for a few seconds. Streams interleaved with queries on one connection end early without
 * an error, so comparing every streamed byte count checks that the lock covers whole streams.
 */
class ChdbEngineConcurrencyTest {

    private static final int THREADS = 4;
    private static final long RUN_MILLIS = 2_500;
    private static final String STREAM_SQL = "SELECT number, toString(number) FROM numbers(100000)";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0} connection(s)")
    @ValueSource(ints = {1, 3})
    void mixedWorkloadKeepsExactCounts(int connections) throws Exception {
        try (ChdbEngine engine = ChdbEngine.open(TestLibrary.path(), dataDir, new ChdbEngine.Options(connections, false))) {
            engine.query("CREATE TABLE default.hits (thread UInt8, seq UInt32) ENGINE = MergeTree ORDER BY (thread, seq)",
                    "CSV");
            engine.query("CREATE TABLE default.hits_copy (thread UInt8, seq UInt32) ENGINE = MergeTree ORDER BY thread",
                    "CSV");
            engine.query("CREATE MATERIALIZED VIEW default.hits_mv TO default.hits_copy AS "
                    + "SELECT thread, seq FROM (SELECT * FROM default.hits WHERE seq >= 0)", "CSV");
            long streamBytes = engine.query(STREAM_SQL, "CSV").data().length;
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> inserted = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                inserted.add(pool.submit(() -> work(engine, thread, deadline, streamBytes, failures)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            int expectedRows = 0;
            for (Future<Integer> rows : inserted) {
                expectedRows += rows.get();
            }

            assertThat(failures).isEmpty();
            assertThat(expectedRows).isPositive();
            assertThat(engine.query("SELECT count() FROM default.hits", "CSV").text()).isEqualTo(expectedRows + "\n");
            assertThat(engine.query("SELECT count() FROM default.hits_copy", "CSV").text()).isEqualTo(expectedRows + "\n");
            assertThat(engine.query("SELECT count() FROM (SELECT DISTINCT thread, seq FROM default.hits)", "CSV").text())
                    .isEqualTo(expectedRows + "\n");
        }
    }

    /** Returns the number of rows this thread inserted. */
    private static int work(ChdbEngine engine, int thread, long deadline, long streamBytes,
                            ConcurrentLinkedQueue<String> failures) {
        int inserted = 0;
        for (int op = 0; System.nanoTime() < deadline; op++) {
            try {
                switch (op % 6) {
                    case 0 -> expect(failures, "SELECT 1", engine.query("SELECT 1", "CSV").text(), "1\n");
                    case 1 -> {
                        StringBuilder rows = new StringBuilder("INSERT INTO default.hits FORMAT JSONEachRow\n");
                        for (int i = 0; i < 10; i++) {
                            rows.append("{\"thread\":").append(thread).append(",\"seq\":").append(inserted + i).append("}\n");
                        }
                        engine.query(rows.toString(), "CSV");
                        inserted += 10;
                    }
                    case 2 -> expect(failures, "own rows",
                            engine.query("SELECT count() FROM default.hits WHERE thread = " + thread, "CSV").text(),
                            inserted + "\n");
                    case 3 -> {
                        try {
                            engine.query("SELEC 1", "CSV");
                            failures.add("syntax error was not reported");
                        } catch (ChdbException expected) {
                            expect(failures, "error code", String.valueOf(expected.code()), "62");
                        }
                    }
                    case 4 -> expect(failures, "streamed bytes",
                            String.valueOf(engine.stream(STREAM_SQL, "CSV", chunk -> { })), String.valueOf(streamBytes));
                    default -> expect(failures, "aggregation", engine.query(
                            "SELECT sum(number) FROM numbers(100000)", "CSV").text(), "4999950000\n");
                }
            } catch (RuntimeException | IOException e) {
                failures.add(e.toString());
            }
        }
        return inserted;
    }

    private static void expect(ConcurrentLinkedQueue<String> failures, String what, String actual, String expected) {
        if (!actual.equals(expected)) {
            failures.add(what + ": expected " + expected.strip() + " but got " + actual.strip());
        }
    }
}

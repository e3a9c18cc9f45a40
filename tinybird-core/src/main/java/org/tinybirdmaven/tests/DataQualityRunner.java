package org.tinybirdmaven.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TinybirdClientException;
import org.tinybirdmaven.concurrent.Parallel;
import org.tinybirdmaven.output.TextTable;

/**
 * Runs data-quality tests as {@code tb test run} does (spec §11.8): every {@code tests/**}{@code /*.y*ml} file but
 * {@code regression.yaml}, files concurrently (1 to 10 at a time), the tests of a file one after the other. A test
 * passes when its query returns no rows.
 */
public final class DataQualityRunner {

    public static final int MAX_CONCURRENCY = 10;
    /** What {@code tb test run} wraps a test's {@code sql} in. */
    static final String SQL_WRAPPER = "SELECT * FROM (%s) LIMIT 20 FORMAT JSON";

    private final TinybirdClient client;
    private final int concurrency;

    /** @param concurrency how many files run at once, 1 to 10 */
    public DataQualityRunner(TinybirdClient client, int concurrency) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("The test concurrency must be between 1 and " + MAX_CONCURRENCY
                    + ", not " + concurrency);
        }
        this.client = client;
        this.concurrency = concurrency;
    }

    /** Every {@code *.y*ml} file under {@code tests/}, at any depth, hidden ones excepted, sorted by path. */
    public static List<Path> files(Path projectDir) {
        return testFiles(projectDir, name -> name.matches(".*\\.y.*ml"));
    }

    /** The files under {@code <projectDir>/tests} whose name matches, at any depth, hidden ones excepted, sorted. */
    static List<Path> testFiles(Path projectDir, Predicate<String> name) {
        Path tests = projectDir.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tests)) {
            return walk.filter(p -> Files.isRegularFile(p) && !hidden(tests.relativize(p))
                    && name.test(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + tests, e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the project's data-quality tests.
     *
     * @param inBranch whether the workspace is a branch: files whose path contains {@code skip_in_branch} are skipped
     * @param log      receives the {@code ** Skipping …} lines
     */
    public List<TestSuiteResult> run(Path projectDir, boolean inBranch, Consumer<String> log) {
        List<Path> files = new ArrayList<>();
        for (Path file : files(projectDir)) {
            String name = relative(projectDir, file);
            if (file.getFileName().toString().endsWith("regression.yaml")) {
                log.accept("** Skipping " + file.getFileName());
            } else if (inBranch && name.contains("skip_in_branch")) {
                log.accept("** Skipping " + name);
            } else {
                files.add(file);
            }
        }
        return Parallel.map(files, concurrency, "running tests", file -> runFile(file, relative(projectDir, file)));
    }

    /** Parses and runs one file; a file that cannot be parsed is one ERROR named after it. */
    public TestSuiteResult runFile(Path file, String name) {
        DataQualityFile parsed;
        try {
            parsed = DataQualityFile.read(file, name);
        } catch (TestFileException e) {
            return new TestSuiteResult(TestKind.DATA_QUALITY, name, List.of(new TestCaseResult(name,
                    TestOutcome.ERROR, DataQualityStatus.ERROR.description(), 0,
                    "There was a problem running test file " + name + ": " + e.getMessage(), null)));
        }
        List<TestCaseResult> results = new ArrayList<>();
        for (DataQualityTest test : parsed.tests()) {
            results.add(run(test));
        }
        return new TestSuiteResult(TestKind.DATA_QUALITY, name, results);
    }

    /** Runs one test. */
    public TestCaseResult run(DataQualityTest test) {
        if (test.sql() == null && test.pipe() == null) {
            return result(test, DataQualityStatus.ERROR, 0, 0, "'sql' or 'pipe' attribute not found", null);
        }
        JsonNode answer;
        try {
            answer = test.pipe() == null
                    ? client.sql(String.format(SQL_WRAPPER, withoutSemicolon(test.sql())), null).json()
                    : client.pipeData(test.pipe(), "json", test.params(), test.sql()).json();
        } catch (TinybirdClientException | UncheckedIOException e) {
            return result(test, DataQualityStatus.ERROR, 0, 0, e.getMessage(), null);
        }
        JsonNode data = answer.path("data");
        JsonNode statistics = answer.path("statistics");
        double elapsed = statistics.path("elapsed").asDouble();
        long bytesRead = statistics.path("bytes_read").asLong();
        DataQualityStatus status = DataQualityStatus.of(data.size(), false, elapsed, bytesRead, test.maxTime(),
                test.maxBytesRead());
        return switch (status) {
            case FAIL -> result(test, status, elapsed, bytesRead, "the query returned " + data.size()
                    + (data.size() == 1 ? " row" : " rows") + "; a data-quality test passes when it returns none",
                    String.join("\n", TextTable.rows(answer)));
            case PASS_OVER_TIME_AND_OVER_BYTES, PASS_OVER_READ_BYTES, PASS_OVER_TIME -> result(test, status, elapsed,
                    bytesRead, limits(test, elapsed, bytesRead), null);
            default -> result(test, status, elapsed, bytesRead, null, null);
        };
    }

    private static TestCaseResult result(DataQualityTest test, DataQualityStatus status, double elapsed,
                                         long bytesRead, String message, String detail) {
        return new TestCaseResult(test.name(), status.outcome(), status.description(), elapsed, message, detail);
    }

    private static String limits(DataQualityTest test, double elapsed, long bytesRead) {
        List<String> over = new ArrayList<>();
        if (test.maxTime() != null && elapsed > test.maxTime()) {
            over.add("took " + elapsed + " s, more than max_time " + test.maxTime() + " s");
        }
        if (test.maxBytesRead() != null && bytesRead > test.maxBytesRead()) {
            over.add("read " + bytesRead + " bytes, more than max_bytes_read " + test.maxBytesRead());
        }
        return String.join("; ", over);
    }

    private static String withoutSemicolon(String sql) {
        String trimmed = sql.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    static String relative(Path projectDir, Path file) {
        Iterator<Path> parts = projectDir.relativize(file).iterator();
        StringBuilder name = new StringBuilder();
        while (parts.hasNext()) {
            name.append(name.length() == 0 ? "" : "/").append(parts.next());
        }
        return name.toString();
    }
}

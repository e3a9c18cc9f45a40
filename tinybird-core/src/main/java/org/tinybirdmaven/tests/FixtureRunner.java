package org.tinybirdmaven.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TinybirdClientException;
import org.tinybirdmaven.concurrent.Parallel;

/**
 * Runs fixture tests as Tinybird's CI script {@code exec_test.sh} does (spec §11.9): every {@code tests/**}{@code
 * /*.test}, up to 4 at a time; the output of its {@code tb} commands (see {@link FixtureCommand}) must equal
 * {@code <file>.result}, blank lines ignored. A difference is a failure with a unified diff; a file that cannot be
 * run (unsupported command, missing {@code .result}, query error) is an error. All files form one suite.
 */
public final class FixtureRunner {

    public static final int CONCURRENCY = 4;
    public static final String SUITE = "fixture tests";

    private final TinybirdClient client;

    public FixtureRunner(TinybirdClient client) {
        this.client = client;
    }

    /** Every {@code *.test} file under {@code tests/}, at any depth, hidden ones excepted, sorted. */
    public static List<Path> files(Path projectDir) {
        return DataQualityRunner.testFiles(projectDir, name -> name.endsWith(".test"));
    }

    /** Runs every fixture test of the project; an empty list when there is none. */
    public List<TestSuiteResult> run(Path projectDir) {
        List<Path> files = files(projectDir);
        if (files.isEmpty()) {
            return List.of();
        }
        Map<String, String> variables = new LinkedHashMap<>(TinyEnv.read(projectDir));
        if (variables.containsKey("VERSION")) {
            variables.put("1", variables.get("VERSION"));
        }
        List<TestCaseResult> results = Parallel.map(files, CONCURRENCY, "running tests",
                file -> run(file, DataQualityRunner.relative(projectDir, file), variables));
        return List.of(new TestSuiteResult(TestKind.FIXTURE, SUITE, results));
    }

    /**
     * Runs one {@code .test} file.
     *
     * @param name      the file relative to the project
     * @param variables what {@code $NAME} expands to
     */
    public TestCaseResult run(Path file, String name, Map<String, String> variables) {
        Path resultFile = file.resolveSibling(file.getFileName() + ".result");
        long start = System.nanoTime();
        String actual;
        String expected;
        try {
            List<FixtureCommand> commands = FixtureCommand.parse(Files.readString(file), name, variables);
            if (!Files.isRegularFile(resultFile)) {
                return TestCaseResult.error(name, "there is no " + name + ".result with the expected output");
            }
            expected = Files.readString(resultFile);
            StringBuilder output = new StringBuilder();
            for (FixtureCommand command : commands) {
                output.append(command.output(client));
            }
            actual = output.toString();
        } catch (TestFileException | TinybirdClientException | UncheckedIOException e) {
            return TestCaseResult.error(name, e.getMessage());
        } catch (IOException e) {
            return TestCaseResult.error(name, "cannot read " + name + " (" + e.getMessage() + ")");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (LineDiff.same(expected, actual)) {
            return new TestCaseResult(name, TestOutcome.PASSED, "OK", seconds, null, null);
        }
        return new TestCaseResult(name, TestOutcome.FAILED, "failed", seconds,
                "the output differs from " + name + ".result (blank lines ignored)",
                LineDiff.unified(expected, actual, name + ".result", "actual output of " + name));
    }
}

package org.tinybirdmaven.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tinybirdmaven.project.CheckReport.Level;
import org.tinybirdmaven.project.CheckReport.Line;
import org.tinybirdmaven.output.TextTable;

/**
 * What a test run prints: per kind, a table of every test, the message and details of each one that did not pass,
 * and the totals; then what fails the build. Data-quality tests use {@code tb test run}'s words ({@code Totals:},
 * {@code Total Pass: 2}, {@code The data validation has failed}, {@code Tests with errors}).
 */
public final class TestReport {

    private final List<TestSuiteResult> suites;

    public TestReport(List<TestSuiteResult> suites) {
        this.suites = List.copyOf(suites);
    }

    public List<TestSuiteResult> suites() {
        return suites;
    }

    /** The report of one kind; empty when no suite of that kind ran. */
    public List<Line> lines(TestKind kind) {
        List<TestSuiteResult> ofKind = ofKind(kind);
        List<Line> lines = new ArrayList<>();
        if (ofKind.isEmpty()) {
            return lines;
        }
        List<List<String>> rows = new ArrayList<>();
        for (TestSuiteResult suite : ofKind) {
            for (TestCaseResult result : suite.results()) {
                rows.add(kind == TestKind.FIXTURE ? List.of(result.name(), result.status(), millis(result))
                        : List.of(suite.name(), result.name(), result.status(), millis(result)));
            }
        }
        List<String> header = switch (kind) {
            case DATA_QUALITY -> List.of("file", "test", "status", "elapsed");
            case FIXTURE -> List.of("file", "status", "elapsed");
            case REGRESSION -> List.of("endpoint", "request", "status", "elapsed");
        };
        TextTable.render(header, rows).forEach(text -> lines.add(new Line(Level.INFO, text)));
        for (TestSuiteResult suite : ofKind) {
            for (TestCaseResult result : suite.results()) {
                if (result.outcome().isProblem() || result.message() != null) {
                    Level level = result.outcome().isProblem() ? Level.ERROR : Level.WARNING;
                    String where = kind == TestKind.FIXTURE ? result.name() : suite.name() + "::" + result.name();
                    lines.add(new Line(level, where + ": " + result.status() + (result.message() == null ? ""
                            : " - " + result.message())));
                    if (result.detail() != null) {
                        result.detail().lines().forEach(text -> lines.add(new Line(level, text)));
                    }
                }
            }
        }
        if (kind == TestKind.DATA_QUALITY) {
            Map<Integer, long[]> totals = new TreeMap<>();
            List<String> names = new ArrayList<>();
            for (TestSuiteResult suite : ofKind) {
                for (TestCaseResult result : suite.results()) {
                    int order = order(result.status());
                    totals.computeIfAbsent(order, o -> new long[1])[0]++;
                    while (names.size() <= order) {
                        names.add(null);
                    }
                    names.set(order, result.status());
                }
            }
            lines.add(new Line(Level.INFO, "Totals:"));
            totals.forEach((order, count) -> lines.add(new Line(Level.INFO, "Total " + names.get(order) + ": "
                    + count[0])));
        }
        lines.add(new Line(failure(kind) == null ? Level.INFO : Level.ERROR, summary(kind)));
        return lines;
    }

    /** {@code Fixture tests: 1 passed, 1 failed, 0 errors, 0 skipped}. */
    public String summary(TestKind kind) {
        long[] counts = new long[TestOutcome.values().length];
        ofKind(kind).forEach(s -> s.results().forEach(r -> counts[r.outcome().ordinal()]++));
        String title = kind.id().substring(0, 1).toUpperCase(Locale.ROOT) + kind.id().substring(1) + " tests: ";
        return title + counts[TestOutcome.PASSED.ordinal()] + " passed, " + counts[TestOutcome.FAILED.ordinal()]
                + " failed, " + counts[TestOutcome.ERROR.ordinal()] + " errors, "
                + counts[TestOutcome.SKIPPED.ordinal()] + " skipped";
    }

    /** Why this kind fails the build, or null when it does not. */
    public String failure(TestKind kind) {
        List<TestSuiteResult> ofKind = ofKind(kind);
        boolean failed = ofKind.stream().anyMatch(s -> s.count(TestOutcome.FAILED) > 0);
        boolean errors = ofKind.stream().anyMatch(s -> s.count(TestOutcome.ERROR) > 0);
        return switch (kind) {
            case DATA_QUALITY -> failed ? "The data validation has failed" : errors ? "Tests with errors" : null;
            case FIXTURE -> failed || errors ? "Fixture tests failed: " + problems(ofKind) : null;
            case REGRESSION -> failed || errors ? "Regression tests failed: " + problems(ofKind) : null;
        };
    }

    /** Why the run fails the build ({@code kind: reason} lines joined), or null when every test passed. */
    public String failure() {
        List<String> reasons = new ArrayList<>();
        for (TestKind kind : TestKind.values()) {
            String reason = failure(kind);
            if (reason != null) {
                reasons.add(reason);
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private List<TestSuiteResult> ofKind(TestKind kind) {
        return suites.stream().filter(s -> s.kind() == kind).toList();
    }

    private static String problems(List<TestSuiteResult> suites) {
        List<String> names = new ArrayList<>();
        for (TestSuiteResult suite : suites) {
            for (TestCaseResult result : suite.results()) {
                if (result.outcome().isProblem()) {
                    names.add(suite.kind() == TestKind.FIXTURE ? result.name()
                            : suite.name() + " " + result.name());
                }
            }
        }
        return String.join(", ", names);
    }

    /** The position of a data-quality status in Tinybird's order; unknown words last. */
    private static int order(String status) {
        for (DataQualityStatus s : DataQualityStatus.values()) {
            if (s.description().equals(status)) {
                return s.ordinal();
            }
        }
        return DataQualityStatus.values().length;
    }

    private static String millis(TestCaseResult result) {
        return result.outcome() == TestOutcome.SKIPPED ? "" : String.format(Locale.ROOT, "%.1f ms",
                result.seconds() * 1000);
    }
}

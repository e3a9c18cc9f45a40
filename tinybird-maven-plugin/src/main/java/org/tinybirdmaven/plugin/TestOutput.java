package org.tinybirdmaven.plugin;

import java.nio.file.Path;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.tinybirdmaven.tests.JUnitXml;
import org.tinybirdmaven.tests.RegressionFlags;
import org.tinybirdmaven.tests.TestKind;
import org.tinybirdmaven.tests.TestReport;

/** What {@code tinybird:test} does with its options and its report. */
final class TestOutput {

    private TestOutput() {}

    static Set<TestKind> kinds(String kinds) throws MojoFailureException {
        try {
            return TestKind.parseList(kinds);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("tinybird.test.kinds: " + e.getMessage());
        }
    }

    static RegressionFlags regressionFlags(String flags) throws MojoFailureException {
        try {
            return RegressionFlags.parse(flags);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("tinybird.regression.flags: " + e.getMessage());
        }
    }

    /** Logs every kind's table and totals, writes the JUnit XML files, and fails when a test did not pass. */
    static void report(Log log, TestReport report, Path directory) throws MojoFailureException {
        for (TestKind kind : TestKind.values()) {
            MavenOutput.log(log, report.lines(kind));
        }
        if (report.suites().isEmpty()) {
            log.warn("Warning: No test results to show");
        }
        log.info("JUnit reports: " + JUnitXml.write(report.suites(), directory).size() + " file(s) in " + directory);
        if (report.failure() != null) {
            throw new MojoFailureException(report.failure());
        }
    }
}

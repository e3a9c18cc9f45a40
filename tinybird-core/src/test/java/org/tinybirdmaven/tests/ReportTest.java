package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.project.CheckReport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.tinybirdmaven.output.TextTable;

/** The console tables, the totals and failure messages, and the JUnit XML files. */
class ReportTest {

    @TempDir
    Path dir;

    private static final TestSuiteResult QUALITY = new TestSuiteResult(TestKind.DATA_QUALITY, "tests/default.yaml",
            List.of(new TestCaseResult("ok", TestOutcome.PASSED, "Pass", 0.0012, null, null),
                    new TestCaseResult("slow", TestOutcome.PASSED, "Pass Over Time", 0.5, "took 0.5 s", null),
                    new TestCaseResult("bad", TestOutcome.FAILED, "FAIL", 0.002, "the query returned 1 row",
                            "-----\n| a |\n-----\n| 1 |\n-----")));
    private static final TestSuiteResult FIXTURES = new TestSuiteResult(TestKind.FIXTURE, FixtureRunner.SUITE,
            List.of(new TestCaseResult("tests/a.test", TestOutcome.PASSED, "OK", 0.01, null, null),
                    new TestCaseResult("tests/b.test", TestOutcome.FAILED, "failed", 0.01, "differs",
                            "--- e\n+++ a\n-1\n+2\n"),
                    TestCaseResult.error("tests/c.test", "tests/c.test:1: 'echo' is not a tb command")));

    private static List<String> texts(List<CheckReport.Line> lines) {
        return lines.stream().map(CheckReport.Line::text).toList();
    }

    @Test
    void textTablesLookLikeTheCli() {
        assertThat(TextTable.render(List.of("date", "bot_source", "hits"),
                List.of(List.of("2024-02-11 00:00:00", "wget", "35")))).containsExactly(
                "-------------------------------------------",
                "| date                | bot_source | hits |",
                "-------------------------------------------",
                "| 2024-02-11 00:00:00 | wget       |   35 |",
                "-------------------------------------------");
    }

    @Test
    void dataQualityUsesTinybirdsTotalsAndExitMessages() {
        TestReport report = new TestReport(List.of(QUALITY));
        List<String> lines = texts(report.lines(TestKind.DATA_QUALITY));
        assertThat(lines.get(1)).isEqualTo("| file               | test | status         | elapsed  |");
        assertThat(lines).contains("tests/default.yaml::bad: FAIL - the query returned 1 row", "| 1 |",
                "tests/default.yaml::slow: Pass Over Time - took 0.5 s", "Totals:", "Total FAIL: 1",
                "Total Pass Over Time: 1", "Total Pass: 1",
                "Data-quality tests: 2 passed, 1 failed, 0 errors, 0 skipped");
        assertThat(lines.indexOf("Total FAIL: 1")).isLessThan(lines.indexOf("Total Pass Over Time: 1"));
        assertThat(report.failure()).isEqualTo("The data validation has failed");
        assertThat(new TestReport(List.of(new TestSuiteResult(TestKind.DATA_QUALITY, "x",
                List.of(TestCaseResult.error("e", "boom"))))).failure()).isEqualTo("Tests with errors");
        assertThat(report.lines(TestKind.REGRESSION)).isEmpty();
    }

    @Test
    void fixtureFailuresShowTheirDiff() {
        TestReport report = new TestReport(List.of(FIXTURES, QUALITY));
        List<String> lines = texts(report.lines(TestKind.FIXTURE));
        assertThat(lines).containsSubsequence("tests/b.test: failed - differs", "--- e", "+++ a", "-1", "+2");
        assertThat(lines).contains("tests/c.test: ERROR - tests/c.test:1: 'echo' is not a tb command",
                "Fixture tests: 1 passed, 1 failed, 1 errors, 0 skipped");
        assertThat(report.failure()).isEqualTo("The data validation has failed; Fixture tests failed:"
                + " tests/b.test, tests/c.test");
        assertThat(new TestReport(List.of()).failure()).isNull();
    }

    @Test
    void junitFilesCarryCountsMessagesAndDiffs() throws Exception {
        List<Path> files = JUnitXml.write(List.of(QUALITY, FIXTURES), dir.resolve("reports"));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "TEST-tinybird.data-quality.tests_default.yaml.xml", "TEST-tinybird.fixture.fixture_tests.xml");
        Element suite = parse(files.get(1)).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("tinybird.fixture.fixture tests");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("differs");
        assertThat(failure.getTextContent()).isEqualTo("differs\n--- e\n+++ a\n-1\n+2\n");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("tests/b.test");
        assertThat(suite.getElementsByTagName("error").item(0).getTextContent()).contains("'echo'");
    }

    @Test
    void controlCharactersCannotBreakTheXml() throws Exception {
        TestSuiteResult suite = new TestSuiteResult(TestKind.REGRESSION, "e", List.of(new TestCaseResult(
                "r <&>", TestOutcome.FAILED, "FAIL", 0, "bad \u0001 byte", "]]> and \u0000")));
        Path file = JUnitXml.write(List.of(suite), dir).get(0);
        Element failure = (Element) parse(file).getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).isEqualTo("bad ? byte\n]]> and ?");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("r <&>");
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void kindsAreReadAsUsersWriteThem() {
        assertThat(TestKind.parseList("data-quality, fixtures,Regression")).containsExactly(TestKind.DATA_QUALITY,
                TestKind.FIXTURE, TestKind.REGRESSION);
        assertThat(TestKind.parseList("data_quality,quality")).containsExactly(TestKind.DATA_QUALITY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestKind.parseList("fixture,unit"))
                .hasMessage("Unknown test kind 'unit'; use data-quality, fixture, regression");
    }

    @Test
    void tinyenvGivesShellVariables() throws IOException {
        Files.writeString(dir.resolve(".tinyenv"), "# the release\nVERSION=1.2.0\nexport OBFUSCATE='a b' # x\n"
                + "TB_VERSION_WARNING=0 # quiet\nnot a variable\n");
        assertThat(TinyEnv.read(dir)).containsExactly(java.util.Map.entry("VERSION", "1.2.0"),
                java.util.Map.entry("OBFUSCATE", "a b"), java.util.Map.entry("TB_VERSION_WARNING", "0"));
        assertThat(TinyEnv.read(dir.resolve("none"))).isEmpty();
    }
}

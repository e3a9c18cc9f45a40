package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixture tests run natively against the example project in a workspace of the local server. */
class FixtureRunnerTest {

    private static final ExampleWorkspace workspace = ExampleWorkspace.shared();

    @TempDir
    Path project;

    private TestCaseResult run(String name, String command, String expected) throws Exception {
        Path file = project.resolve("tests/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, command);
        if (expected != null) {
            Files.writeString(project.resolve("tests/" + name + ".result"), expected);
        }
        return new FixtureRunner(workspace.client).run(file, "tests/" + name, Map.of("VERSION", "1.0.0", "1",
                "1.0.0"));
    }

    @Test
    void theExampleProjectsFixtureTestPasses() {
        List<TestSuiteResult> suites = new FixtureRunner(workspace.client).run(ExampleWorkspace.PROJECT);
        assertThat(suites).singleElement().satisfies(suite -> assertThat(suite.results()).singleElement()
                .satisfies(result -> {
                    assertThat(result.name()).isEqualTo("tests/top_products.test");
                    assertThat(result.outcome()).as(result.message() + "\n" + result.detail())
                            .isEqualTo(TestOutcome.PASSED);
                }));
    }

    @Test
    void aDifferentAnswerFailsWithAUnifiedDiff() throws Exception {
        TestCaseResult result = run("top.test", "tb pipe data top_products --date_start 2024-03-01"
                + " --date_end 2024-03-03 \\\n  --limit 2 --format CSV\n", """
                "product_id","name","purchases","revenue"
                "p05","Canvas tote",7,87.5

                "p01","Trail runner",5,359.6
                """);
        assertThat(result.outcome()).isEqualTo(TestOutcome.FAILED);
        assertThat(result.message()).isEqualTo("the output differs from tests/top.test.result (blank lines ignored)");
        assertThat(result.detail()).isEqualTo("""
                --- tests/top.test.result
                +++ actual output of tests/top.test
                @@ -1,3 +1,3 @@
                 "product_id","name","purchases","revenue"
                 "p05","Canvas tote",7,87.5
                -"p01","Trail runner",5,359.6
                +"p01","Trail runner",4,359.6
                """);
    }

    @Test
    void tbSqlPrintsCsvOrTheClisTable() throws Exception {
        assertThat(run("csv.test", "tb --semver $VERSION sql \"SELECT product_id, color FROM products"
                + " WHERE category = 'outerwear'\" --format CSV", "\"product_id\",\"color\"\n\"p03\",\"yellow\"\n")
                .outcome()).isEqualTo(TestOutcome.PASSED);
        TestCaseResult table = run("table.test", "tb sql \"SELECT product_id, name, length(name) AS len"
                + " FROM products WHERE product_id IN ('p01', 'p03') ORDER BY product_id\"", """
                -----------------------------------
                | product_id | name         | len |
                -----------------------------------
                | p01        | Trail runner |  12 |
                | p03        | Rain jacket  |  11 |
                -----------------------------------
                """);
        assertThat(table.outcome()).as(table.detail()).isEqualTo(TestOutcome.PASSED);
        TestCaseResult none = run("none.test", "tb sql 'SELECT 1 AS x WHERE 0'", "** No rows\n");
        assertThat(none.outcome()).isEqualTo(TestOutcome.PASSED);
    }

    @Test
    void tinyenvVariablesAndTheVersionArgumentAreExpanded() throws Exception {
        Files.writeString(project.resolve(".tinyenv"), "VERSION=1.2.3\nexport SUFFIX=_x\n");
        Files.createDirectories(project.resolve("tests"));
        Files.writeString(project.resolve("tests/version.test"), "tb --semver $VERSION sql \\\n"
                + "  \"SELECT '$1' AS v, '${SUFFIX}' AS s\" --format CSV\n");
        Files.writeString(project.resolve("tests/version.test.result"), "\"v\",\"s\"\n\"1.2.3\",\"_x\"\n");
        List<TestSuiteResult> suites = new FixtureRunner(workspace.client).run(project);
        assertThat(suites.get(0).results()).singleElement().satisfies(result -> assertThat(result.outcome())
                .as(result.message() + "\n" + result.detail()).isEqualTo(TestOutcome.PASSED));
    }

    @Test
    void whatCannotRunIsAnErrorNeverAPass() throws Exception {
        TestCaseResult shell = run("shell.test", "tb pipe data top_products --format CSV | head -2\n", "anything");
        assertThat(shell.outcome()).isEqualTo(TestOutcome.ERROR);
        assertThat(shell.message()).startsWith("tests/shell.test:1:40: '|' needs a shell");
        TestCaseResult noResult = run("lonely.test", "tb pipe data top_products --format CSV", null);
        assertThat(noResult.outcome()).isEqualTo(TestOutcome.ERROR);
        assertThat(noResult.message()).isEqualTo("there is no tests/lonely.test.result with the expected output");
        TestCaseResult unknownPipe = run("unknown.test", "tb pipe data nope --format CSV", "");
        assertThat(unknownPipe.outcome()).isEqualTo(TestOutcome.ERROR);
        assertThat(unknownPipe.message()).contains("nope");
    }
}

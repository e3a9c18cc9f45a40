package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-quality tests against the example project in a workspace of the local server. */
class DataQualityRunnerTest {

    private static final ExampleWorkspace workspace = ExampleWorkspace.shared();

    @TempDir
    Path project;

    private static Map<String, TestCaseResult> byName(List<TestSuiteResult> suites) {
        Map<String, TestCaseResult> results = new java.util.LinkedHashMap<>();
        suites.forEach(s -> s.results().forEach(r -> results.put(s.name() + "::" + r.name(), r)));
        return results;
    }

    @Test
    void theExampleProjectsTestsPass() {
        List<String> log = new ArrayList<>();
        List<TestSuiteResult> suites = new DataQualityRunner(workspace.client, 1).run(ExampleWorkspace.PROJECT,
                false, log::add);
        assertThat(suites).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("tests/default.yaml"));
        assertThat(suites.get(0).results()).extracting(TestCaseResult::name, TestCaseResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("no_negative_revenue", "Pass"),
                        org.assertj.core.groups.Tuple.tuple("top_products_have_purchases", "Pass"));
        assertThat(new TestReport(suites).failure()).isNull();
        assertThat(log).isEmpty();
    }

    /** Each query differs: ClickHouse's query condition cache lets a repeated filter skip reading. */
    @Test
    void everyStatusOfTinybirdsRules() throws Exception {
        Files.createDirectories(project.resolve("tests/more"));
        Files.writeString(project.resolve("tests/quality.yaml"), """
                - returns_rows:
                    sql: SELECT product_id FROM products WHERE product_id IN ('p01', 'p02') ORDER BY product_id
                - unknown_table:
                    sql: SELECT * FROM no_such_table
                - nothing_to_run:
                    max_time: 1
                - reads_too_much:
                    sql: SELECT * FROM events WHERE price < 0;
                    max_bytes_read: 1
                - reads_too_much_too_slowly:
                    sql: SELECT * FROM events WHERE price < -1
                    max_bytes_read: 1
                    max_time: 0
                - endpoint_filtered:
                    sql: SELECT * FROM _ WHERE purchases > 1000
                    pipe:
                      name: top_products
                      params: {date_start: 2024-03-01, date_end: 2024-03-03, limit: 3}
                - endpoint_rows_fail_without_sql:
                    pipe:
                      name: top_products
                      params: {limit: 1}
                - unknown_pipe:
                    pipe: {name: no_such_pipe}
                """);
        Files.writeString(project.resolve("tests/more/broken.yml"), "- a:\n    sql: 'x\n");
        Files.writeString(project.resolve("tests/regression.yaml"), "- pipe: '.*'\n  tests: [coverage]\n");
        Files.writeString(project.resolve("tests/more/skip_in_branch_checks.yaml"), "- b:\n    sql: SELECT 1\n");
        List<String> log = new ArrayList<>();

        List<TestSuiteResult> suites = new DataQualityRunner(workspace.client, 3).run(project, true, log::add);
        assertThat(log).containsExactly("** Skipping tests/more/skip_in_branch_checks.yaml",
                "** Skipping regression.yaml");
        assertThat(suites).extracting(TestSuiteResult::name).containsExactly("tests/more/broken.yml",
                "tests/quality.yaml");
        Map<String, TestCaseResult> results = byName(suites);
        assertThat(results.get("tests/more/broken.yml::tests/more/broken.yml").message())
                .startsWith("There was a problem running test file tests/more/broken.yml: tests/more/broken.yml:");
        TestCaseResult rows = results.get("tests/quality.yaml::returns_rows");
        assertThat(rows.status()).isEqualTo("FAIL");
        assertThat(rows.message()).isEqualTo("the query returned 2 rows; a data-quality test passes when it returns"
                + " none");
        assertThat(rows.detail()).isEqualTo("""
                --------------
                | product_id |
                --------------
                | p01        |
                | p02        |
                --------------""");
        assertThat(results.get("tests/quality.yaml::unknown_table").status()).isEqualTo("Error");
        assertThat(results.get("tests/quality.yaml::unknown_table").message()).contains("no_such_table");
        assertThat(results.get("tests/quality.yaml::nothing_to_run").message())
                .isEqualTo("'sql' or 'pipe' attribute not found");
        assertThat(results.get("tests/quality.yaml::reads_too_much").status()).isEqualTo("Pass Over Read Bytes");
        assertThat(results.get("tests/quality.yaml::reads_too_much").message()).matches(
                "read \\d+ bytes, more than max_bytes_read 1");
        assertThat(results.get("tests/quality.yaml::reads_too_much_too_slowly").status())
                .isEqualTo("Pass Over Time and Over Read Bytes");
        assertThat(results.get("tests/quality.yaml::endpoint_filtered").status()).isEqualTo("Pass");
        assertThat(results.get("tests/quality.yaml::endpoint_rows_fail_without_sql").status()).isEqualTo("FAIL");
        assertThat(results.get("tests/quality.yaml::endpoint_rows_fail_without_sql").detail()).contains("| p01 ");
        assertThat(results.get("tests/quality.yaml::unknown_pipe").message()).contains("no_such_pipe");

        assertThat(new TestReport(suites).failure()).isEqualTo("The data validation has failed");
        Files.delete(project.resolve("tests/quality.yaml"));
        Files.delete(project.resolve("tests/more/broken.yml"));
        assertThat(new DataQualityRunner(workspace.client, 1).run(project, false, log::add))
                .as("outside a branch, skip_in_branch files run").extracting(TestSuiteResult::name)
                .containsExactly("tests/more/skip_in_branch_checks.yaml");
    }
}

package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.client.CreatedEnvironment;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.deploy.Deployer;
import org.tinybirdmaven.deploy.PushOptions;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.project.Project;

/**
 * Regression tests between the example project's main workspace and a branch of it with all its data, on the local
 * server.
 */
class RegressionRunnerTest {

    private static final ExampleWorkspace main = ExampleWorkspace.shared();

    @TempDir
    Path dir;

    private static TinybirdClient branch(String name) {
        CreatedEnvironment created = main.client.createEnvironment(name, "all_partitions");
        main.client.waitForJob(created.job().id(), Duration.ofSeconds(60), null);
        String token = main.client.environments().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow().token();
        return ExampleWorkspace.client(token);
    }

    private List<TestSuiteResult> run(TinybirdClient branch, String regressionYaml, List<String> log)
            throws Exception {
        List<RegressionFile.Rule> rules = RegressionFile.rules(dir);
        if (regressionYaml != null) {
            Files.writeString(dir.resolve("regression.yaml"), regressionYaml);
            rules = RegressionFile.read(dir.resolve("regression.yaml"), "tests/regression.yaml");
        }
        return new RegressionRunner(main.client, "main", branch, "branch").run(main.project, rules, log::add);
    }

    @Test
    void anUnchangedBranchHasNoRegression() throws Exception {
        try (TinybirdClient branch = branch("same_" + ProcessHandle.current().pid())) {
            List<String> log = new ArrayList<>();
            List<TestSuiteResult> suites = run(branch, null, log);
            assertThat(suites).extracting(TestSuiteResult::name).containsExactly("sales_by_category",
                    "top_products");
            suites.forEach(suite -> assertThat(suite.results()).singleElement().satisfies(result -> {
                assertThat(result.name()).isEqualTo("coverage (defaults)");
                assertThat(result.outcome()).as(result.message()).isEqualTo(TestOutcome.PASSED);
            }));
            assertThat(log).isEmpty();

            List<TestSuiteResult> last = run(branch, """
                    - pipe: top_products
                      tests:
                        - last: {limit: 3}
                        - manual:
                            params:
                              - {date_start: 2024-03-01, date_end: 2024-03-03, limit: 2}
                    - pipe: sales_by
                      tests: [{coverage: {config: {skip: true}}}]
                    """, log);
            assertThat(log).containsExactly("Regression test 'last' of top_products: main logged no recent"
                    + " request of it in tinybird.pipe_stats_rt; using coverage instead");
            assertThat(last.get(0).results()).extracting(TestCaseResult::name, TestCaseResult::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("coverage", TestOutcome.SKIPPED));
            assertThat(last.get(1).results()).extracting(TestCaseResult::name).containsExactly("last (defaults)",
                    "manual ?date_start=2024-03-01&date_end=2024-03-03&limit=2");
            assertThat(last.get(1).results()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(TestOutcome.PASSED));
        }
    }

    @Test
    void aChangedEndpointIsReportedWithTheDifferingRows() throws Exception {
        try (TinybirdClient branch = branch("changed_" + ProcessHandle.current().pid())) {
            Path copy = dir.resolve("changed");
            copyTree(ExampleWorkspace.PROJECT, copy);
            Path pipe = copy.resolve("endpoints/top_products.pipe");
            Files.writeString(pipe, Files.readString(pipe).replace("ORDER BY purchases DESC",
                    "ORDER BY purchases ASC"));
            new Deployer(branch, Output.NONE).push(Project.load(copy, Map.of()), new PushOptions().force(true));

            List<TestSuiteResult> suites = run(branch, """
                    - pipe: '.*'
                      tests:
                        - manual:
                            config: {failfast: true}
                            params:
                              - {date_start: 2024-03-01, date_end: 2024-03-03, limit: 2}
                              - {limit: 1}
                    """, new ArrayList<>());
            assertThat(suites.get(0).results()).as("sales_by_category did not change")
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(TestOutcome.PASSED));
            List<TestCaseResult> top = suites.get(1).results();
            assertThat(top).extracting(TestCaseResult::outcome).containsExactly(TestOutcome.FAILED,
                    TestOutcome.SKIPPED);
            assertThat(top.get(0).message()).isEqualTo("the results differ");
            assertThat(top.get(0).detail()).startsWith("--- main\n+++ branch\n").contains(
                    "-{\"product_id\":\"p05\",\"name\":\"Canvas tote\",\"purchases\":7,\"revenue\":87.5}");
            assertThat(top.get(1).message()).isEqualTo("failfast: an earlier request failed");
            assertThat(new TestReport(suites).failure()).isEqualTo("Regression tests failed: top_products manual"
                    + " ?date_start=2024-03-01&date_end=2024-03-03&limit=2");
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}

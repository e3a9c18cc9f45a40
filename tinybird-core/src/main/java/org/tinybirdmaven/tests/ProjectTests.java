package org.tinybirdmaven.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.project.Project;

/**
 * Runs the chosen kinds of tests of a project against a workspace, each kind to the end whatever the others gave,
 * and returns the report. Regression tests need a second workspace, the baseline; without one they do not run.
 */
public final class ProjectTests {

    /** The workspace regression tests compare the tested one with, and how reports call both. */
    public record Baseline(TinybirdClient client, String name, String candidateName) {}

    private ProjectTests() {}

    /**
     * @param client      the workspace under test
     * @param baseline    for regression tests, or null
     * @param kinds       what to run
     * @param concurrency data-quality files run at once (1 to 10)
     * @param environment variables for {@code $VAR} in datafiles (regression tests read the project's endpoints)
     * @param flags       overrides of every regression test's settings
     * @param log         progress and warning lines
     */
    public static TestReport run(Path projectDir, TinybirdClient client, Baseline baseline, Set<TestKind> kinds,
                                 int concurrency, RegressionFlags flags, Map<String, String> environment,
                                 Consumer<String> log) {
        List<TestSuiteResult> suites = new ArrayList<>();
        if (kinds.contains(TestKind.DATA_QUALITY)) {
            DataQualityRunner runner = new DataQualityRunner(client, concurrency);
            boolean inBranch = !DataQualityRunner.files(projectDir).isEmpty() && client.workspace().isBranch();
            suites.addAll(runner.run(projectDir, inBranch, log));
        }
        if (kinds.contains(TestKind.FIXTURE)) {
            suites.addAll(new FixtureRunner(client).run(projectDir));
        }
        if (kinds.contains(TestKind.REGRESSION) && baseline != null) {
            List<RegressionFile.Rule> rules;
            try {
                rules = flags.apply(RegressionFile.rules(projectDir));
            } catch (TestFileException e) {
                suites.add(new TestSuiteResult(TestKind.REGRESSION, RegressionFile.PATH,
                        List.of(TestCaseResult.error(RegressionFile.PATH, e.getMessage()))));
                return new TestReport(suites);
            }
            Project project = Project.load(projectDir, environment);
            suites.addAll(new RegressionRunner(baseline.client(), baseline.name(), client, baseline.candidateName())
                    .run(project, rules, log));
        }
        return new TestReport(suites);
    }
}

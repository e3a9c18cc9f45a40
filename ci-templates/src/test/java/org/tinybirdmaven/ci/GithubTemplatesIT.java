package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.ci.github.ActionStubs;
import org.tinybirdmaven.ci.github.WorkflowRunner;
import org.tinybirdmaven.plugin.ci.CiCallers;

/**
 * Executes the published GitHub workflows ({@code .github/workflows/tinybird-*.yml}) through the callers that
 * {@code tinybird:init-ci} writes, with the real {@code mvn} and the plugin built by this reactor, against a local
 * Tinybird server.
 */
class GithubTemplatesIT {

    private static final String SUBFOLDER = "analytics/ecommerce-data.v2";

    @TempDir
    Path dir;

    @Test
    void pullRequestRunChecksPushesTestsAndCleansUp() throws Exception {
        LocalTinybird server = LocalTinybird.get();
        String staging = server.workspaceToken("ci_staging");
        DataProject project = DataProject.create(dir, SUBFOLDER, server.url(), "http://127.0.0.1:9");
        // The workspace already runs the previous version: the regression tests compare the PR's with it.
        Scenario.mvn(project.directory, Map.of("TB_TOKEN", staging), "-Pstaging", "tinybird:push");
        List<String> before = server.datasources(staging);
        DataProject.changeAnEndpoint(project.directory);
        initCi(project);
        WorkflowRunner.Result run = run(project, ".github/workflows/tinybird-ci.yml", 4101, "pull_request",
                pullRequest(List.of("--assert-result-no-error", "bug")),
                Map.of("TB_HOST", server.url(), "TB_STAGING_ADMIN_TOKEN", staging));
        Scenario.saveLog("github-pull-request", run.log());

        assertThat(run.success()).as(run.log()).isTrue();
        String env = "tmp_ci_ecommerce_data_v2_4101";
        assertThat(run.log()).contains("Working in Tinybird Environment '" + env + "'")
                .contains("postdeploy hook ran: VERSION=1.2.3 TINYBIRD_ENV=" + env + " env token set")
                .doesNotContain(staging);
        String envToken = Files.readString(project.directory.resolve("target/tinybird/env-token")).strip();
        assertThat(run.masks()).contains(envToken);
        assertThat(run.log()).doesNotContain(envToken);
        assertThat(run.ran()).containsSubsequence("Check the datafiles", "Create the CI Environment with the last"
                + " partition", "Push to the CI Environment", "Diff after the push (must be empty)", "Fixture tests",
                "Data-quality tests", "Regression tests", "Remove the CI Environment");
        assertThat(server.environments()).doesNotContain(env);
        assertThat(server.datasources(staging)).as("a PR never touches the workspace itself").isEqualTo(before);
    }

    @Test
    void stagingDeployByHandUsesTheProfileHostAndTheDeployHook() throws Exception {
        LocalTinybird server = LocalTinybird.get();
        String staging = server.workspaceToken("ci_staging_cd");
        DataProject project = DataProject.create(dir, ".", server.url(), "http://127.0.0.1:9");
        DataProject.hook(project.directory, "deploy.sh", "echo \"deploy hook: pushing with $TINYBIRD_MVN_ARGS\"\n"
                + "mvn $TINYBIRD_MVN_ARGS tinybird:push -Dtinybird.wait=true\n");
        initCi(project);
        WorkflowRunner.Result run = run(project, ".github/workflows/tinybird-cd-staging.yml", 4102,
                "workflow_dispatch", Map.of(), Map.of("TB_STAGING_ADMIN_TOKEN", staging));
        Scenario.saveLog("github-deploy-staging", run.log());

        assertThat(run.success()).as(run.log()).isTrue();
        assertThat(run.log()).contains("Running deploy/1.2.3/deploy.sh instead of tinybird:push")
                .contains("deploy hook: pushing with -B -ntp -e -Pstaging")
                .contains("postdeploy hook ran: VERSION=1.2.3 TINYBIRD_ENV= ");
        assertThat(run.outcome("Rehearse in a temporary Environment")).isEqualTo("skipped");
        assertThat(server.datasources(staging)).contains("events", "products", "daily_product_sales");
    }

    @Test
    void productionDeployOnPushRehearsesThenDeploysWithTheSecretHost() throws Exception {
        LocalTinybird server = LocalTinybird.get();
        String production = server.workspaceToken("ci_production");
        // The production profile names a host nothing listens on: the tb_host secret must win over it.
        DataProject project = DataProject.create(dir, ".", server.url(), "http://127.0.0.1:9");
        initCi(project);
        WorkflowRunner.Result run = run(project, ".github/workflows/tinybird-cd-production.yml", 4103, "push",
                Map.of("ref", "refs/heads/main"),
                Map.of("TB_HOST", server.url(), "TB_PRODUCTION_ADMIN_TOKEN", production));
        Scenario.saveLog("github-deploy-production", run.log());

        assertThat(run.success()).as(run.log()).isTrue();
        assertThat(run.log()).contains("tmp_cd_repo_4103");
        assertThat(run.outcome("Remove the rehearsal Environment")).isEqualTo("success");
        assertThat(server.environments()).doesNotContain("tmp_cd_repo_4103");
        assertThat(server.datasources(production)).contains("events", "products", "daily_product_sales");
    }

    @Test
    void aFailingCheckPushesNothingAndStillCleansUp() throws Exception {
        LocalTinybird server = LocalTinybird.get();
        String staging = server.workspaceToken("ci_staging");
        DataProject project = DataProject.create(dir, SUBFOLDER, server.url(), "http://127.0.0.1:9");
        Files.writeString(project.directory.resolve("pipes/broken.pipe"), "NODE broken\nSQL >\n    SELECT\n"
                + "TYPE materialized\n");
        initCi(project);
        WorkflowRunner.Result run = run(project, ".github/workflows/tinybird-ci.yml", 4104, "pull_request",
                pullRequest(List.of()), Map.of("TB_HOST", server.url(), "TB_STAGING_ADMIN_TOKEN", staging));
        Scenario.saveLog("github-failing-check", run.log());

        assertThat(run.success()).isFalse();
        assertThat(run.outcome("Check the datafiles")).isEqualTo("failure");
        assertThat(run.outcome("Create the CI Environment with the last partition")).isEqualTo("skipped");
        assertThat(run.outcome("Push to the CI Environment")).isEqualTo("skipped");
        assertThat(run.outcome("Remove the CI Environment")).isEqualTo("success");
        assertThat(run.log()).contains("broken.pipe");
        assertThat(server.environments()).doesNotContain("tmp_ci_ecommerce_data_v2_4104");
    }

    @Test
    void aMissingTokenStopsTheRunWithAClearMessage() throws Exception {
        DataProject project = DataProject.create(dir, SUBFOLDER, "http://127.0.0.1:9", "http://127.0.0.1:9");
        initCi(project);
        WorkflowRunner.Result run = run(project, ".github/workflows/tinybird-ci.yml", 4105, "pull_request",
                pullRequest(List.of()), Map.of("TB_HOST", "http://127.0.0.1:9"));
        Scenario.saveLog("github-missing-token", run.log());

        assertThat(run.success()).isFalse();
        assertThat(run.outcome("Check the Tinybird secrets")).isEqualTo("failure");
        assertThat(run.log()).contains("Error: The tb_admin_token secret is empty. Pass it from the calling workflow");
        assertThat(run.ran()).doesNotContain("Check the datafiles", "Remove the CI Environment");
    }

    @Test
    void aDeployHookThatIsNotExecutableIsNamedWithTheFix() throws Exception {
        DataProject project = DataProject.create(dir, ".", "http://127.0.0.1:9", "http://127.0.0.1:9");
        Path hook = project.directory.resolve("deploy/" + DataProject.VERSION + "/deploy.sh");
        Files.writeString(hook, "#!/bin/sh\necho never\n");
        initCi(project);
        WorkflowRunner.Result run = run(project, ".github/workflows/tinybird-cd-staging.yml", 4106,
                "workflow_dispatch", Map.of(), Map.of("TB_STAGING_ADMIN_TOKEN", "p.unused"));
        Scenario.saveLog("github-hook-not-executable", run.log());

        assertThat(run.success()).isFalse();
        assertThat(run.outcome("Check the datafiles")).isEqualTo("success");
        assertThat(run.outcome("Deploy to the Workspace")).isEqualTo("failure");
        assertThat(run.log()).contains("Error: deploy/1.2.3/deploy.sh is not executable: chmod +x"
                + " deploy/1.2.3/deploy.sh (git update-index --chmod=+x deploy/1.2.3/deploy.sh)")
                .doesNotContain("never");
    }

    /** The callers, as {@code tinybird:init-ci -Dtinybird.ci=github} writes them, committed. */
    private static void initCi(DataProject project) throws Exception {
        CiCallers.init(CiCallers.Ci.GITHUB, project.directory, CiCallers.EXAMPLE_REPOSITORY, CiCallers.EXAMPLE_REF,
                false);
        project.commit("CI");
    }

    private static Map<String, Object> pullRequest(List<String> labels) {
        return Map.of("action", "opened", "number", 7.0, "pull_request", Map.of("number", 7.0,
                "labels", labels.stream().map(label -> Map.of("name", label)).toList()));
    }

    private WorkflowRunner.Result run(DataProject project, String caller, long runId, String event,
                                      Map<String, Object> payload, Map<String, String> secrets) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> allSecrets = new HashMap<>(secrets);
        WorkflowRunner runner = new WorkflowRunner(new WorkflowRunner.Setup(project.repository, home,
                Scenario.machineEnv(home), event, payload, runId, "acme/ecommerce-data", allSecrets,
                GithubTemplatesIT::published, ActionStubs.forTemplates(Path.of(System.getProperty("java.home")),
                Runtime.version().feature())));
        return runner.run(project.repository.resolve(caller));
    }

    /** What GitHub fetches for {@code uses: <templates repository>/.github/workflows/<file>@<tag>}. */
    private static Path published(String uses) {
        String prefix = CiCallers.EXAMPLE_REPOSITORY + "/.github/workflows/";
        String suffix = "@" + CiCallers.EXAMPLE_REF;
        if (!uses.startsWith(prefix) || !uses.endsWith(suffix)) {
            return null;
        }
        Path file = Templates.repositoryRoot().resolve(".github/workflows")
                .resolve(uses.substring(prefix.length(), uses.length() - suffix.length()));
        return Files.isRegularFile(file) ? file : null;
    }
}

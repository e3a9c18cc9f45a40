package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.plugin.ci.CiCallers;

/**
 * Executes the published GitLab template ({@code .gitlab/tinybird-ci.gitlab-ci.yml}) through the
 * {@code .gitlab-ci.yml} that {@code tinybird:init-ci} writes, with gitlab-ci-local's shell executor, the real
 * {@code mvn} and the plugin built by this reactor, against a local Tinybird server. The caller's remote include
 * becomes a local one (same file, committed in the fixture repository), since nothing is fetched here.
 */
class GitlabTemplatesIT {

    private static final String SUBFOLDER = "analytics/ecommerce-data.v2";

    @TempDir
    Path dir;

    record Pipeline(int exitCode, String log) {}

    @Test
    void mergeRequestPipelineChecksPushesTestsAndCleansUp() throws Exception {
        Path gitlabCiLocal = NodeTools.bin("gitlab-ci-local");
        LocalTinybird server = LocalTinybird.get();
        String staging = server.workspaceToken("gl_staging");
        DataProject project = DataProject.create(dir, SUBFOLDER, server.url(), "http://127.0.0.1:9");
        Scenario.mvn(project.directory, Map.of("TB_TOKEN", staging), "-Pstaging", "tinybird:push");
        List<String> before = server.datasources(staging);
        DataProject.changeAnEndpoint(project.directory);
        initCi(project);
        Pipeline pipeline = run(gitlabCiLocal, project, "gitlab-merge-request", List.of(
                "--unset-variable", "CI_COMMIT_BRANCH", "--variable", "CI_MERGE_REQUEST_ID=7",
                "--variable", "CI_MERGE_REQUEST_LABELS=--assert-result-no-error,bug",
                "--variable", "TB_HOST=" + server.url(), "--variable", "TB_STAGING_ADMIN_TOKEN=" + staging));

        assertThat(pipeline.exitCode()).as(pipeline.log()).isZero();
        assertThat(pipeline.log()).containsPattern("Working in Tinybird Environment 'tmp_ci_ecommerce_data_v2_\\d+'")
                .contains("postdeploy hook ran: VERSION=1.2.3 TINYBIRD_ENV=tmp_ci_ecommerce_data_v2_")
                .doesNotContain("tinybird_deploy_production");
        assertThat(Scenario.lines(pipeline.log(), "PASS")).anyMatch(line -> line.contains("tinybird_ci"))
                .anyMatch(line -> line.contains("tinybird_cleanup"));
        assertThat(server.environments()).noneMatch(env -> env.startsWith("tmp_ci_ecommerce_data_v2_"));
        assertThat(server.datasources(staging)).isEqualTo(before);
    }

    @Test
    void defaultBranchPipelineDeploysStagingByHandAndProductionAfterARehearsal() throws Exception {
        Path gitlabCiLocal = NodeTools.bin("gitlab-ci-local");
        LocalTinybird server = LocalTinybird.get();
        String staging = server.workspaceToken("gl_staging_cd");
        String production = server.workspaceToken("gl_production");
        DataProject project = DataProject.create(dir, ".", server.url(), "http://127.0.0.1:9");
        initCi(project);
        Pipeline pipeline = run(gitlabCiLocal, project, "gitlab-deploy", List.of(
                "--manual", "tinybird_deploy_staging", "--variable", "TB_HOST=" + server.url(),
                "--variable", "TB_STAGING_ADMIN_TOKEN=" + staging,
                "--variable", "TB_PRODUCTION_ADMIN_TOKEN=" + production));

        assertThat(pipeline.exitCode()).as(pipeline.log()).isZero();
        assertThat(pipeline.log()).containsPattern("tmp_cd_repo_\\d+").doesNotContain("tinybird_ci ");
        assertThat(server.datasources(staging)).contains("events", "products", "daily_product_sales");
        assertThat(server.datasources(production)).contains("events", "products", "daily_product_sales");
        assertThat(server.environments()).noneMatch(env -> env.startsWith("tmp_cd_repo_"));
    }

    @Test
    void aFailingCheckPushesNothingAndTheCleanupJobStillRuns() throws Exception {
        Path gitlabCiLocal = NodeTools.bin("gitlab-ci-local");
        LocalTinybird server = LocalTinybird.get();
        String staging = server.workspaceToken("gl_staging");
        DataProject project = DataProject.create(dir, SUBFOLDER, server.url(), "http://127.0.0.1:9");
        Files.writeString(project.directory.resolve("pipes/broken.pipe"), "NODE broken\nSQL >\n    SELECT\n"
                + "TYPE materialized\n");
        initCi(project);
        Pipeline pipeline = run(gitlabCiLocal, project, "gitlab-failing-check", List.of(
                "--unset-variable", "CI_COMMIT_BRANCH", "--variable", "CI_MERGE_REQUEST_ID=8",
                "--variable", "TB_HOST=" + server.url(), "--variable", "TB_STAGING_ADMIN_TOKEN=" + staging));

        assertThat(pipeline.exitCode()).isNotZero();
        assertThat(pipeline.log()).contains("broken.pipe").doesNotContain("tinybird:push");
        assertThat(Scenario.lines(pipeline.log(), "FAIL")).anyMatch(line -> line.contains("tinybird_ci"));
        assertThat(Scenario.lines(pipeline.log(), "PASS")).anyMatch(line -> line.contains("tinybird_cleanup"));
    }

    @Test
    void aMissingTokenStopsTheJobWithAClearMessage() throws Exception {
        Path gitlabCiLocal = NodeTools.bin("gitlab-ci-local");
        DataProject project = DataProject.create(dir, SUBFOLDER, "http://127.0.0.1:9", "http://127.0.0.1:9");
        initCi(project);
        Pipeline pipeline = run(gitlabCiLocal, project, "gitlab-missing-token", List.of(
                "--unset-variable", "CI_COMMIT_BRANCH", "--variable", "CI_MERGE_REQUEST_ID=9",
                "--variable", "TB_HOST=http://127.0.0.1:9"));

        assertThat(pipeline.exitCode()).isNotZero();
        assertThat(pipeline.log()).contains("ERROR: the CI/CD variable TB_ADMIN_TOKEN is empty or not available")
                .doesNotContain("tinybird:check");
    }

    /** The caller as {@code tinybird:init-ci -Dtinybird.ci=gitlab} writes it, including the published template. */
    private static void initCi(DataProject project) throws Exception {
        Path caller = CiCallers.init(CiCallers.Ci.GITLAB, project.directory, CiCallers.EXAMPLE_REPOSITORY,
                CiCallers.EXAMPLE_REF, false).get(0);
        String remote = "  - remote: https://raw.githubusercontent.com/" + CiCallers.EXAMPLE_REPOSITORY + "/"
                + CiCallers.EXAMPLE_REF + "/.gitlab/tinybird-ci.gitlab-ci.yml\n";
        String text = Files.readString(caller);
        assertThat(text).contains(remote);
        Files.writeString(caller, text.replace(remote, "  - local: .gitlab/tinybird-ci.gitlab-ci.yml\n"));
        Files.createDirectories(project.repository.resolve(".gitlab"));
        Files.copy(Templates.repositoryRoot().resolve(".gitlab/tinybird-ci.gitlab-ci.yml"),
                project.repository.resolve(".gitlab/tinybird-ci.gitlab-ci.yml"));
        project.commit("CI");
    }

    private Pipeline run(Path gitlabCiLocal, DataProject project, String name, List<String> variables)
            throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>(List.of(gitlabCiLocal.toString(), "--force-shell-executor",
                "--no-color", "--concurrency", "1", "--json-schema-validation",
                "--home", Files.createDirectories(home.resolve(".gitlab-ci-local")).toString()));
        command.addAll(variables);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.repository.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Scenario.machineEnv(home));
        Process process = builder.start();
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("gitlab-ci-local ran longer than 10 minutes:\n" + log);
        }
        Scenario.saveLog(name, log);
        return new Pipeline(process.exitValue(), log);
    }
}

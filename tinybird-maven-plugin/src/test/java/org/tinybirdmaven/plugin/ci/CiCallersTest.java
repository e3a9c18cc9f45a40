package org.tinybirdmaven.plugin.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiCallersTest {

    @TempDir
    Path repo;

    @Test
    void githubCallersPointAtTheTemplatesAndTheProjectFolder() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Path project = Files.createDirectories(repo.resolve("analytics/tinybird"));
        List<Path> written = CiCallers.init(CiCallers.Ci.GITHUB, project, "acme/ci-fork", "v2.0.0", false);
        assertThat(written).containsExactly(repo.resolve(".github/workflows/tinybird-cd-production.yml"),
                repo.resolve(".github/workflows/tinybird-cd-staging.yml"),
                repo.resolve(".github/workflows/tinybird-ci.yml"));
        String ci = Files.readString(repo.resolve(".github/workflows/tinybird-ci.yml"));
        assertThat(ci).contains("    uses: acme/ci-fork/.github/workflows/tinybird-ci.yml@v2.0.0\n")
                .contains("      data_project_dir: analytics/tinybird\n")
                .doesNotContain(CiCallers.EXAMPLE_REPOSITORY);
        assertThat(Files.readString(repo.resolve(".github/workflows/tinybird-cd-production.yml")))
                .contains("tinybird-cd.yml@v2.0.0\n").contains("maven_profile: production");
    }

    @Test
    void gitlabCallerIncludesTheTemplateOfTheTag() throws Exception {
        List<Path> written = CiCallers.init(CiCallers.Ci.parse(" GitLab "), repo, CiCallers.EXAMPLE_REPOSITORY,
                "v0.2.0", false);
        assertThat(written).containsExactly(repo.resolve(".gitlab-ci.yml"));
        assertThat(Files.readString(written.get(0)))
                .contains("/tinybirdmaven/tinybird-maven-plugin/v0.2.0/.gitlab/tinybird-ci.gitlab-ci.yml\n")
                .contains("  DATA_PROJECT_DIR: .\n");
    }

    @Test
    void existingFilesAreKeptUnlessForced() throws Exception {
        Path existing = Files.writeString(repo.resolve(".gitlab-ci.yml"), "build: {script: [make]}\n");
        assertThatThrownBy(() -> CiCallers.init(CiCallers.Ci.GITLAB, repo, "a/b", "v1", false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(existing.toString())
                .hasMessageContaining("-Dtinybird.force=true");
        assertThat(Files.readString(existing)).isEqualTo("build: {script: [make]}\n");
        CiCallers.init(CiCallers.Ci.GITLAB, repo, "a/b", "v1", true);
        assertThat(Files.readString(existing)).contains(".tinybird_ci");
    }

    @Test
    void anUnknownCiIsNamed() {
        assertThatThrownBy(() -> CiCallers.Ci.parse("jenkins")).hasMessage(
                "tinybird.ci must be github or gitlab, not 'jenkins'");
    }
}

package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.plugin.ci.CiCallers;

/** {@code tinybird:init-ci} writes the caller examples tested here, and what it writes for a subfolder is valid. */
class InitCiOutputTest {

    @TempDir
    Path repo;

    @Test
    void withTheDefaultsTheGoalWritesTheCallerExamplesByteForByte() throws Exception {
        Map<Path, String> github = CiCallers.files(CiCallers.Ci.GITHUB, repo, repo, CiCallers.EXAMPLE_REPOSITORY,
                CiCallers.EXAMPLE_REF);
        assertThat(github.get(repo.resolve(".github/workflows/tinybird-ci.yml")))
                .isEqualTo(Templates.GITHUB_CI_CALLER.text());
        assertThat(github.get(repo.resolve(".github/workflows/tinybird-cd-staging.yml")))
                .isEqualTo(Templates.GITHUB_CD_STAGING_CALLER.text());
        assertThat(github.get(repo.resolve(".github/workflows/tinybird-cd-production.yml")))
                .isEqualTo(Templates.GITHUB_CD_PRODUCTION_CALLER.text());
        assertThat(CiCallers.files(CiCallers.Ci.GITLAB, repo, repo, CiCallers.EXAMPLE_REPOSITORY,
                CiCallers.EXAMPLE_REF)).containsExactly(Map.entry(repo.resolve(".gitlab-ci.yml"),
                Templates.GITLAB_CALLER.text()));
        assertThat(CiCallers.EXAMPLE_REPOSITORY).isEqualTo(Templates.REPOSITORY);
        assertThat(CiCallers.EXAMPLE_REF).isEqualTo(Templates.REF);
    }

    @Test
    void theReadmeShowsTheCallerExamplesAsTheyAre() throws Exception {
        String readme = Files.readString(Templates.repositoryRoot().resolve("README.md"));
        for (Templates caller : java.util.List.of(Templates.GITHUB_CI_CALLER, Templates.GITHUB_CD_STAGING_CALLER,
                Templates.GITHUB_CD_PRODUCTION_CALLER, Templates.GITLAB_CALLER)) {
            assertThat(readme).as("README.md shows " + caller.path).contains("```yaml\n" + caller.text() + "```\n");
        }
    }

    @Test
    void callersForAProjectInASubfolderAreValid() throws Exception {
        Files.createDirectories(repo.resolve(".git"));
        Path project = Files.createDirectories(repo.resolve("data/my-project.v2"));
        for (CiCallers.Ci ci : CiCallers.Ci.values()) {
            CiCallers.init(ci, project, "acme/templates", "v9.9.9", false).forEach(file -> {
                Schemas schema = ci == CiCallers.Ci.GITHUB ? Schemas.GITHUB_WORKFLOW : Schemas.GITLAB_CI;
                String text = read(file);
                assertThat(schema.violations(StrictYaml.parse(file.toString(), text))).as(file.toString()).isEmpty();
                assertThat(text).contains("data/my-project.v2").contains("acme/templates").contains("v9.9.9");
            });
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The repository publishes the templates where callers find them ({@code uses: <repo>/.github/workflows/x.yml@tag},
 * {@code include: remote: …/.gitlab/tinybird-ci.gitlab-ci.yml}); those copies must be the module's templates, byte
 * for byte. To update them: {@code cp ci-templates/src/main/resources/org/tinybirdmaven/ci/github/*.yml
 * .github/workflows/ && cp ci-templates/src/main/resources/org/tinybirdmaven/ci/gitlab/*.yml .gitlab/}.
 */
class PublishedCopiesTest {

    enum Copy {
        CI(Templates.GITHUB_CI, ".github/workflows/tinybird-ci.yml"),
        CD(Templates.GITHUB_CD, ".github/workflows/tinybird-cd.yml"),
        GITLAB(Templates.GITLAB, ".gitlab/tinybird-ci.gitlab-ci.yml");

        final Templates template;
        final String published;

        Copy(Templates template, String published) {
            this.template = template;
            this.published = published;
        }
    }

    @ParameterizedTest
    @EnumSource(Copy.class)
    void thePublishedCopyIsTheTemplate(Copy copy) throws IOException {
        Path published = Templates.repositoryRoot().resolve(copy.published);
        assertThat(published).exists();
        assertThat(Files.readAllBytes(published)).as(copy.published + " differs from " + copy.template.path)
                .isEqualTo(copy.template.bytes());
    }
}

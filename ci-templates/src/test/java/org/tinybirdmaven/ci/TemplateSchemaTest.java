package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every template and caller parses strictly and is valid for its CI system's schema. */
class TemplateSchemaTest {

    @ParameterizedTest
    @EnumSource(Templates.class)
    void parsesStrictlyAndMatchesItsSchema(Templates template) {
        Schemas schema = Templates.github().contains(template) ? Schemas.GITHUB_WORKFLOW : Schemas.GITLAB_CI;
        assertThat(schema.violations(template.yaml())).as(template.path).isEmpty();
    }

    /** GitLab's schema accepts anything under a hidden key, so the hidden jobs are checked as the jobs they become. */
    @Test
    void hiddenGitlabJobsAreValidJobsOnceExtended() {
        ObjectNode visible = Templates.GITLAB.yaml().objectNode();
        GitlabJobs.resolved(Templates.GITLAB.yaml()).forEach((name, job) -> {
            if (job.has("script")) {
                visible.set(name.substring(1), job);
            }
        });
        assertThat(visible.size()).isEqualTo(3);
        assertThat(Schemas.GITLAB_CI.violations(visible)).isEmpty();
    }

    @Test
    void theGithubSchemaRejectsAJobWithoutRunsOn() {
        ObjectNode workflow = Templates.GITHUB_CI.yaml();
        ((ObjectNode) workflow.get("jobs").get("ci")).remove("runs-on");
        assertThat(Schemas.GITHUB_WORKFLOW.violations(workflow)).isNotEmpty();
    }

    @Test
    void theGitlabSchemaRejectsAnUnknownWhen() {
        ObjectNode pipeline = Templates.GITLAB_CALLER.yaml();
        ((ObjectNode) pipeline.get("tinybird_cleanup").get("rules").get(0)).put("when", "on_sucess");
        assertThat(Schemas.GITLAB_CI.violations(pipeline)).isNotEmpty();
    }

    @Test
    void duplicateKeysTabsAndNonMappingsAreRefused() {
        assertThatThrownBy(() -> StrictYaml.parse("dup.yml", "on: push\non: pull_request\n"))
                .hasMessageContaining("Duplicate field 'on'");
        assertThatThrownBy(() -> StrictYaml.parse("tab.yml", "jobs:\n\tci: {}\n"))
                .hasMessageContaining("tab.yml:2: tab in indentation");
        assertThatThrownBy(() -> StrictYaml.parse("list.yml", "- a\n- b\n"))
                .hasMessageContaining("not a mapping");
    }

    @Test
    void onStaysAStringKey() {
        assertThat(Templates.GITHUB_CI.yaml().has("on")).isTrue();
    }
}

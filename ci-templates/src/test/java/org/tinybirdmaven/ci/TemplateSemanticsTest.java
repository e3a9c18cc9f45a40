package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the linters and schemas do not see: declarations, secrets handling, pinning, GitLab job semantics. */
class TemplateSemanticsTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern CONTEXT_REF = Pattern.compile("\\b(inputs|secrets)\\.([A-Za-z_][\\w-]*)");
    private static final Set<String> PINNED_ACTIONS = Set.of("actions/checkout@v4", "actions/setup-java@v4");

    @Test
    void everyInputAndSecretUsedIsDeclared() {
        for (Templates template : List.of(Templates.GITHUB_CI, Templates.GITHUB_CD)) {
            JsonNode call = template.yaml().get("on").get("workflow_call");
            Matcher expression = EXPRESSION.matcher(template.text());
            while (expression.find()) {
                Matcher ref = CONTEXT_REF.matcher(expression.group(1));
                while (ref.find()) {
                    assertThat(call.path(ref.group(1)).has(ref.group(2)))
                            .as("%s uses %s.%s", template.path, ref.group(1), ref.group(2)).isTrue();
                }
            }
        }
    }

    @Test
    void secretsReachScriptsThroughEnvOnly() {
        for (Templates template : Templates.github()) {
            for (JsonNode job : template.yaml().path("jobs")) {
                for (JsonNode step : job.path("steps")) {
                    assertThat(step.path("run").asText()).as("%s: %s", template.path, step.path("name"))
                            .doesNotContain("${{");
                }
            }
        }
    }

    @Test
    void requiredInputsHaveNoDefaultAndJobsSeeTheirSettings() {
        for (Templates template : List.of(Templates.GITHUB_CI, Templates.GITHUB_CD)) {
            ObjectNode workflow = template.yaml();
            workflow.get("on").get("workflow_call").get("inputs").fields().forEachRemaining(input ->
                    assertThat(input.getValue().path("required").asBoolean() && input.getValue().has("default"))
                            .as("%s: required input %s has a default", template.path, input.getKey()).isFalse());
            for (JsonNode job : workflow.get("jobs")) {
                JsonNode env = job.get("env");
                assertThat(env.path("DATA_PROJECT_DIR").asText()).isEqualTo("${{ inputs.data_project_dir }}");
                assertThat(env.path("TB_HOST").asText()).isEqualTo("${{ secrets.tb_host }}");
                assertThat(env.path("TB_TOKEN").asText()).isEqualTo("${{ secrets.tb_admin_token }}");
                assertThat(job.at("/defaults/run/working-directory").asText())
                        .isEqualTo("${{ inputs.data_project_dir }}");
            }
        }
    }

    @Test
    void actionsArePinnedAndSetupJavaCachesMaven() {
        for (Templates template : List.of(Templates.GITHUB_CI, Templates.GITHUB_CD)) {
            for (JsonNode step : template.yaml().get("jobs").elements().next().get("steps")) {
                if (step.has("uses")) {
                    assertThat(PINNED_ACTIONS).contains(step.get("uses").asText());
                }
                if (step.path("uses").asText().startsWith("actions/setup-java")) {
                    assertThat(step.at("/with/distribution").asText()).isEqualTo("temurin");
                    assertThat(step.at("/with/cache").asText()).isEqualTo("maven");
                    assertThat(step.at("/with/java-version").asText()).isEqualTo("${{ inputs.java_version }}");
                }
            }
        }
    }

    @Test
    void callersPassDeclaredInputsAndEveryRequiredOne() {
        Map<String, Templates> reusable = Map.of("tinybird-ci.yml", Templates.GITHUB_CI,
                "tinybird-cd.yml", Templates.GITHUB_CD);
        for (Templates caller : List.of(Templates.GITHUB_CI_CALLER, Templates.GITHUB_CD_STAGING_CALLER,
                Templates.GITHUB_CD_PRODUCTION_CALLER)) {
            for (JsonNode job : caller.yaml().get("jobs")) {
                String uses = job.get("uses").asText();
                assertThat(uses).startsWith(Templates.REPOSITORY + "/.github/workflows/")
                        .endsWith("@" + Templates.REF);
                Templates called = reusable.get(uses.replaceAll(".*/|@.*", ""));
                assertThat(called).as(uses).isNotNull();
                JsonNode declared = called.yaml().get("on").get("workflow_call");
                for (String kind : List.of("inputs", "secrets")) {
                    JsonNode given = job.path(kind.equals("inputs") ? "with" : "secrets");
                    given.fieldNames().forEachRemaining(name ->
                            assertThat(declared.get(kind).has(name)).as("%s passes %s %s", caller.path, kind, name)
                                    .isTrue());
                    declared.get(kind).fields().forEachRemaining(entry -> {
                        if (entry.getValue().path("required").asBoolean()) {
                            assertThat(given.has(entry.getKey())).as("%s misses %s", caller.path, entry.getKey())
                                    .isTrue();
                        }
                    });
                }
            }
        }
    }

    @Test
    void gitlabJobsExtendExistingHiddenJobsAndDeploysAreNeverInterrupted() {
        ObjectNode template = Templates.GITLAB.yaml();
        ObjectNode caller = Templates.GITLAB_CALLER.yaml();
        ObjectNode both = template.deepCopy();
        caller.fields().forEachRemaining(field -> both.set(field.getKey(), field.getValue()));
        Map<String, ObjectNode> jobs = GitlabJobs.resolved(both);
        List<String> stages = List.of(".pre", "build", "test", "deploy", ".post");
        List<String> visible = new ArrayList<>();
        jobs.forEach((name, job) -> {
            if (!name.startsWith(".")) {
                visible.add(name);
                assertThat(stages).as("stage of %s", name).contains(job.path("stage").asText());
            }
        });
        assertThat(visible).containsExactly("tinybird_ci", "tinybird_cleanup", "tinybird_deploy_staging",
                "tinybird_deploy_production");
        caller.fields().forEachRemaining(field -> {
            if (field.getValue().has("extends")) {
                assertThat(field.getValue().get("extends").asText()).startsWith(".");
            }
        });
        ObjectNode cd = jobs.get(".tinybird_cd");
        assertThat(cd.get("interruptible").asBoolean(true)).isFalse();
        assertThat(cd.get("resource_group").asText()).isEqualTo("tinybird-$TINYBIRD_PROFILE");
        // Anchors do not reach an including file, and an alias would hide the script from these checks.
        assertThat(Templates.GITLAB.text()).doesNotContainPattern("(?m)[&*][A-Za-z_]+\\s*$");
        assertThat(jobs.get(".tinybird_cleanup").get("when").asText()).isEqualTo("always");
        assertThat(jobs.get(".tinybird_cleanup").get("stage").asText()).isEqualTo(".post");
    }

    @Test
    void gitlabCachesMavenInsideTheProjectAndNeverShadowsTheCallersVariables() {
        ObjectNode base = (ObjectNode) Templates.GITLAB.yaml().get(".tinybird_maven");
        assertThat(base.at("/variables/MAVEN_OPTS").asText())
                .isEqualTo("-Dmaven.repo.local=$CI_PROJECT_DIR/.m2/repository");
        assertThat(base.at("/cache/paths/0").asText()).isEqualTo(".m2/repository");
        Set<String> jobVariables = new TreeSet<>();
        GitlabJobs.resolved(Templates.GITLAB.yaml()).values().forEach(job ->
                job.path("variables").fieldNames().forEachRemaining(jobVariables::add));
        assertThat(jobVariables).doesNotContain("DATA_PROJECT_DIR", "TINYBIRD_PROFILE", "TB_HOST", "TB_ADMIN_TOKEN");
        for (ObjectNode job : GitlabJobs.resolved(Templates.GITLAB.yaml()).values()) {
            assertThat(String.join("\n", GitlabJobs.mainShell(job)) + String.join("\n", GitlabJobs.afterShell(job)))
                    .doesNotContainPattern("cd +\"?\\$\\{?CI_PROJECT_DIR");
        }
        assertThat(Templates.GITLAB_CALLER.yaml().at("/include/0/remote").asText()).isEqualTo(
                "https://raw.githubusercontent.com/" + Templates.REPOSITORY + "/" + Templates.REF
                        + "/.gitlab/tinybird-ci.gitlab-ci.yml");
    }
}

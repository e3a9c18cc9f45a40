package org.tinybirdmaven.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the templates call exists in the plugin, and GitHub and GitLab run the same goals in the same order. */
class TemplateContractTest {

    @Test
    void everyGoalAndPropertyTheTemplatesUseExistsInThePlugin() {
        PluginDescriptor plugin = PluginDescriptor.get();
        List<String> errors = new ArrayList<>();
        for (MavenCalls.Call call : MavenCalls.ofAllTemplates()) {
            if (!plugin.hasGoal(call.goal())) {
                errors.add("tinybird:" + call.goal() + " is not a goal of the plugin (goals: " + plugin.goals() + ")");
                continue;
            }
            for (String property : call.properties()) {
                if (!plugin.properties(call.goal()).contains(property)) {
                    errors.add(call + ": tinybird:" + call.goal() + " has no parameter with property " + property);
                }
            }
        }
        for (String property : allProperties()) {
            if (!plugin.hasProperty(property)) {
                errors.add("-D" + property + " is read by no goal of the plugin");
            }
        }
        assertThat(errors).isEmpty();
    }

    /** Properties written anywhere in the templates, on mvn lines or in variables passed to them. */
    private static TreeSet<String> allProperties() {
        TreeSet<String> properties = new TreeSet<>();
        for (Templates template : List.of(Templates.GITHUB_CI, Templates.GITHUB_CD, Templates.GITLAB)) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("-D(tinybird\\.[A-Za-z0-9.]+)=")
                    .matcher(template.text());
            while (matcher.find()) {
                properties.add(matcher.group(1));
            }
        }
        return properties;
    }

    @Test
    void githubAndGitlabRunTheSameGoalsInTheSameOrder() {
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> gitlab =
                GitlabJobs.resolved(Templates.GITLAB.yaml());
        List<MavenCalls.Call> githubCi = MavenCalls.ofGithubJob(Templates.GITHUB_CI.yaml().get("jobs").get("ci"));
        List<MavenCalls.Call> gitlabCi = MavenCalls.ofGitlabJobs(gitlab.get(".tinybird_ci"),
                gitlab.get(".tinybird_cleanup"));
        assertThat(gitlabCi).isEqualTo(githubCi);
        assertThat(describe(githubCi)).isEqualTo("check env-create diff push diff test test test env-rm");

        List<MavenCalls.Call> githubCd = MavenCalls.ofGithubJob(Templates.GITHUB_CD.yaml().get("jobs")
                .get("deploy"));
        List<MavenCalls.Call> gitlabCd = MavenCalls.ofGitlabJobs(gitlab.get(".tinybird_cd"));
        assertThat(gitlabCd).isEqualTo(githubCd);
        assertThat(describe(githubCd)).isEqualTo("check env-create push diff push diff env-rm");
    }

    private static String describe(List<MavenCalls.Call> calls) {
        return calls.stream().map(MavenCalls.Call::goal).collect(Collectors.joining(" "));
    }
}

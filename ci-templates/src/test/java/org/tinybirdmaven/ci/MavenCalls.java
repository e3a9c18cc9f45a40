package org.tinybirdmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code mvn … tinybird:<goal> -Dtinybird.*=…} calls written in the templates' shell scripts, in order. */
final class MavenCalls {

    /** One goal of one {@code mvn} command line, with the {@code tinybird.*} properties it sets. */
    record Call(String goal, SortedSet<String> properties) {
        @Override
        public String toString() {
            return "tinybird:" + goal + (properties.isEmpty() ? "" : " " + properties);
        }
    }

    private static final Pattern MVN = Pattern.compile("(^|[\\s;&|(])mvn\\s");
    private static final Pattern GOAL = Pattern.compile("(?<![\\w.-])tinybird:([a-z][a-z-]*)");
    private static final Pattern PROPERTY = Pattern.compile("-D(tinybird\\.[A-Za-z0-9.]+)=");

    private MavenCalls() {}

    static List<Call> in(String script) {
        List<Call> calls = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            if (!MVN.matcher(line).find()) {
                continue;
            }
            SortedSet<String> properties = new TreeSet<>();
            Matcher property = PROPERTY.matcher(line);
            while (property.find()) {
                properties.add(property.group(1));
            }
            Matcher goal = GOAL.matcher(line);
            while (goal.find()) {
                calls.add(new Call(goal.group(1), properties));
            }
        }
        return calls;
    }

    /** The calls of a GitHub job's {@code run:} steps, in step order. */
    static List<Call> ofGithubJob(JsonNode job) {
        List<Call> calls = new ArrayList<>();
        job.path("steps").forEach(step -> {
            if (step.has("run")) {
                calls.addAll(in(step.get("run").asText()));
            }
        });
        return calls;
    }

    /** The calls of resolved GitLab jobs: each job's before_script and script, then its after_script. */
    static List<Call> ofGitlabJobs(ObjectNode... jobs) {
        List<Call> calls = new ArrayList<>();
        for (ObjectNode job : jobs) {
            calls.addAll(in(String.join("\n", GitlabJobs.mainShell(job))));
            calls.addAll(in(String.join("\n", GitlabJobs.afterShell(job))));
        }
        return calls;
    }

    /** Every call of every template. */
    static List<Call> ofAllTemplates() {
        List<Call> calls = new ArrayList<>();
        for (Templates template : List.of(Templates.GITHUB_CI, Templates.GITHUB_CD)) {
            template.yaml().path("jobs").forEach(job -> calls.addAll(ofGithubJob(job)));
        }
        GitlabJobs.resolved(Templates.GITLAB.yaml()).values().forEach(job -> calls.addAll(ofGitlabJobs(job)));
        return calls;
    }
}

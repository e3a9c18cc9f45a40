package org.tinybirdmaven.ci.github;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The only actions the templates may use, as stand-ins that check their inputs the way the real actions read them
 * and leave the runner in the state the real ones would. The checkout is the fixture repository itself.
 */
public final class ActionStubs {

    private ActionStubs() {}

    /** The stubs by {@code uses:} value; {@code javaHome} is the JDK that setup-java "installs". */
    public static Map<String, WorkflowRunner.Action> forTemplates(Path javaHome, int javaMajor) {
        return Map.of("actions/checkout@v4", ActionStubs::checkout,
                "actions/setup-java@v4", (with, environment) -> setupJava(with, environment, javaHome, javaMajor));
    }

    private static void checkout(Map<String, String> with, WorkflowRunner.StepEnvironment environment) {
        only(with, Set.of("fetch-depth", "ref", "path"), "actions/checkout");
        // actions/checkout reads fetch-depth with Math.floor(Number(x)): anything else silently becomes 0.
        String depth = with.getOrDefault("fetch-depth", "1");
        if (!depth.matches("\\d+")) {
            throw new IllegalArgumentException("actions/checkout: fetch-depth '" + depth + "' is not a number");
        }
        if (!Files.isDirectory(environment.workspace().resolve(".git"))) {
            throw new IllegalArgumentException("the workspace is not a git repository to check out");
        }
        environment.log().add("Checked out " + environment.workspace() + " (fetch-depth " + depth + ")");
    }

    private static void setupJava(Map<String, String> with, WorkflowRunner.StepEnvironment environment,
                                  Path javaHome, int javaMajor) throws java.io.IOException {
        only(with, Set.of("distribution", "java-version", "cache", "server-id", "server-username",
                "server-password"), "actions/setup-java");
        if (!Set.of("temurin", "zulu", "corretto", "liberica", "microsoft", "oracle").contains(
                with.getOrDefault("distribution", ""))) {
            throw new IllegalArgumentException("actions/setup-java: unknown distribution '" + with.get("distribution")
                    + "'");
        }
        if (!with.getOrDefault("java-version", "").equals(Integer.toString(javaMajor))) {
            throw new IllegalArgumentException("actions/setup-java: this machine can only provide Java " + javaMajor
                    + ", the workflow asks for '" + with.get("java-version") + "'");
        }
        if (with.containsKey("cache") && !Set.of("maven", "gradle", "sbt").contains(with.get("cache"))) {
            throw new IllegalArgumentException("actions/setup-java: unknown cache '" + with.get("cache") + "'");
        }
        // What setup-java writes into ~/.m2/settings.xml when no server is configured: the "github" server.
        Path settings = environment.home().resolve(".m2/settings.xml");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, """
                <settings>
                  <interactiveMode>false</interactiveMode>
                  <servers>
                    <server>
                      <id>%s</id>
                      <username>${env.%s}</username>
                      <password>${env.%s}</password>
                    </server>
                  </servers>
                </settings>
                """.formatted(with.getOrDefault("server-id", "github"),
                with.getOrDefault("server-username", "GITHUB_ACTOR"),
                with.getOrDefault("server-password", "GITHUB_TOKEN")));
        environment.exports().put("JAVA_HOME", javaHome.toString());
        environment.exports().put("JAVA_HOME_" + javaMajor + "_X64", javaHome.toString());
        environment.pathEntries().add(0, javaHome.resolve("bin").toString());
        environment.log().add("Java " + javaMajor + " (" + with.get("distribution") + ") at " + javaHome
                + (with.containsKey("cache") ? ", " + with.get("cache") + " cache restored" : ""));
    }

    private static void only(Map<String, String> with, Set<String> known, String action) {
        for (String key : with.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(action + ": unexpected input '" + key + "'");
            }
        }
    }
}

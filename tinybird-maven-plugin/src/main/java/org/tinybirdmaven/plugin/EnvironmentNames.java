package org.tinybirdmaven.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The name of the Environment {@code env-create} makes and {@code env-rm} removes, and the state file
 * ({@code target/tinybird/env.json}) that carries it from one Maven invocation to the next. A derived name follows
 * Tinybird's CI templates: {@code tmp_ci_<project folder>_<run>}, the run being {@code GITHUB_RUN_ID},
 * {@code CI_PIPELINE_ID} (GitLab), or the current time.
 */
final class EnvironmentNames {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private EnvironmentNames() {}

    /** {@code tinybird.env} when set, else the derived name. */
    static String name(String env, Path projectDir) {
        return env != null && !env.isBlank() ? env.strip() : derived(projectDir, System.getenv(), LocalDateTime.now());
    }

    /**
     * The Environment {@code env-rm} removes: {@code tinybird.env}, else the one in the state file, else the derived
     * name when a CI run id makes it reproducible (a cleanup job on another machine has no state file); null if none.
     */
    static String toRemove(String env, Path projectDir, Path stateFile, Map<String, String> environment)
            throws MojoExecutionException {
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        String recorded = read(stateFile);
        if (recorded != null) {
            return recorded;
        }
        boolean ci = !environment.getOrDefault("GITHUB_RUN_ID", "").isBlank()
                || !environment.getOrDefault("CI_PIPELINE_ID", "").isBlank();
        return ci ? derived(projectDir, environment, LocalDateTime.now()) : null;
    }

    /** {@code tmp_ci_<folder>_<run>}, every character other than a letter, digit or {@code _} made {@code _}. */
    static String derived(Path projectDir, Map<String, String> environment, LocalDateTime now) {
        String run = environment.get("GITHUB_RUN_ID");
        if (run == null || run.isBlank()) {
            run = environment.get("CI_PIPELINE_ID");
        }
        if (run == null || run.isBlank()) {
            run = now.format(STAMP);
        }
        Path folder = projectDir.toAbsolutePath().normalize().getFileName();
        return ("tmp_ci_" + normalize(folder == null ? "project" : folder.toString()) + "_" + normalize(run))
                .toLowerCase(Locale.ROOT);
    }

    private static String normalize(String text) {
        return text.replaceAll("[^A-Za-z0-9_]", "_");
    }

    static Path stateFile(org.apache.maven.project.MavenProject project) {
        return Path.of(project.getBuild().getDirectory(), "tinybird", "env.json");
    }

    /** Deletes the state file when it names this Environment. */
    static void forget(Path file, String name) throws MojoExecutionException {
        if (name.equals(read(file))) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new MojoExecutionException("Could not delete " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Makes later goals of the build work in the Environment ({@code tinybird.env} becomes a project property, read
     * when each later goal is configured) and writes its name to {@code target/tinybird/env.json} for later
     * invocations such as {@code env-rm}.
     */
    static void remember(org.apache.maven.project.MavenProject project, String name, String id, String main,
                         String host) throws MojoExecutionException {
        project.getProperties().setProperty("tinybird.env", name);
        write(stateFile(project), name, id, main, host);
    }

    /** Writes the Environment's name, id and main workspace; never its token. */
    private static void write(Path file, String name, String id, String main, String host) throws MojoExecutionException {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("id", id);
        state.put("main", main);
        state.put("host", host);
        try {
            Files.createDirectories(file.getParent());
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), state);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The name in the state file, or null when there is none. */
    static String read(Path file) throws MojoExecutionException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode name = MAPPER.readTree(file.toFile()).path("name");
            return name.isTextual() ? name.asText() : null;
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}

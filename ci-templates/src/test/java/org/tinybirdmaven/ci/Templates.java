package org.tinybirdmaven.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The templates and caller examples this module ships, read from the classpath as the plugin reads them. */
enum Templates {
    GITHUB_CI("github/tinybird-ci.yml"),
    GITHUB_CD("github/tinybird-cd.yml"),
    GITHUB_CI_CALLER("github/callers/tinybird-ci.yml"),
    GITHUB_CD_STAGING_CALLER("github/callers/tinybird-cd-staging.yml"),
    GITHUB_CD_PRODUCTION_CALLER("github/callers/tinybird-cd-production.yml"),
    GITLAB("gitlab/tinybird-ci.gitlab-ci.yml"),
    GITLAB_CALLER("gitlab/callers/.gitlab-ci.yml");

    static final String PACKAGE = "org/tinybirdmaven/ci/";
    /** Where the callers say the reusable templates live; {@code tinybird:init-ci} rewrites both. */
    static final String REPOSITORY = "tinybirdmaven/tinybird-maven-plugin";
    static final String REF = "v0.1.0";

    final String path;

    Templates(String path) {
        this.path = path;
    }

    static List<Templates> github() {
        return List.of(GITHUB_CI, GITHUB_CD, GITHUB_CI_CALLER, GITHUB_CD_STAGING_CALLER, GITHUB_CD_PRODUCTION_CALLER);
    }

    static List<Templates> gitlab() {
        return List.of(GITLAB, GITLAB_CALLER);
    }

    byte[] bytes() {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(PACKAGE + path)) {
            if (in == null) {
                throw new IllegalStateException("Not on the classpath: " + PACKAGE + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    ObjectNode yaml() {
        return StrictYaml.parse(path, text());
    }

    String fileName() {
        return Path.of(path).getFileName().toString();
    }

    /** The root of the repository (the parent POM's folder), passed by the build. */
    static Path repositoryRoot() {
        String root = System.getProperty("tinybird.ci.repositoryRoot");
        return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root).toAbsolutePath().normalize();
    }
}

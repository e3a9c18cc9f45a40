package org.tinybirdmaven.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * A git repository holding a data project as a user would have it: the datafiles, fixtures and tests of
 * {@code examples/ecommerce}, a pom.xml declaring the plugin with {@code staging} and {@code production} profiles,
 * {@code .tinyenv} with {@code VERSION} and a post-deploy hook. Its {@code .mvn/maven.config} makes Maven resolve
 * the plugin built by this reactor (from {@code tinybird.ci.localRepository}) and anything else from the build's
 * own repository, so the templates' plain {@code mvn tinybird:…} commands run unchanged and without the network.
 */
final class DataProject {

    static final String VERSION = "1.2.3";

    final Path repository;
    final Path directory;

    private DataProject(Path repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /**
     * @param dir the data project's folder inside the repository ("." for the root)
     * @param stagingHost the tinybird.host of the staging profile
     * @param productionHost the tinybird.host of the production profile
     */
    static DataProject create(Path parent, String dir, String stagingHost, String productionHost)
            throws IOException, InterruptedException {
        Path repository = Files.createDirectories(parent.resolve("repo"));
        Path directory = Files.createDirectories(repository.resolve(dir).normalize());
        Path example = Templates.repositoryRoot().resolve("examples/ecommerce");
        for (String folder : List.of("datasources", "endpoints", "pipes", "tests")) {
            copy(example.resolve(folder), directory.resolve(folder));
        }
        Files.writeString(directory.resolve("pom.xml"), POM.formatted(
                System.getProperty("tinybird.ci.pluginVersion", "0.1.0-SNAPSHOT"), stagingHost, productionHost));
        Path settings = Files.writeString(parent.resolve("maven-settings.xml"), SETTINGS.formatted(
                buildRepository().toUri(), buildRepository().toUri()));
        Files.createDirectories(directory.resolve(".mvn"));
        Files.writeString(directory.resolve(".mvn/maven.config"), "-s " + settings + "\n-Dmaven.repo.local="
                + Path.of(System.getProperty("tinybird.ci.localRepository", "target/local-repo")).toAbsolutePath()
                + "\n");
        // CI appends the fixtures to the Workspace's last partition, so results differ from the Workspace's by
        // design: the regression tests look for errors, and timings on a shared machine prove nothing.
        Files.writeString(directory.resolve("tests/regression.yaml"), """
                - pipe: '.*'
                  tests:
                    - coverage:
                        config:
                          assert_result: false
                          assert_result_rows_count: false
                          assert_time_increase_percentage: -1
                          assert_bytes_read_increase_percentage: -1
                """);
        Files.writeString(directory.resolve(".tinyenv"), "# sourced by the CI templates\nVERSION=" + VERSION + "\n");
        hook(directory, "postdeploy.sh", "echo \"postdeploy hook ran: VERSION=$VERSION TINYBIRD_ENV=${TINYBIRD_ENV:-}"
                + " env token ${TB_ENV_TOKEN:+set}\"\n");
        Files.writeString(repository.resolve(".gitignore"), "target/\n.gitlab-ci-local/\n");
        git(repository, "init", "-q", "-b", "main");
        git(repository, "config", "user.name", "CI test");
        git(repository, "config", "user.email", "ci@example.com");
        DataProject project = new DataProject(repository, directory);
        project.commit("data project");
        return project;
    }

    /** What a pull request changes: the description of an endpoint the Workspace already has. */
    static void changeAnEndpoint(Path directory) throws IOException {
        Path pipe = directory.resolve("endpoints/top_products.pipe");
        String text = Files.readString(pipe);
        Files.writeString(pipe, text.replaceFirst("DESCRIPTION >\n    ", "DESCRIPTION >\n    (changed in a pull request) "));
    }

    /** Adds an executable hook {@code deploy/<VERSION>/<name>} with the given body. */
    static void hook(Path directory, String name, String body) throws IOException {
        Path hook = directory.resolve("deploy/" + VERSION + "/" + name);
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/usr/bin/env bash\nset -euo pipefail\n" + body);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    void commit(String message) throws IOException, InterruptedException {
        git(repository, "add", "-A");
        git(repository, "commit", "-q", "-m", message);
    }

    static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("git"), Stream.of(args)).toList();
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        if (git.waitFor() != 0) {
            throw new IOException(command + " failed: " + output);
        }
    }

    /** The repository of the Maven build running these tests (user.home/.m2/repository unless configured). */
    private static Path buildRepository() {
        String configured = System.getProperty("tinybird.ci.buildRepository");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>org.example</groupId>
              <artifactId>ecommerce-data</artifactId>
              <version>1.2.3</version>
              <packaging>pom</packaging>
              <build>
                <plugins>
                  <plugin>
                    <groupId>org.tinybirdmaven</groupId>
                    <artifactId>tinybird-maven-plugin</artifactId>
                    <version>%s</version>
                  </plugin>
                </plugins>
              </build>
              <profiles>
                <profile>
                  <id>staging</id>
                  <properties><tinybird.host>%s</tinybird.host></properties>
                </profile>
                <profile>
                  <id>production</id>
                  <properties><tinybird.host>%s</tinybird.host></properties>
                </profile>
              </profiles>
            </project>
            """;

    /** Everything from the build's own repository, read as a remote one (like the it module's settings). */
    private static final String SETTINGS = """
            <settings>
              <mirrors>
                <mirror><id>build-repository</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
              </mirrors>
              <profiles>
                <profile>
                  <id>build-repository</id>
                  <repositories>
                    <repository>
                      <id>central</id><url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots>
                    </repository>
                  </repositories>
                </profile>
              </profiles>
              <activeProfiles><activeProfile>build-repository</activeProfile></activeProfiles>
            </settings>
            """;
}

package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.deploy.Deployer;
import org.tinybirdmaven.deploy.PushOptions;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.server.TestServer;

/**
 * A workspace of the shared test server holding the repository's {@code examples/ecommerce} project with its
 * fixtures, pushed by the deploy engine.
 */
final class ExampleWorkspace {

    static final Path PROJECT = Path.of("../examples/ecommerce").toAbsolutePath().normalize();
    private static final AtomicInteger NAMES = new AtomicInteger();

    final String name;
    final String token;
    final TinybirdClient client;
    final Project project;

    private ExampleWorkspace(String name, String token, Project project) {
        this.name = name;
        this.token = token;
        this.project = project;
        this.client = client(token);
    }

    static TinybirdClient client(String token) {
        return TinybirdClient.builder(TestServer.get().baseUrl().toString(), () -> token).build();
    }

    private static ExampleWorkspace shared;

    /**
     * One workspace for every test class of this JVM: the tests only read it (regression tests branch it), and
     * pushing the project once keeps the suite short. Its client stays open until the JVM ends.
     */
    static synchronized ExampleWorkspace shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static ExampleWorkspace create() {
        assertThat(Files.isDirectory(PROJECT)).as(PROJECT.toString()).isTrue();
        String name = "tests_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
        String userToken = TestServer.localTokens().get("user_token").asText();
        try (TinybirdClient user = client(userToken)) {
            user.createWorkspace(name);
            String token = user.userWorkspaces(false, false).find(name).orElseThrow().token();
            ExampleWorkspace workspace = new ExampleWorkspace(name, token, Project.load(PROJECT, Map.of()));
            workspace.push();
            return workspace;
        }
    }

    private void push() {
        assertThat(project.hasErrors()).as(project.diagnostics().toString()).isFalse();
        new Deployer(client, Output.NONE).push(project, new PushOptions().fixtures(true));
    }
}

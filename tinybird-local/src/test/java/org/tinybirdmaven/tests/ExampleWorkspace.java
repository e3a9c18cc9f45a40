package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinybirdmaven.client.AppendMode;
import org.tinybirdmaven.client.CreatedPipe;
import org.tinybirdmaven.client.DataFormat;
import org.tinybirdmaven.client.ProgressListener;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.deploy.ResourceRequests;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;
import org.tinybirdmaven.server.TestServer;

/**
 * A fresh workspace of the shared test server holding the repository's {@code examples/ecommerce} project with its
 * fixtures, created through the API in dependency order.
 */
final class ExampleWorkspace {

    static final Path PROJECT = Path.of("../examples/ecommerce").toAbsolutePath().normalize();
    private static final ObjectMapper MAPPER = new ObjectMapper();
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

    static ExampleWorkspace create() throws Exception {
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
        Map<String, String> renames = ResourceRequests.versionedNames(project);
        for (Resource resource : project.graph().order()) {
            if (resource.datafile() instanceof DatasourceFile datasource) {
                client.createDatasource(ResourceRequests.datasourceParameters(datasource, renames));
            } else if (resource.datafile() instanceof PipeFile pipe) {
                pushPipe(pipe, renames);
            }
        }
        for (String datasource : new String[] {"products", "events"}) {
            client.appendFile(datasource, AppendMode.APPEND, DataFormat.CSV,
                    PROJECT.resolve("datasources/fixtures/" + datasource + ".csv"), ProgressListener.NONE);
        }
    }

    /** Creates or replaces a pipe from its datafile, publishing its endpoint. */
    static void pushPipe(TinybirdClient client, PipeFile pipe, Map<String, String> renames) {
        CreatedPipe created = client.createPipe(MAPPER.valueToTree(ResourceRequests.pipeBody(pipe, renames)),
                Map.of("force", "true"));
        if (created.pipe().type().equals("default") && pipe.kind() == NodeType.ENDPOINT) {
            client.publishEndpoint(pipe.remoteName(), pipe.endpointNode().orElseThrow().name());
        }
    }

    private void pushPipe(PipeFile pipe, Map<String, String> renames) {
        pushPipe(client, pipe, renames);
    }
}

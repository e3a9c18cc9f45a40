package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.tinybirdmaven.testing.SharedFolder;

/**
 * Tinybird's public ecommerce example project, created through the API in dependency order with its fixtures, must
 * answer its own fixture test exactly.
 */
class EcommerceProjectTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path root;
    private static TinybirdClient client;

    @BeforeAll
    static void pushTheProjectWithItsFixtures() throws Exception {
        root = SharedFolder.corpus().resolve("tinybirdco__ecommerce_data_project");
        Project project = Project.load(root, Map.of());
        assertThat(project.hasErrors()).isFalse();
        String userToken = TestServer.localTokens().get("user_token").asText();
        TestServer.post("/v0/workspaces?name=ecommerce_e2e", userToken);
        String workspaceToken = WorkspaceApiTest.find(TestServer.get("/v0/user/workspaces", userToken).json()
                .get("workspaces"), "ecommerce_e2e").get("token").asText();
        client = TinybirdClient.builder(TestServer.get().baseUrl().toString(), () -> workspaceToken).build();

        Map<String, String> renames = ResourceRequests.versionedNames(project);
        for (Resource resource : project.graph().order()) {
            if (resource.datafile() instanceof DatasourceFile datasource) {
                client.createDatasource(ResourceRequests.datasourceParameters(datasource, renames));
            } else if (resource.datafile() instanceof PipeFile pipe) {
                CreatedPipe created = client.createPipe(MAPPER.valueToTree(ResourceRequests.pipeBody(pipe, renames)),
                        Map.of());
                if (created.pipe().type().equals("default") && pipe.kind() == NodeType.ENDPOINT) {
                    client.publishEndpoint(pipe.remoteName(), pipe.endpointNode().orElseThrow().name());
                }
            }
        }
        for (String datasource : List.of("events", "products")) {
            Path fixture = root.resolve("datasources/fixtures/" + datasource + ".csv");
            client.appendFile(datasource, AppendMode.APPEND, DataFormat.CSV, fixture, ProgressListener.NONE);
        }
    }

    /** {@code tb pipe data … --format CSV} prints the CSV as returned plus the newline of its echo. */
    @Test
    void topProductsAnswersTheProjectsFixtureTestExactly() throws Exception {
        String csv = client.pipeData("top_products", "csv", Map.of("date_start", "2020-04-24",
                "date_end", "2020-04-24"), null).text();
        assertThat(csv + "\n").isEqualTo(Files.readString(root.resolve("tests/top_products.test.result")));
    }

    @Test
    void salesOfBlackProductsReturnRows() {
        var json = client.pipeData("sales", "json", Map.of("colors", "black"), null).json();
        assertThat(json.get("rows").asInt()).isPositive();
        assertThat(json.get("meta").toString()).contains("total_sales");
    }
}

package org.tinybirdmaven.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.deploy.Deployer;
import org.tinybirdmaven.deploy.PushOptions;
import org.tinybirdmaven.deploy.PushResult;
import org.tinybirdmaven.fixtures.FixtureResult;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.testing.SharedFolder;

/**
 * Tinybird's public ecommerce example project, pushed with its fixtures by the deploy engine, must answer its own
 * fixture test exactly.
 */
class EcommerceProjectTest {

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
        PushResult result = new Deployer(client, Output.NONE).push(project, new PushOptions().fixtures(true));
        assertThat(result.fixtures()).filteredOn(FixtureResult::loaded).extracting(FixtureResult::datasource)
                .contains("events", "products");
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

package org.tinybirdmaven.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.deploy.ResourceResult.Outcome;
import org.tinybirdmaven.deploy.Workspaces.Lines;
import org.tinybirdmaven.deploy.Workspaces.Recorded;
import org.tinybirdmaven.diff.ProjectDiff;
import org.tinybirdmaven.project.Project;

/** The deploy engine against the local server: the example project pushed, pushed again, changed, broken. */
class DeployerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private static Project load(Path directory) {
        return Project.load(directory, Map.of());
    }

    private PushResult push(Recorded ws, Project project, PushOptions options, Lines lines) {
        return new Deployer(ws.client(), lines).push(project, options);
    }

    @Test
    void theExampleProjectIsPushedWithItsFixturesAndAnswersItsTestResult() throws IOException {
        Recorded ws = Workspaces.create("push_example");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Lines lines = new Lines();
        Path result = temp.resolve("target/tinybird/push-result.json");
        Path plan = temp.resolve("target/tinybird/plan.json");

        PushResult pushed = push(ws, load(project), new PushOptions().fixtures(true).resultFile(result)
                .planFile(plan), lines);

        assertThat(pushed.names(Outcome.CREATED)).containsExactly("daily_product_sales", "events", "products",
                "daily_product_sales_mv", "sales_by_category", "top_products");
        assertThat(lines.lines).contains("** Running 'events'", "** 'events' created",
                "** Token tracker not found, creating one",
                "** Materialized pipe 'daily_product_sales_mv' using the Data Source 'daily_product_sales'",
                "** => Test endpoint at " + ws.client().baseUrl() + "/v0/pipes/top_products.json",
                "** Pushing fixtures", "** Checking datasources/fixtures/events.csv (appending 8.6 Kb)", "**  OK",
                "** Warning: No fixture found for the datasource daily_product_sales");
        // Both endpoints name the token "dashboard": one creates it, the other adds its scope.
        assertThat(lines.lines).containsOnlyOnce("** Token dashboard not found, creating one");
        assertThat(lines.lines).containsOnlyOnce("** Token dashboard found, adding permissions");
        assertThat(ws.client().tokens().stream().filter(t -> t.name().equals("dashboard")).findFirst()
                .orElseThrow().scopes()).extracting(s -> s.type() + ":" + s.resource())
                .containsExactlyInAnyOrder("PIPES:READ:top_products", "PIPES:READ:sales_by_category");

        String csv = ws.client().pipeData("top_products", "csv", Map.of("date_start", "2024-03-01",
                "date_end", "2024-03-03", "limit", "3"), null).text();
        assertThat(csv.strip()).isEqualTo(Workspaces.read(project.resolve("tests/top_products.test.result")).strip());

        JsonNode json = MAPPER.readTree(result.toFile());
        assertThat(json.get("status").asText()).isEqualTo("success");
        assertThat(json.get("resources")).hasSize(6);
        assertThat(json.get("resources").get(0).get("outcome").asText()).isEqualTo("created");
        assertThat(json.get("fixtures").get(1).get("mode").asText()).isEqualTo("append");
        assertThat(MAPPER.readTree(plan.toFile()).get("levels").get(0).get(0).get("action").asText())
                .isEqualTo("create");
        assertThat(lines.lines).contains("** Push summary for workspace '" + ws.name() + "':");
    }

    @Test
    void aSecondPushWithOnlyChangesSendsNoWriteAndAnEditedPipeIsOverriddenWithForce() {
        Recorded ws = Workspaces.create("push_again");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        push(ws, load(project), new PushOptions(), new Lines());
        ws.requests().clear();

        Lines again = new Lines();
        PushResult second = push(ws, load(project), new PushOptions().onlyChanges(true).force(true), again);

        assertThat(second.resources()).extracting(ResourceResult::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(ws.requests().writes()).isEmpty();
        assertThat(again.lines).contains("** 'top_products' has not changed, skipping");

        Path pipe = project.resolve("endpoints/sales_by_category.pipe");
        Workspaces.write(pipe, Workspaces.read(pipe).replace("round(sum(e.price), 2)", "round(sum(e.price), 1)"));
        PushResult third = push(ws, load(project), new PushOptions().onlyChanges(true).force(true), new Lines());

        assertThat(third.names(Outcome.OVERRIDDEN)).containsExactly("sales_by_category");
        assertThat(third.names(Outcome.UNCHANGED)).hasSize(5);
        assertThat(ws.client().pipeFile("sales_by_category")).contains("round(sum(e.price), 1)");
    }

    @Test
    void withoutForceExistingResourcesAreSkipped() {
        Recorded ws = Workspaces.create("push_skip");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        push(ws, load(project), new PushOptions(), new Lines());
        Lines lines = new Lines();

        PushResult again = push(ws, load(project), new PushOptions(), lines);

        assertThat(again.resources()).extracting(ResourceResult::outcome).containsOnly(Outcome.SKIPPED);
        assertThat(lines.lines).contains("** Warning: events already exists, skipping");
    }

    @Test
    void aDryRunWritesThePlanAndChangesNothing() throws IOException {
        Recorded ws = Workspaces.create("push_dry");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Lines lines = new Lines();
        Path plan = temp.resolve("plan.json");
        Path result = temp.resolve("push-result.json");

        PushResult dry = push(ws, load(project), new PushOptions().dryRun(true).fixtures(true).planFile(plan)
                .resultFile(result), lines);

        assertThat(ws.requests().writes()).isEmpty();
        assertThat(ws.client().datasources()).isEmpty();
        assertThat(dry.resources()).extracting(ResourceResult::outcome).containsOnly(Outcome.PLANNED);
        assertThat(lines.lines).contains("** [DRY RUN] Running 'events'", "** [DRY RUN] 'events' would be created");
        assertThat(MAPPER.readTree(plan.toFile()).get("levels")).hasSize(3);
        assertThat(result).doesNotExist();
    }

    @Test
    void resourcesOfOneLevelArePrintedInPlanOrder() {
        Recorded ws = Workspaces.create("push_order");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Lines lines = new Lines();

        PushResult pushed = push(ws, load(project), new PushOptions().parallelism(3), lines);

        List<String> running = lines.lines.stream().filter(line -> line.startsWith("** Running")).toList();
        assertThat(running).containsExactly(pushed.resources().stream()
                .map(r -> "** Running '" + r.name() + "'").toArray(String[]::new));
        // Each resource's lines stay together: nothing of another resource between "Running" and "created".
        int start = lines.lines.indexOf("** Running 'top_products'");
        assertThat(lines.lines.subList(start, lines.lines.indexOf("** 'top_products' created")))
                .noneMatch(line -> line.contains("sales_by_category"));
    }

    @Test
    void aVersionedDatasourceIsPushedAsNameVnAndReferencesFollow() {
        Recorded ws = Workspaces.create("push_version");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Path products = project.resolve("datasources/products.datasource");
        Workspaces.write(products, "VERSION 2\n" + Workspaces.read(products));
        Lines lines = new Lines();

        push(ws, load(project), new PushOptions().fixtures(true), lines);

        assertThat(lines.lines).contains("** Running 'products' (v2)", "** 'products__v2' created",
                "** Checking datasources/fixtures/products.csv (appending 158.0 b)");
        assertThat(ws.client().pipeFile("top_products")).contains("LEFT JOIN products__v2 AS p");
        String csv = ws.client().pipeData("top_products", "csv", Map.of("date_start", "2024-03-01",
                "date_end", "2024-03-03", "limit", "1"), null).text();
        assertThat(csv).contains("\"p05\",\"Canvas tote\"");
    }

    @Test
    void aNameTakenByAnotherKindOfResourceFailsBeforeAnyWrite() {
        Recorded ws = Workspaces.create("push_clash");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        ws.client().createDatasource(Map.of("name", "top_products", "schema", "`a` String"));
        ws.requests().clear();

        assertThatThrownBy(() -> push(ws, load(project), new PushOptions(), new Lines()))
                .isInstanceOf(PushException.class)
                .hasMessageContaining("pipe endpoints/top_products.pipe cannot have the same name as the datasource"
                        + " 'top_products' of the workspace");
        assertThat(ws.requests().writes()).isEmpty();
    }

    @Test
    void aDependencyThatIsNeitherPushedNorRemoteFailsBeforeAnyWrite() {
        Recorded ws = Workspaces.create("push_missing");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));

        assertThatThrownBy(() -> push(ws, load(project), new PushOptions().resources(Set.of("top_products")),
                new Lines())).isInstanceOf(PushException.class)
                .hasMessageContaining("'top_products' needs 'daily_product_sales'");
        assertThat(ws.requests().writes()).isEmpty();

        PushResult withDeps = push(ws, load(project), new PushOptions().resources(Set.of("top_products"))
                .pushDeps(true), new Lines());
        // Dependencies only: the materialized pipe that fills daily_product_sales is not one of them.
        assertThat(withDeps.names(Outcome.CREATED)).containsExactly("daily_product_sales", "products",
                "top_products");
    }

    @Test
    void aBrokenDatafileFailsTheWholePushBeforeAnyRequest() {
        Recorded ws = Workspaces.create("push_broken");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Workspaces.write(project.resolve("pipes/broken.pipe"), "NODE n\nSQL >\n    SELECT 1\nTYPE nonsense\n");

        assertThatThrownBy(() -> push(ws, load(project), new PushOptions(), new Lines()))
                .isInstanceOf(PushException.class)
                .hasMessageContaining("The project has errors; nothing was pushed")
                .hasMessageContaining("pipes/broken.pipe:4");
        assertThat(ws.requests().sent).isEmpty();
    }

    @Test
    void copyPipesAndTokenFilesArePushed() {
        Recorded ws = Workspaces.create("push_copy");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Workspaces.write(project.resolve("datasources/purchases.datasource"), "SCHEMA >\n    `product_id` String,\n"
                + "    `price` Float64\n\nENGINE \"MergeTree\"\nENGINE_SORTING_KEY \"product_id\"\n");
        Workspaces.write(project.resolve("pipes/copy_purchases.pipe"), "TOKEN \"copier\" READ\n\nNODE purchases\n"
                + "SQL >\n    SELECT product_id, price FROM events WHERE action = 'buy'\n\nTYPE copy\n"
                + "TARGET_DATASOURCE purchases\n");
        Workspaces.write(project.resolve("tokens/reader.token"), "SCOPE DATASOURCES:READ\nRESOURCE products\n");
        Lines lines = new Lines();

        PushResult pushed = push(ws, load(project), new PushOptions(), lines);

        assertThat(pushed.names(Outcome.CREATED)).contains("purchases", "copy_purchases", "reader");
        assertThat(lines.lines).contains("** Copy pipe 'copy_purchases' using the Data Source 'purchases'",
                "** Token copier not found, creating one", "** 'reader' created");
        assertThat(ws.client().tokens()).filteredOn(t -> t.name().equals("reader")).singleElement()
                .satisfies(t -> assertThat(t.scopes()).extracting(s -> s.type() + ":" + s.resource())
                        .containsExactly("DATASOURCES:READ:products"));
        Project pushedProject = load(project);
        assertThat(new ProjectDiff(pushedProject, ws.client()).changed(pushedProject.resource("copy_purchases")
                .orElseThrow())).as("a copy pipe compares equal after its push").isFalse();
        assertThat(push(ws, load(project), new PushOptions(), new Lines()).names(Outcome.SKIPPED))
                .contains("reader", "copy_purchases");
    }
}

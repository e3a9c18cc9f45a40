package org.tinybirdmaven.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.deploy.ResourceResult.Outcome;
import org.tinybirdmaven.deploy.Workspaces.Lines;
import org.tinybirdmaven.deploy.Workspaces.Recorded;
import org.tinybirdmaven.project.Project;

/** Pushes that fail midway and are run again, datasources that cannot be altered, failed populate jobs. */
class DeployFailuresTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    @AfterEach
    void clearFaults() {
        Workspaces.clearFaults();
    }

    private static PushResult push(Recorded ws, Path project, PushOptions options, Lines lines) {
        return new Deployer(ws.client(), lines).push(Project.load(project, Map.of()), options);
    }

    @Test
    void aPushInterruptedByAServerErrorNamesWhatWasAppliedAndARerunConverges() throws IOException {
        Recorded ws = Workspaces.create("push_fault");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Path result = temp.resolve("push-result.json");
        Workspaces.faults("[{\"method\": \"POST\", \"path\": \"/v0/pipes\", \"status\": 500, \"times\": 1}]");
        Lines lines = new Lines();

        assertThatThrownBy(() -> push(ws, project, new PushOptions().resultFile(result), lines))
                .isInstanceOf(PushException.class)
                .hasMessageContaining("failed on 'daily_product_sales_mv' (pipes/daily_product_sales_mv.pipe)")
                .hasMessageContaining("Applied by this push: daily_product_sales (created), events (created),"
                        + " products (created)")
                .hasMessageContaining("Not applied: daily_product_sales_mv, sales_by_category, top_products");
        assertThat(lines.lines).anyMatch(line -> line.startsWith(
                "** Failed running pipes/daily_product_sales_mv.pipe: Could not create pipe 'daily_product_sales_mv'"));
        JsonNode json = MAPPER.readTree(result.toFile());
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("resources").findValuesAsText("outcome")).containsExactly("created", "created",
                "created", "failed", "not_applied", "not_applied");
        assertThat(json.get("resources").get(3).get("error").asText()).contains("HTTP 500");

        PushResult rerun = push(ws, project, new PushOptions().fixtures(true), new Lines());

        assertThat(rerun.names(Outcome.SKIPPED)).containsExactly("daily_product_sales", "events", "products");
        assertThat(rerun.names(Outcome.CREATED)).containsExactly("daily_product_sales_mv", "sales_by_category",
                "top_products");
        assertThat(ws.client().pipeData("top_products", "json", Map.of("date_start", "2024-03-01"), null).json()
                .get("rows").asInt()).isPositive();
    }

    @Test
    void anEndpointAFailedPushLeftUnpublishedIsPublishedByTheRerun() {
        Recorded ws = Workspaces.create("push_publish");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        Workspaces.faults("[{\"method\": \"POST\", \"path\": \"/v0/pipes/sales_by_category/nodes/.*/endpoint\","
                + " \"status\": 503, \"times\": 10}]");

        assertThatThrownBy(() -> push(ws, project, new PushOptions(), new Lines()))
                .hasMessageContaining("failed on 'sales_by_category'");
        Workspaces.clearFaults();
        assertThat(ws.client().pipe("sales_by_category").orElseThrow().endpoint()).isNull();
        Lines lines = new Lines();

        PushResult rerun = push(ws, project, new PushOptions(), lines);

        assertThat(rerun.names(Outcome.SKIPPED)).contains("sales_by_category");
        assertThat(lines.lines).contains("** Published the endpoint of 'sales_by_category', which an earlier push"
                + " left unpublished");
        assertThat(ws.client().pipe("sales_by_category").orElseThrow().endpoint()).isNotNull();
    }

    @Test
    void forceAltersADatasourceInPlaceAndRefusesWhatWouldLoseData() {
        Recorded ws = Workspaces.create("push_alter");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        push(ws, project, new PushOptions().fixtures(true), new Lines());
        Path events = project.resolve("datasources/events.datasource");
        String original = Workspaces.read(events);
        Workspaces.write(events, original.replace("`price` Float64", "`price` Float64,\n    `referrer` String"));
        Lines lines = new Lines();

        PushResult altered = push(ws, project, new PushOptions().force(true).resources(Set.of("events")), lines);

        assertThat(altered.names(Outcome.ALTERED)).containsExactly("events");
        assertThat(lines.lines).contains("** The description or schema of 'events' has changed.",
                "**   -  ADD COLUMN `referrer` String", "** The Data Source has been correctly updated.");
        assertThat(ws.client().datasource("events").orElseThrow().columns()).extracting(c -> c.name())
                .endsWith("referrer");

        Workspaces.write(events, original.replace("    `price` Float64\n", "")
                .replace("`action` LowCardinality(String),", "`action` LowCardinality(String)"));
        assertThatThrownBy(() -> push(ws, project, new PushOptions().force(true).resources(Set.of("events")),
                new Lines())).isInstanceOf(PushException.class)
                .hasMessageContaining("Datasource 'events' cannot be updated in place")
                .hasMessageContaining("column `price` would be dropped with its data")
                .hasMessageContaining("losing its 240 rows");

        Workspaces.write(events, original.replace("ENGINE_SORTING_KEY \"action, timestamp\"",
                "ENGINE_SORTING_KEY \"timestamp\""));
        assertThatThrownBy(() -> push(ws, project, new PushOptions().force(true).dryRun(true)
                .resources(Set.of("events")), new Lines())).isInstanceOf(PushException.class)
                .hasMessageContaining("ENGINE_SORTING_KEY would change from \"action, timestamp\" to \"timestamp\"");
        assertThat(ws.client().datasource("events").orElseThrow().columns()).hasSize(6);
    }

    @Test
    void aFailedPopulateJobFailsThePushWithTheJobsError() {
        Recorded ws = Workspaces.create("push_populate");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        push(ws, project, new PushOptions().fixtures(true), new Lines());
        Workspaces.write(project.resolve("pipes/expensive.pipe"), """
                NODE expensive
                SQL >
                    SELECT product_id, throwIf(price > 100, 'price above 100') AS flagged FROM events

                TYPE materialized
                DATASOURCE expensive_products
                ENGINE "MergeTree"
                ENGINE_SORTING_KEY "product_id"
                """);
        Lines lines = new Lines();

        assertThatThrownBy(() -> push(ws, project, new PushOptions().populate(true)
                .resources(Set.of("expensive")), lines)).isInstanceOf(PushException.class)
                .hasMessageMatching("(?s).*populate job \\S+ of pipe 'expensive' failed: .*price above 100.*");
        assertThat(lines.lines).anyMatch(line -> line.startsWith("** Populating job url "));
    }

    @Test
    void aPopulateJobStillRunningAfterTheTimeoutFailsThePushAndSaysItGoesOn() {
        Recorded ws = Workspaces.create("push_timeout");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        push(ws, project, new PushOptions().fixtures(true), new Lines());
        // sleepEachRow makes the job take over a second on the 240 fixture rows: far beyond the 1 ms allowed.
        Workspaces.write(project.resolve("pipes/slow.pipe"), """
                NODE slow
                SQL >
                    SELECT product_id, sleepEachRow(0.005) AS waited FROM events

                TYPE materialized
                DATASOURCE slow_products
                ENGINE "MergeTree"
                ENGINE_SORTING_KEY "product_id"
                """);

        assertThatThrownBy(() -> push(ws, project, new PushOptions().populate(true).jobTimeout(Duration.ofMillis(1))
                .resources(Set.of("slow")), new Lines())).isInstanceOf(PushException.class)
                .hasMessageMatching("(?s).*populate job \\S+ of pipe 'slow' is still \\w+ after 1 ms; it goes on in the"
                        + " workspace \\(follow it at http\\S+/v0/jobs/\\S+\\).*");
    }

    @Test
    void fixturesAreRefusedForDatasourcesWithRowsUnlessForcedAndQuarantinedRowsFailWithTheirErrors() {
        Recorded ws = Workspaces.create("push_fixtures");
        Path project = Workspaces.exampleCopy(temp.resolve("ecommerce"));
        push(ws, project, new PushOptions().fixtures(true), new Lines());

        assertThatThrownBy(() -> push(ws, project, new PushOptions().fixtures(true), new Lines()))
                .hasMessageContaining("Data Source 'events' already has 240 rows: loading"
                        + " datasources/fixtures/events.csv would replace them. To load it anyway, use force");

        Lines lines = new Lines();
        push(ws, project, new PushOptions().fixtures(true).force(true).resources(Set.of("products")), lines);
        assertThat(lines.lines).contains("** Checking datasources/fixtures/products.csv (replacing 158.0 b)");
        assertThat(ws.client().sql("SELECT count() AS c FROM products", "JSON").json().at("/data/0/c").asLong())
                .isEqualTo(5);

        Workspaces.write(project.resolve("fixtures/events.csv"), "2024-03-01 08:00:00,s1,p01,buy,12.5\n"
                + "yesterday,s2,p02,buy,not-a-price\n");
        assertThatThrownBy(() -> push(ws, project, new PushOptions().fixtures(true).force(true)
                .resources(Set.of("events")), new Lines())).isInstanceOf(PushException.class)
                .hasMessageContaining("Fixture fixtures/events.csv was not fully loaded into 'events': 1 row in"
                        + " quarantine, 0 invalid lines. First errors: ")
                .hasMessageContaining("The rows are in events_quarantine");
    }
}

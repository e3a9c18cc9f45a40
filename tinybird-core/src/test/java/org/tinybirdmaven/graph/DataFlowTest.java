package org.tinybirdmaven.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.testing.SharedFolder;

class DataFlowTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    private static List<String> arrows(DataFlow flow) {
        return flow.flows().stream().map(f -> flow.items().get(f.from()).name() + " -" + f.kind().label() + "-> "
                + flow.items().get(f.to()).name()).toList();
    }

    @Test
    void theExampleFlowsFromItsDatasourcesThroughTheMaterializedViewToTheEndpoints() {
        DataFlow flow = DataFlow.of(Project.load(SharedFolder.repositoryRoot().resolve("examples/ecommerce"),
                Map.of()));
        assertThat(flow.items()).extracting(DataFlow.Item::name, DataFlow.Item::kind, DataFlow.Item::file)
                .containsExactlyInAnyOrder(
                        tuple("events", ResourceKind.DATASOURCE, "datasources/events.datasource"),
                        tuple("products", ResourceKind.DATASOURCE, "datasources/products.datasource"),
                        tuple("daily_product_sales", ResourceKind.TARGET_DATASOURCE,
                                "datasources/daily_product_sales.datasource"),
                        tuple("daily_product_sales_mv", ResourceKind.MATERIALIZED_VIEW,
                                "pipes/daily_product_sales_mv.pipe"),
                        tuple("top_products", ResourceKind.ENDPOINT, "endpoints/top_products.pipe"),
                        tuple("sales_by_category", ResourceKind.ENDPOINT, "endpoints/sales_by_category.pipe"));
        assertThat(arrows(flow)).containsExactlyInAnyOrder(
                "events -reads-> daily_product_sales_mv",
                "daily_product_sales_mv -materializes-> daily_product_sales",
                "daily_product_sales -reads-> top_products",
                "products -reads-> top_products",
                "events -reads-> sales_by_category",
                "products -reads-> sales_by_category");
    }

    @Test
    void namesOutsideTheProjectSharedDatasourcesCopiesAndLookupsAreShown() throws IOException {
        write("vendor/analytics/datasources/page_views.datasource", "SCHEMA >\n    `a` String\n");
        write("datasources/dim.datasource", "SCHEMA >\n    `id` Int32,\n    `name` String\n\n"
                + "ENGINE \"Join\"\nENGINE_JOIN_STRICTNESS \"ANY\"\nENGINE_JOIN_TYPE \"LEFT\"\n"
                + "ENGINE_KEY_COLUMNS \"id\"\n");
        write("datasources/snapshot.datasource", "SCHEMA >\n    `a` String\n");
        write("pipes/reader.pipe", "NODE n\nSQL >\n    SELECT a, joinGet('dim', 'name', 1) AS name\n"
                + "    FROM analytics.page_views\n    UNION ALL SELECT a, '' FROM other.shared\n"
                + "    UNION ALL SELECT a, '' FROM nowhere\n");
        write("pipes/snap.pipe", "NODE n\nSQL >\n    SELECT a FROM analytics.page_views\n\nTYPE copy\n"
                + "TARGET_DATASOURCE snapshot\n");
        write("pipes/mv.pipe", "NODE n\nSQL >\n    SELECT a FROM snapshot\n\nTYPE materialized\nDATASOURCE made\n"
                + "ENGINE \"MergeTree\"\nENGINE_SORTING_KEY \"a\"\n");
        DataFlow flow = DataFlow.of(Project.load(dir, Map.of()));
        assertThat(flow.items()).extracting(DataFlow.Item::name, DataFlow.Item::kind, DataFlow.Item::inProject)
                .containsExactlyInAnyOrder(
                        tuple("analytics.page_views", ResourceKind.SHARED_DATASOURCE, true),
                        tuple("dim", ResourceKind.DATASOURCE, true),
                        tuple("snapshot", ResourceKind.TARGET_DATASOURCE, true),
                        tuple("reader", ResourceKind.ENDPOINT, true),
                        tuple("snap", ResourceKind.COPY_PIPE, true),
                        tuple("mv", ResourceKind.MATERIALIZED_VIEW, true),
                        tuple("other.shared", ResourceKind.SHARED_DATASOURCE, false),
                        tuple("nowhere", ResourceKind.UNKNOWN, false),
                        tuple("made", ResourceKind.TARGET_DATASOURCE, false));
        assertThat(arrows(flow)).containsExactlyInAnyOrder(
                "dim -looks up-> reader",
                "analytics.page_views -reads-> reader",
                "other.shared -reads-> reader",
                "nowhere -reads-> reader",
                "analytics.page_views -reads-> snap",
                "snap -copies-> snapshot",
                "snapshot -reads-> mv",
                "mv -materializes-> made");
        FlowDiagram diagram = FlowDiagram.of("t", flow);
        Drawings.assertReadable(diagram.layout(), ExampleGraphTest.links(flow));
    }

    @Test
    void tokensAreLeftOutAndACopyIntoItsOwnSourceIsACycleThatStillDraws() throws IOException {
        write("datasources/events.datasource", "SCHEMA >\n    `a` String\n");
        write("pipes/dedupe.pipe", "NODE n\nSQL >\n    SELECT DISTINCT a FROM events\n\nTYPE copy\n"
                + "TARGET_DATASOURCE events\n");
        write("tokens/reader.token", "DATASOURCES:READ:events\n");
        Project project = Project.load(dir, Map.of());
        DataFlow flow = DataFlow.of(project);
        assertThat(flow.items()).extracting(DataFlow.Item::name).containsExactly("events", "dedupe");
        assertThat(arrows(flow)).containsExactly("events -reads-> dedupe", "dedupe -copies-> events");
        FlowDiagram diagram = FlowDiagram.of("t", flow);
        Drawings.assertReadable(diagram.layout(), ExampleGraphTest.links(flow));
        assertThat(diagram.layout().routes()).filteredOn(LayeredLayout.Route::reversed).hasSize(1);
    }
}

package org.tinybirdmaven.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.datafile.Diagnostic;
import org.tinybirdmaven.testing.SharedFolder;

/** Real public Tinybird projects from {@code ../shared/corpus}: every Classic one must pass {@code check}. */
class CorpusTest {

    /** The Classic-flavoured corpus folders (see the corpus INDEX.md); the others are Forward projects. */
    private static final List<String> CLASSIC = List.of("tinybirdco__ecommerce_data_project",
            "tinybirdco__ecommerce_data_project_advanced", "tinybirdco__use-case-examples",
            "tinybirdco__use-case-examples@2f3edaf", "tinybirdco__web-analytics-starter-kit@f304a93",
            "tinybirdco__log-analytics-starter-kit", "tinybirdco__zero-to-tinybird", "tinybirdco__examples",
            "tinybirdco__guide-dynamodb-tinybird-analytics");

    /** use-case-examples has one sub-project in the Forward layout. */
    private static final String FORWARD_SUBPROJECT = "forward_deployment";

    /** Broken upstream: includes top_pages_$TB_ENV.incl, which that commit does not contain. */
    private static final String KNOWN_BROKEN = "tinybirdco__use-case-examples@2f3edaf/iterating_api_endpoint";

    private static final Map<String, String> ENV = Map.of("TB_ENV", "stg");

    @Test
    void everyClassicProjectPassesCheck() throws IOException {
        Path corpus = SharedFolder.corpus();
        List<Path> roots = new ArrayList<>();
        for (String folder : CLASSIC) {
            roots.addAll(SharedFolder.projectRoots(corpus.resolve(folder)));
        }
        assertThat(roots).hasSizeGreaterThan(30);
        List<String> unexpected = new ArrayList<>();
        int datafiles = 0;
        for (Path root : roots) {
            if (root.getFileName().toString().equals(FORWARD_SUBPROJECT) || corpus.relativize(root).toString()
                    .equals(KNOWN_BROKEN)) {
                continue;
            }
            Project project = Project.load(root, ENV);
            datafiles += project.files().size();
            project.diagnostics().stream().filter(Diagnostic::isError)
                    .forEach(error -> unexpected.add(new CheckReport(project).format(error) + "  [" + root + "]"));
        }
        assertThat(unexpected).isEmpty();
        assertThat(datafiles).isGreaterThan(300);
    }

    @Test
    void theKnownBrokenProjectReportsItsMissingInclude() {
        Path root = SharedFolder.corpus().resolve(KNOWN_BROKEN);
        Project project = Project.load(root, ENV);
        CheckReport report = new CheckReport(project);
        assertThat(project.diagnostics().stream().filter(Diagnostic::isError).map(report::format))
                .containsExactly("pipes/top_pages.pipe:9:9: Include file not found: ../includes/top_pages_stg.incl"
                        + " (looked for " + root.resolve("includes/top_pages_stg.incl") + ")");
    }

    @Test
    void ecommerceOrdersDatasourcesThenTheMaterializingPipeThenEndpoints() {
        Project project = Project.load(SharedFolder.corpus().resolve("tinybirdco__ecommerce_data_project"), ENV);
        assertThat(project.hasErrors()).isFalse();
        List<List<String>> levels = project.graph().levels().stream()
                .map(level -> level.stream().map(Resource::name).sorted().toList()).toList();
        assertThat(levels).containsExactly(
                List.of("events", "products", "top_products_view"),
                List.of("top_product_per_day"),
                List.of("sales", "top_products", "top_products_agg", "top_products_params"));
        Resource materializing = project.resource("top_product_per_day").orElseThrow();
        assertThat(materializing.remoteName()).isEqualTo("top_product_per_day__v1");
        assertThat(materializing.dependencies()).extracting(Dependency::name, Dependency::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("events", DependencyKind.READS),
                org.assertj.core.groups.Tuple.tuple("top_products_view", DependencyKind.MATERIALIZES));
    }
}

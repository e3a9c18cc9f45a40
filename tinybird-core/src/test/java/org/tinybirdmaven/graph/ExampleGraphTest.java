package org.tinybirdmaven.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.graph.LayeredLayout.Box;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.testing.SharedFolder;
import org.w3c.dom.Document;

/** The example project's graph, as the README shows it. */
class ExampleGraphTest {

    private static final Project EXAMPLE = Project.load(SharedFolder.repositoryRoot().resolve("examples/ecommerce"),
            Map.of());

    @TempDir
    Path dir;

    static List<LayeredLayout.Link> links(DataFlow flow) {
        return flow.flows().stream().map(f -> new LayeredLayout.Link(f.from(), f.to(), null)).toList();
    }

    private static Box box(FlowDiagram diagram, String name) {
        List<String> names = diagram.flow().items().stream().map(DataFlow.Item::name).toList();
        return diagram.layout().nodes().get(names.indexOf(name));
    }

    @Test
    void columnsFollowTheDataFromTheDatasourcesToTheEndpoints() throws Exception {
        FlowDiagram diagram = FlowDiagram.of(ProjectGraph.title(EXAMPLE), DataFlow.of(EXAMPLE));
        Drawings.assertReadable(diagram.layout(), links(diagram.flow()));
        assertThat(Drawings.crossings(diagram.layout())).isZero();
        assertThat(box(diagram, "events").x()).isEqualTo(box(diagram, "products").x());
        assertThat(box(diagram, "events").right()).isLessThan(box(diagram, "daily_product_sales_mv").x());
        assertThat(box(diagram, "daily_product_sales_mv").right()).isLessThan(box(diagram, "daily_product_sales")
                .x());
        assertThat(box(diagram, "daily_product_sales").right()).isLessThan(box(diagram, "top_products").x());
        assertThat(box(diagram, "sales_by_category").right()).isLessThan(box(diagram, "daily_product_sales").x());
        // the legend sits above the drawing
        double graphTop = diagram.graphOrigin().y();
        assertThat(diagram.legendBoxes()).hasSize(6).allSatisfy(legend -> assertThat(legend.bottom())
                .isLessThan(graphTop));
    }

    @Test
    void theSvgIsWellFormedLegibleAndNotTooWide() throws Exception {
        FlowDiagram diagram = FlowDiagram.of(ProjectGraph.title(EXAMPLE), DataFlow.of(EXAMPLE));
        String svg = diagram.svg();
        Document document = Drawings.parse(svg);
        assertThat(document.getDocumentElement().getAttribute("width")).isEqualTo(String.valueOf((int)
                diagram.width()));
        assertThat(Drawings.fontSizes(document)).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(12));
        assertThat(diagram.width()).isBetween(640.0, 1400.0);
        assertThat(svg).contains(">daily_product_sales_mv</text>", ">materialized view</text>",
                "<title>pipes/daily_product_sales_mv.pipe</title>", ">materializes</text>");

        Path png = Drawings.png(svg, "ecommerce");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo((int) diagram.width());
        assertThat(image.getHeight()).isEqualTo((int) diagram.height());
        // the materialized view's fill colour shows where its box is
        Box mv = box(diagram, "daily_product_sales_mv");
        int rgb = image.getRGB((int) (diagram.graphOrigin().x() + mv.x() + mv.width() / 2),
                (int) (diagram.graphOrigin().y() + mv.y() + 4));
        assertThat(rgb & 0xffffff).isEqualTo(Integer.parseInt(ResourceKind.MATERIALIZED_VIEW.fill().substring(1),
                16));
    }

    @Test
    void writesTheSvgAndTheMermaidFile() throws Exception {
        List<Path> written = ProjectGraph.write(EXAMPLE, dir.resolve("target/tinybird"));
        assertThat(written).containsExactly(dir.resolve("target/tinybird/graph.svg"),
                dir.resolve("target/tinybird/graph.mmd"));
        assertThat(Files.readString(written.get(0))).isEqualTo(FlowDiagram.of(ProjectGraph.title(EXAMPLE),
                DataFlow.of(EXAMPLE)).svg());
        assertThat(Files.readString(written.get(1))).contains("flowchart LR");
    }
}

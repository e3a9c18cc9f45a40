package org.tinybirdmaven.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.testing.SharedFolder;

/** Every project of the shared corpus is drawn readably; the largest ones are rendered for a person to look at. */
class CorpusGraphTest {

    private static final int RENDERED = 4;

    @Test
    void everyCorpusProjectIsDrawnReadablyAndTheLargestAreRendered() throws Exception {
        Path corpus = SharedFolder.corpus();
        List<Path> roots = SharedFolder.projectRoots(corpus);
        assertThat(roots).hasSizeGreaterThan(30);
        List<Drawn> drawn = new ArrayList<>();
        for (Path root : roots) {
            Project project = Project.load(root, Map.of("TB_ENV", "stg"));
            DataFlow flow = DataFlow.of(project);
            FlowDiagram diagram = FlowDiagram.of(ProjectGraph.title(project), flow);
            Drawings.assertReadable(diagram.layout(), ExampleGraphTest.links(flow));
            drawn.add(new Drawn(corpus.relativize(root).toString().replace('/', '_'), flow, diagram));
        }
        drawn.sort(Comparator.comparingInt((Drawn d) -> d.flow().items().size()).reversed());
        for (Drawn largest : drawn.subList(0, RENDERED)) {
            String svg = largest.diagram().svg();
            assertThat(Drawings.fontSizes(Drawings.parse(svg))).allSatisfy(size -> assertThat(size)
                    .isGreaterThanOrEqualTo(12));
            Drawings.png(svg, largest.name());
            System.out.printf("%s: %d boxes, %d arrows, %.0f x %.0f px, %d crossings%n", largest.name(),
                    largest.flow().items().size(), largest.flow().flows().size(), largest.diagram().width(),
                    largest.diagram().height(), Drawings.crossings(largest.diagram().layout()));
        }
    }

    private record Drawn(String name, DataFlow flow, FlowDiagram diagram) {}
}

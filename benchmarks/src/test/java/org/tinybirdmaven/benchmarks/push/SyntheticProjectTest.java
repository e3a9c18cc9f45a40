package org.tinybirdmaven.benchmarks.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;

class SyntheticProjectTest {

    @TempDir
    Path dir;

    @Test
    void writesAProjectThatChecksWithTheAskedSizeAndDepth() throws Exception {
        SyntheticProject.Shape shape = SyntheticProject.write(dir, 20, 4);

        Project project = Project.load(dir, Map.of());
        assertThat(project.diagnostics()).isEmpty();
        assertThat(project.resources()).hasSize(20);
        assertThat(project.graph().levels()).hasSize(4);
        assertThat(project.graph().missing()).isEmpty();
        assertThat(shape).isEqualTo(new SyntheticProject.Shape(20, 4, 3, 8, 3, 6, 3));
        assertThat(project.resources().stream().filter(Resource::isDatasource)).hasSize(shape.datasources());
        assertThat(pipesOfType(project, NodeType.MATERIALIZED)).hasSize(shape.materializedPipes());
        assertThat(pipesOfType(project, NodeType.ENDPOINT)).hasSize(shape.endpoints());
    }

    @Test
    void deeperGraphsHaveLongerChains() throws Exception {
        SyntheticProject.write(dir, 24, 6);

        Project project = Project.load(dir, Map.of());
        assertThat(project.hasErrors()).isFalse();
        assertThat(project.graph().levels()).hasSize(6);
        assertThat(project.graph().levels().get(5)).extracting(Resource::name)
                .containsExactly("api_0000", "api_0001", "api_0002");
    }

    @Test
    void refusesShapesThatCannotHaveTheDepth() {
        assertThatThrownBy(() -> SyntheticProject.write(dir, 20, 2)).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> SyntheticProject.write(dir, 5, 4)).hasMessageContaining("at least 6 datafiles");
    }

    private static List<Resource> pipesOfType(Project project, NodeType type) {
        return project.resources().stream().filter(r -> r.datafile() instanceof PipeFile pipe
                && pipe.nodes().stream().anyMatch(node -> node.type() == type)).toList();
    }
}

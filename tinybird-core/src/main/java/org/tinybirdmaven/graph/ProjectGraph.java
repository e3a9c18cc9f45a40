package org.tinybirdmaven.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tinybirdmaven.project.Project;

/** Writes a project's data flow as {@code graph.svg} and {@code graph.mmd} (Mermaid). */
public final class ProjectGraph {

    public static final String SVG = "graph.svg";
    public static final String MERMAID = "graph.mmd";

    private ProjectGraph() {}

    /** Writes both files into {@code directory} (created if needed) and returns their paths. */
    public static List<Path> write(Project project, Path directory) throws IOException {
        DataFlow flow = DataFlow.of(project);
        String title = title(project);
        Files.createDirectories(directory);
        Path svg = Files.writeString(directory.resolve(SVG), FlowDiagram.of(title, flow).svg());
        Path mermaid = Files.writeString(directory.resolve(MERMAID), MermaidFlowchart.render(title, flow));
        return List.of(svg, mermaid);
    }

    static String title(Project project) {
        Path name = project.directory().getFileName();
        return "Tinybird data flow: " + (name == null ? project.directory() : name);
    }
}

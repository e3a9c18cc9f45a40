package org.tinybirdmaven.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.testing.SharedFolder;

class MermaidFlowchartTest {

    /** The statements Mermaid's flowchart grammar accepts that the writer uses; labels are quoted strings. */
    private static final List<Pattern> STATEMENTS = List.of(
            Pattern.compile("flowchart LR"),
            Pattern.compile("n\\d+(\\[\\(|\\(\\[|\\{\\{|\\[/|>|\\[)\"[^\"]*\"(\\)\\]|\\]\\)|}}|/\\]|\\])"),
            Pattern.compile("n\\d+ (-->|==>|-\\.->)\\|[a-z ]+\\| n\\d+"),
            Pattern.compile("classDef [a-z-]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}"),
            Pattern.compile("class n\\d+(,n\\d+)* [a-z-]+"),
            Pattern.compile("style n\\d+ stroke-dasharray:5 3"));

    private static void assertValid(String mermaid) {
        String[] lines = mermaid.split("\n");
        assertThat(lines[0]).isEqualTo("---");
        assertThat(lines[1]).matches("title: \"([^\"\\\\]|\\\\.)*\"");
        assertThat(lines[2]).isEqualTo("---");
        for (int i = 3; i < lines.length; i++) {
            String statement = lines[i].strip();
            assertThat(STATEMENTS).as("line %d: %s", i + 1, lines[i])
                    .anyMatch(pattern -> pattern.matcher(statement).matches());
        }
    }

    @Test
    void theExampleAsAFlowchart() {
        Project project = Project.load(SharedFolder.repositoryRoot().resolve("examples/ecommerce"), Map.of());
        DataFlow flow = DataFlow.of(project);
        String mermaid = MermaidFlowchart.render(ProjectGraph.title(project), flow);
        assertValid(mermaid);
        assertThat(mermaid).startsWith("---\ntitle: \"Tinybird data flow: ecommerce\"\n---\nflowchart LR\n");
        int events = index(flow, "events");
        int mv = index(flow, "daily_product_sales_mv");
        int target = index(flow, "daily_product_sales");
        assertThat(mermaid).contains("    n" + events + "[(\"events\")]\n", "    n" + mv
                + "{{\"daily_product_sales_mv\"}}\n", "    n" + events + " -->|reads| n" + mv + "\n", "    n" + mv
                + " ==>|materializes| n" + target + "\n", "classDef target-datasource fill:#dcfce7,stroke:#15803d");
    }

    /** The README shows the example's flowchart; it must be what the goal writes today. */
    @Test
    void theReadmeShowsTheExampleAsTheGoalDrawsIt() throws Exception {
        Project project = Project.load(SharedFolder.repositoryRoot().resolve("examples/ecommerce"), Map.of());
        String readme = Files.readString(SharedFolder.repositoryRoot().resolve("README.md"));
        int start = readme.indexOf("```mermaid\n") + "```mermaid\n".length();
        assertThat(readme.substring(start, readme.indexOf("```", start)))
                .isEqualTo(MermaidFlowchart.render(ProjectGraph.title(project), DataFlow.of(project)));
    }

    private static int index(DataFlow flow, String name) {
        return flow.items().stream().map(DataFlow.Item::name).toList().indexOf(name);
    }

    @Test
    void namesAreEscapedAndEveryShapeAndArrowIsValid() {
        List<DataFlow.Item> items = List.of(
                new DataFlow.Item("we\"ird#<name>&", ResourceKind.UNKNOWN, false, null),
                new DataFlow.Item("end", ResourceKind.ENDPOINT, true, "end.pipe"),
                new DataFlow.Item("ws.shared", ResourceKind.SHARED_DATASOURCE, false, null),
                new DataFlow.Item("copy", ResourceKind.COPY_PIPE, true, "copy.pipe"),
                new DataFlow.Item("sink", ResourceKind.SINK_PIPE, true, "sink.pipe"),
                new DataFlow.Item("mv", ResourceKind.MATERIALIZED_VIEW, true, "mv.pipe"),
                new DataFlow.Item("t", ResourceKind.TARGET_DATASOURCE, true, "t.datasource"));
        List<DataFlow.Flow> flows = List.of(new DataFlow.Flow(0, 1, FlowKind.READS),
                new DataFlow.Flow(2, 3, FlowKind.LOOKS_UP), new DataFlow.Flow(3, 6, FlowKind.COPIES),
                new DataFlow.Flow(6, 4, FlowKind.READS), new DataFlow.Flow(2, 5, FlowKind.READS),
                new DataFlow.Flow(5, 6, FlowKind.MATERIALIZES));
        String mermaid = MermaidFlowchart.render("a \"quoted\" \\ title", new DataFlow(items, flows));
        assertValid(mermaid);
        assertThat(mermaid).contains("title: \"a \\\"quoted\\\" \\\\ title\"",
                "n0[\"we#quot;ird#35;#lt;name#gt;#amp;\"]", "n1([\"end\"])", "n4>\"sink\"]", "n3[/\"copy\"/]",
                "-->|reads| n1", "-.->|looks up|", "-.->|copies|", "style n0 stroke-dasharray:5 3",
                "style n2 stroke-dasharray:5 3");
        assertThat(mermaid).doesNotContain("style n1 ");
    }
}

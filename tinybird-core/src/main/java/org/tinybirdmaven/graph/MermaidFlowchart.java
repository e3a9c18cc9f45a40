package org.tinybirdmaven.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data flow as a Mermaid {@code flowchart LR}, for Markdown pages that render Mermaid (GitHub, GitLab). Nodes
 * get generated ids ({@code n0}, {@code n1} …) so no resource name can collide with Mermaid keywords; names are
 * quoted labels with Mermaid's entity codes for the characters that would end or alter a label.
 */
public final class MermaidFlowchart {

    private MermaidFlowchart() {}

    public static String render(String title, DataFlow flow) {
        StringBuilder out = new StringBuilder();
        out.append("---\ntitle: \"").append(title.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n---\n");
        out.append("flowchart LR\n");
        Map<ResourceKind, List<String>> byKind = new LinkedHashMap<>();
        List<String> external = new ArrayList<>();
        for (int i = 0; i < flow.items().size(); i++) {
            DataFlow.Item item = flow.items().get(i);
            String id = "n" + i;
            String[] brackets = brackets(item.kind().shape());
            out.append("    ").append(id).append(brackets[0]).append('"').append(label(item.name())).append('"')
                    .append(brackets[1]).append('\n');
            byKind.computeIfAbsent(item.kind(), k -> new ArrayList<>()).add(id);
            if (!item.inProject()) {
                external.add(id);
            }
        }
        for (DataFlow.Flow f : flow.flows()) {
            String arrow = switch (f.kind()) {
                case MATERIALIZES -> "==>";
                case COPIES, LOOKS_UP -> "-.->";
                case READS -> "-->";
            };
            out.append("    n").append(f.from()).append(' ').append(arrow).append('|').append(f.kind().label())
                    .append("| n").append(f.to()).append('\n');
        }
        byKind.forEach((kind, ids) -> {
            out.append("    classDef ").append(kind.cssClass()).append(" fill:").append(kind.fill())
                    .append(",stroke:").append(kind.stroke()).append(",color:#111827\n");
            out.append("    class ").append(String.join(",", ids)).append(' ').append(kind.cssClass()).append('\n');
        });
        for (String id : external) {
            out.append("    style ").append(id).append(" stroke-dasharray:5 3\n");
        }
        return out.toString();
    }

    private static String[] brackets(ResourceKind.Shape shape) {
        return switch (shape) {
            case CYLINDER -> new String[] {"[(", ")]"};
            case STADIUM -> new String[] {"([", "])"};
            case HEXAGON -> new String[] {"{{", "}}"};
            case PARALLELOGRAM -> new String[] {"[/", "/]"};
            case FLAG -> new String[] {">", "]"};
            case RECTANGLE -> new String[] {"[", "]"};
        };
    }

    /** Mermaid's entity codes: {@code #quot;} and friends; {@code #} first, since the codes contain it. */
    static String label(String text) {
        return text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("&", "#amp;").replace("\n", " ");
    }
}

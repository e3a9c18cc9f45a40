package org.tinybirdmaven.server.pipe;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;

/**
 * A pipe as a {@code .pipe} datafile ({@code GET /v0/pipes/{name}.pipe}): pipe {@code DESCRIPTION}, {@code TOKEN}
 * lines, then per node {@code NODE}, {@code DESCRIPTION}, {@code SQL} (indented by four spaces) and the type block.
 * Blocks are separated by a blank line and the file ends with one newline. Values that are not plain words are
 * double-quoted, which the datafile grammar removes again.
 */
final class PipeExport {

    private static final String INDENT = "    ";

    private PipeExport() {}

    /** @param readTokens the names of the tokens that may read the pipe */
    static String datafile(PipeRecord pipe, List<String> readTokens) {
        StringBuilder out = new StringBuilder();
        if (pipe.description() != null && !pipe.description().isBlank()) {
            block(out, "DESCRIPTION", pipe.description());
        }
        for (String token : readTokens) {
            out.append("TOKEN ").append(quote(token)).append(" READ\n");
        }
        if (!readTokens.isEmpty()) {
            out.append('\n');
        }
        for (NodeRecord node : pipe.nodes()) {
            out.append("NODE ").append(node.name()).append('\n');
            if (node.description() != null && !node.description().isBlank()) {
                block(out, "DESCRIPTION", node.description());
            }
            block(out, "SQL", node.sql().strip());
            typeBlock(out, node);
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static void block(StringBuilder out, String instruction, String text) {
        out.append(instruction).append(" >\n");
        for (String line : text.split("\n", -1)) {
            out.append(line.isBlank() ? "" : INDENT + line.stripTrailing()).append('\n');
        }
        out.append('\n');
    }

    private static void typeBlock(StringBuilder out, NodeRecord node) {
        Map<String, String> settings = node.settings();
        switch (node.nodeType()) {
            case "endpoint" -> out.append("TYPE endpoint\n");
            case "materialized" -> {
                out.append("TYPE materialized\n");
                out.append("DATASOURCE ").append(settings.get("datasource")).append('\n');
                settings.forEach((key, value) -> {
                    String lower = key.toLowerCase(Locale.ROOT);
                    if (lower.equals("engine") || lower.startsWith("engine_")) {
                        out.append(lower.toUpperCase(Locale.ROOT)).append(' ').append(quote(value)).append('\n');
                    }
                });
            }
            case "copy" -> {
                out.append("TYPE copy\n");
                out.append("TARGET_DATASOURCE ").append(settings.get("target_datasource")).append('\n');
                out.append("COPY_MODE ").append(CopyJobs.mode(node)).append('\n');
                out.append("COPY_SCHEDULE ").append(quote(CopyJobs.schedule(node))).append('\n');
            }
            default -> {
                return;
            }
        }
        out.append('\n');
    }

    /** Plain words stay as they are; anything else is double-quoted. */
    private static String quote(String value) {
        return value.matches("[A-Za-z0-9_@.\\-]+") ? value : "\"" + value + "\"";
    }
}

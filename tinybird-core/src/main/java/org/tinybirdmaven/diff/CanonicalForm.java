package org.tinybirdmaven.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tinybirdmaven.datafile.Datafile;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.Node;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.datafile.TokenGrant;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Index;
import org.tinybirdmaven.sql.VersionedNames;

/**
 * A datafile written the same way whether it was read from the project or from Tinybird's export, so that two
 * definitions compare equal exactly when a push would not change anything.
 *
 * <p>Datasources keep only what {@code tb diff} compares: {@code VERSION}, {@code SCHEMA}, {@code INDEXES} and the
 * TTL. {@code TAGS} are left out too: filtering tags are never sent by a push, so the workspace cannot have them.
 * Pipes keep their description, the {@code TOKEN … READ} lines a push applies (endpoint and copy pipes only), and
 * per node its name, description, SQL and output settings. The endpoint node of a pipe without {@code TYPE} is the
 * last one, as a push publishes it. Blocks (SQL, descriptions) lose blank lines, trailing spaces and their common
 * indentation; single values lose their quotes and repeated blanks.
 */
public final class CanonicalForm {

    private static final String INDENT = "    ";

    private CanonicalForm() {}

    /**
     * @param version the version to write ({@code VERSION} of a local file; the {@code __vN} suffix of a remote
     *                name, which the export leaves out of its content)
     * @param renames versioned names to apply to the SQL and targets of a local file ({@code events →
     *                events__v2}), as a push sends them; empty for a remote export, which already has them
     */
    public static List<String> of(Datafile datafile, Integer version, Map<String, String> renames) {
        List<String> lines = new ArrayList<>();
        if (version != null) {
            lines.add("VERSION " + version);
            lines.add("");
        }
        if (datafile instanceof DatasourceFile datasource) {
            datasource(datasource, renames, lines);
        } else if (datafile instanceof PipeFile pipe) {
            pipe(pipe, renames, lines);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static void datasource(DatasourceFile datasource, Map<String, String> renames, List<String> lines) {
        lines.add("SCHEMA >");
        List<Column> columns = datasource.columns();
        for (int i = 0; i < columns.size(); i++) {
            String sql = columns.get(i).toSql();
            if (columns.get(i).defaultValue() != null) {
                sql = VersionedNames.rewrite(sql, renames);
            }
            lines.add(INDENT + sql + (i < columns.size() - 1 ? "," : ""));
        }
        lines.add("");
        if (!datasource.indexes().isEmpty()) {
            lines.add("INDEXES >");
            for (Index index : datasource.indexes()) {
                lines.add(INDENT + index.toSql().substring("INDEX ".length()));
            }
            lines.add("");
        }
        String ttl = datasource.engine() == null ? null : datasource.engine().settings().get("ttl");
        if (ttl != null) {
            lines.add("ENGINE_TTL " + quoted(ttl));
        }
    }

    private static void pipe(PipeFile pipe, Map<String, String> renames, List<String> lines) {
        block("DESCRIPTION", pipe.description(), lines);
        NodeType kind = pipe.kind();
        if (kind == NodeType.ENDPOINT || kind == NodeType.COPY) {
            pipe.tokens().stream().filter(grant -> grant.permission().equalsIgnoreCase("READ"))
                    .map(TokenGrant::tokenName).distinct().sorted()
                    .forEach(token -> lines.add("TOKEN " + quoted(token) + " READ"));
            if (!pipe.tokens().isEmpty()) {
                lines.add("");
            }
        }
        Node endpoint = pipe.endpointNode().orElse(null);
        for (Node node : pipe.nodes()) {
            lines.add("NODE " + node.name());
            block("DESCRIPTION", node.description(), lines);
            block("SQL", VersionedNames.rewrite(node.sql().text(), renames), lines);
            NodeType type = node == endpoint ? NodeType.ENDPOINT : node.type();
            if (type != NodeType.STANDARD) {
                lines.add("TYPE " + type.apiName());
                outputSettings(node, type, renames, lines);
                lines.add("");
            }
        }
    }

    private static void outputSettings(Node node, NodeType type, Map<String, String> renames, List<String> lines) {
        Map<String, String> settings = new TreeMap<>();
        node.settings().forEach((key, setting) -> {
            if (key.equals("engine") || key.startsWith("engine_")) {
                settings.put(key.toUpperCase(Locale.ROOT), setting.value());
            }
        });
        if (type == NodeType.MATERIALIZED) {
            node.materializedDatasource().ifPresent(ds -> lines.add("DATASOURCE " + renames.getOrDefault(ds, ds)));
        } else if (type == NodeType.COPY) {
            node.copyTargetDatasource().ifPresent(ds -> lines.add("TARGET_DATASOURCE "
                    + renames.getOrDefault(ds, ds)));
            String mode = node.setting("copy_mode").or(() -> node.setting("mode")).filter(m -> !m.isBlank())
                    .orElse("append");
            String schedule = node.setting("copy_schedule").filter(s -> !s.isBlank() && !s.equalsIgnoreCase("None"))
                    .orElse("@on-demand");
            lines.add("COPY_MODE " + mode.strip().toLowerCase(Locale.ROOT));
            lines.add("COPY_SCHEDULE " + quoted(schedule));
        }
        settings.forEach((key, value) -> lines.add(key + " " + quoted(value)));
    }

    private static void block(String instruction, String text, List<String> lines) {
        if (text == null || text.isBlank()) {
            return;
        }
        lines.add(instruction + " >");
        normalizedBlock(text).forEach(line -> lines.add(INDENT + line));
        lines.add("");
    }

    /**
     * The lines of a block without blank lines and trailing spaces, shifted left by their common indentation (a
     * template's {@code %} line does not count).
     */
    static List<String> normalizedBlock(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String stripped = line.stripTrailing();
            if (!stripped.isBlank()) {
                kept.add(stripped.replace("\t", INDENT));
            }
        }
        int common = Integer.MAX_VALUE;
        for (String line : kept) {
            if (!line.strip().equals("%")) {
                common = Math.min(common, line.length() - line.stripLeading().length());
            }
        }
        int shift = common == Integer.MAX_VALUE ? 0 : common;
        List<String> out = new ArrayList<>();
        for (String line : kept) {
            out.add(line.strip().equals("%") ? "%" : line.substring(shift));
        }
        return out;
    }

    private static String quoted(String value) {
        return "\"" + value.strip().replaceAll("\\s+", " ") + "\"";
    }
}

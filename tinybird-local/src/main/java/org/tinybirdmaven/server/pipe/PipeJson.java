package org.tinybirdmaven.server.pipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.query.Templates;
import org.tinybirdmaven.sql.SqlTableScanner;
import org.tinybirdmaven.sql.TableReference;
import org.tinybirdmaven.syntax.SyntaxException;
import org.tinybirdmaven.template.TemplateParameter;

/** Pipes and nodes as the Pipes API shows them (spec §5.1). */
final class PipeJson {

    private PipeJson() {}

    /**
     * @param datasources the workspace's datasources, to name copy targets by id
     * @param dependencies whether to fill {@code nodes[].dependencies}
     */
    static Map<String, Object> pipe(PipeRecord pipe, String workspaceId, Map<String, DatasourceRecord> datasources,
                                    boolean dependencies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", pipe.id());
        json.put("name", pipe.name());
        json.put("description", pipe.description());
        json.put("type", pipe.type());
        json.put("endpoint", pipe.nodes().stream().filter(n -> n.nodeType().equals("endpoint")).map(NodeRecord::id)
                .findFirst().orElse(null));
        json.put("created_at", pipe.createdAt());
        json.put("updated_at", pipe.updatedAt());
        json.put("parent", null);
        NodeRecord copy = pipe.nodes().stream().filter(n -> n.nodeType().equals("copy")).findFirst().orElse(null);
        DatasourceRecord copyTarget = copy == null ? null : datasources.get(copy.settings().get("target_datasource"));
        json.put("copy_node", copy == null ? null : copy.id());
        json.put("copy_target_datasource", copyTarget == null ? null : copyTarget.id());
        json.put("copy_target_workspace", copy == null ? null : workspaceId);
        Map<String, Object> schedule = new LinkedHashMap<>();
        if (copy != null && !CopyJobs.schedule(copy).equals(CopyJobs.ON_DEMAND)) {
            schedule.put("cron", CopyJobs.schedule(copy));
            schedule.put("timezone", "Etc/UTC");
        }
        json.put("schedule", schedule);
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeRecord node : pipe.nodes()) {
            nodes.add(node(node, dependencies));
        }
        json.put("nodes", nodes);
        return json;
    }

    static Map<String, Object> node(NodeRecord node, boolean dependencies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", node.id());
        json.put("name", node.name());
        json.put("sql", node.sql());
        json.put("description", node.description());
        json.put("materialized", node.materialized());
        json.put("cluster", null);
        json.put("tags", Map.of());
        json.put("created_at", node.createdAt());
        json.put("updated_at", node.updatedAt());
        json.put("version", 0);
        json.put("project", null);
        json.put("result", null);
        json.put("ignore_sql_errors", false);
        json.put("node_type", node.nodeType());
        json.put("dependencies", dependencies ? dependencies(node) : List.of());
        json.put("params", params(node));
        if (node.nodeType().equals("copy")) {
            json.put("mode", CopyJobs.mode(node));
        }
        return json;
    }

    /** The tables the node's SQL reads (also inside template statements), qualified ones with their database. */
    static List<String> dependencies(NodeRecord node) {
        String sql = Templates.isTemplate(node.sql()) ? node.sql().substring(node.sql().indexOf('%') + 1)
                : node.sql();
        Set<String> names = new LinkedHashSet<>();
        try {
            for (TableReference reference : SqlTableScanner.scan(sql)) {
                names.add(reference.qualifiedName());
            }
        } catch (SyntaxException e) {
            // A node saved with ignore_sql_errors may not scan; it then shows no dependencies.
            return List.of();
        }
        return List.copyOf(names);
    }

    /** The request parameters of a templated node (spec §4.8); none for plain SQL. */
    static List<Map<String, Object>> params(NodeRecord node) {
        if (!Templates.isTemplate(node.sql())) {
            return List.of();
        }
        List<TemplateParameter> parameters;
        try {
            parameters = Templates.parse(node.sql()).parameters();
        } catch (SyntaxException e) {
            return List.of();
        }
        List<Map<String, Object>> json = new ArrayList<>();
        for (TemplateParameter parameter : parameters) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", parameter.name());
            entry.put("type", parameter.type());
            entry.put("default", parameter.defaultValue());
            putIfPresent(entry, "description", parameter.description());
            putIfPresent(entry, "required", parameter.required());
            if (!parameter.enumValues().isEmpty()) {
                entry.put("enum", parameter.enumValues());
            }
            putIfPresent(entry, "example", parameter.example());
            putIfPresent(entry, "format", parameter.format());
            putIfPresent(entry, "used_in", parameter.usedIn());
            json.add(entry);
        }
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    /** Keeps only {@code attributes} of {@code json} (the {@code attrs}/{@code node_attrs} parameters). */
    static Map<String, Object> only(Map<String, Object> json, Set<String> attributes) {
        if (attributes.isEmpty()) {
            return json;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        json.forEach((key, value) -> {
            if (attributes.contains(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}

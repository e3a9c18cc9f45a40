package org.tinybirdmaven.server.pipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.query.Templates;

/**
 * A node as a request describes it, before it is checked against the rest of the pipe and the workspace.
 *
 * @param settings every other parameter of the node, as text ({@code datasource}, {@code engine*},
 *                 {@code target_datasource}, {@code copy_schedule}, {@code mode} …)
 */
record NodeDraft(String name, String sql, String description, String type, Map<String, String> settings) {

    /** Node names follow the datafile grammar: a letter or underscore, then letters, digits and underscores. */
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> TYPES = Set.of("standard", "endpoint", "materialized", "copy");
    private static final Set<String> NOT_SETTINGS = Set.of("name", "sql", "description", "type", "node_type");
    private static final Set<String> PARAM_SETTINGS = Set.of("datasource", "engine", "target_datasource",
            "copy_schedule", "schedule_cron", "mode", "copy_mode");

    NodeDraft {
        settings = Map.copyOf(settings);
    }

    /** A node of the JSON body of {@code POST /v0/pipes}. */
    static NodeDraft fromJson(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.badRequest("Each node must be a JSON object");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!NOT_SETTINGS.contains(field.getKey()) && !field.getValue().isNull()) {
                settings.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText()
                        : field.getValue().toString());
            }
        }
        String type = text(node, "type");
        return new NodeDraft(text(node, "name"), text(node, "sql"), text(node, "description"),
                type == null ? text(node, "node_type") : type, settings);
    }

    /**
     * A node described by request parameters ({@code POST /v0/pipes/{pipe}/nodes}): only the parameters that configure
     * nodes become settings, not the request options around them ({@code token}, {@code populate} …).
     */
    static NodeDraft fromParams(String name, String sql, Map<String, String> params) {
        Map<String, String> settings = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            String lower = key.toLowerCase(Locale.ROOT);
            if (PARAM_SETTINGS.contains(lower) || lower.startsWith("engine_")) {
                settings.put(lower, value);
            }
        });
        return new NodeDraft(name, sql, params.get("description"), params.get("type"), settings);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The node type in Tinybird's lower-case spelling; no type, {@code default} and {@code standard} are standard. */
    String normalizedType() {
        if (type == null || type.isBlank()) {
            return "standard";
        }
        String lower = type.strip().toLowerCase(Locale.ROOT);
        return lower.equals("default") ? "standard" : lower;
    }

    /** Checks what can be checked on the node alone. */
    void validate() {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("Node name is empty");
        }
        if (!NODE_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("Invalid node name \"" + name + "\". Name must start with a letter or an"
                    + " underscore and contain only letters, numbers, and underscores.");
        }
        if (sql == null || sql.isBlank()) {
            throw ApiException.badRequest("The SQL of node '" + name + "' is empty");
        }
        String nodeType = normalizedType();
        if (!TYPES.contains(nodeType)) {
            throw ApiException.badRequest("Node '" + name + "' has type '" + type + "'; this server supports"
                    + " the node types standard, endpoint, materialized and copy");
        }
        if (nodeType.equals("materialized") && Templates.isTemplate(sql)) {
            throw ApiException.badRequest("Materialized nodes don't support templates. Please remove any `{% ... %}`"
                    + " template code or the `%` mark from this pipe node.");
        }
        if (nodeType.equals("materialized") && blank(settings.get("datasource"))) {
            throw ApiException.badRequest("The 'datasource' parameter is mandatory.");
        }
        if (nodeType.equals("copy") && blank(settings.get("target_datasource"))) {
            throw ApiException.badRequest("The 'target_datasource' parameter is mandatory.");
        }
    }

    NodeRecord toRecord(String now) {
        return new NodeRecord(Ids.resourceId(), name, sql, description, normalizedType(), settings, now, now, null);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package org.tinybirdmaven.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinybirdmaven.datafile.DatasourceFile;
import org.tinybirdmaven.datafile.Node;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.datafile.Setting;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Index;
import org.tinybirdmaven.sql.VersionedNames;

/**
 * What the Classic CLI sends to create a resource: the parameters of {@code POST /v0/datasources} for a
 * {@code .datasource} and the JSON body of {@code POST /v0/pipes} for a {@code .pipe}, with references to versioned
 * resources renamed to {@code name__vN} the way the CLI renames them.
 */
public final class ResourceRequests {

    /** IMPORT_* instructions and the API parameters the CLI sends them as. */
    private static final Map<String, String> IMPORT_PARAMETERS = Map.of(
            "import_service", "service", "import_connection_name", "connection", "import_schedule", "cron",
            "import_strategy", "mode", "import_query", "query", "import_external_datasource", "external_data_source",
            "import_bucket_uri", "bucket_uri", "import_from_timestamp", "from_time",
            "import_table_arn", "dynamodb_table_arn", "import_export_bucket", "dynamodb_export_bucket");

    /** EXPORT_* node settings and the pipe body keys they become. */
    private static final Map<String, String> EXPORT_PARAMETERS = Map.of(
            "export_service", "service", "export_connection_name", "connection", "export_schedule", "schedule_cron",
            "export_bucket_uri", "path", "export_file_template", "file_template", "export_format", "format",
            "export_compression", "compression", "export_strategy", "strategy",
            "export_write_strategy", "write_strategy", "export_kafka_topic", "kafka_topic");

    private ResourceRequests() {}

    /** The parameters of {@code POST /v0/datasources} (mode=create) for {@code datasource}. */
    public static Map<String, String> datasourceParameters(DatasourceFile datasource, Map<String, String> renames) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("name", datasource.remoteName());
        if (datasource.description() != null) {
            parameters.put("description", datasource.description());
        }
        List<String> columns = new ArrayList<>();
        for (Column column : datasource.columns()) {
            columns.add(column.defaultValue() == null ? column.toSql()
                    : VersionedNames.rewrite(column.toSql(), renames));
        }
        parameters.put("schema", String.join(", ", columns));
        if (!datasource.isKafka()) {
            parameters.put("format", datasource.hasJsonPaths() ? "ndjson" : "csv");
        }
        if (!datasource.indexes().isEmpty()) {
            parameters.put("indexes", String.join("\n", datasource.indexes().stream().map(Index::toSql).toList()));
        }
        for (Setting setting : datasource.engineSettings()) {
            parameters.put(setting.key(), setting.value());
        }
        for (Setting setting : datasource.settings().values()) {
            String key = setting.key();
            if (key.startsWith("kafka_")) {
                parameters.put(key, setting.value());
            } else if (IMPORT_PARAMETERS.containsKey(key)) {
                parameters.put(IMPORT_PARAMETERS.get(key), importValue(key, setting.value()));
            } else if (key.equals("tags")) {
                parameters.putAll(operationalTags(setting.value()));
            }
        }
        if (datasource.isKafka()) {
            parameters.put("service", "kafka");
        }
        return parameters;
    }

    /** S3/GCS imports run once on demand: the CLI sends {@code @once} for {@code @on-demand}. */
    private static String importValue(String key, String value) {
        return key.equals("import_schedule") && value.equals("@on-demand") ? "@once" : value;
    }

    /** The JSON body of {@code POST /v0/pipes} for {@code pipe}, as plain maps and lists. */
    public static Map<String, Object> pipeBody(PipeFile pipe, Map<String, String> renames) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", pipe.remoteName());
        body.put("description", pipe.description());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (Node node : pipe.nodes()) {
            nodes.add(nodeBody(node, renames));
        }
        body.put("nodes", nodes);
        return body;
    }

    private static Map<String, Object> nodeBody(Node node, Map<String, String> renames) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", node.name());
        json.put("sql", VersionedNames.rewrite(node.sql().text(), renames));
        json.put("description", node.description());
        json.put("type", node.type().apiName());
        for (Setting setting : node.settings().values()) {
            String key = setting.key();
            String value = setting.value();
            switch (key) {
                case "type" -> { }
                case "datasource", "target_datasource" -> json.put(key, renames.getOrDefault(value, value));
                case "copy_schedule" -> json.put(key, value);
                case "copy_mode" -> json.put("mode", value.toLowerCase(Locale.ROOT));
                case "tags" -> json.putAll(operationalTags(value));
                default -> {
                    if (key.equals("engine") || key.startsWith("engine_") || key.startsWith("kafka_")) {
                        json.put(key, value);
                    } else if (EXPORT_PARAMETERS.containsKey(key)) {
                        json.put(EXPORT_PARAMETERS.get(key), exportValue(key, value));
                    } else {
                        json.put(key, value);
                    }
                }
            }
        }
        if (node.type() == NodeType.STREAM) {
            json.put("service", "kafka");
        }
        return json;
    }

    private static String exportValue(String key, String value) {
        return key.equals("export_schedule") && value.equals("@on-demand") ? "" : value;
    }

    /** {@code with_staging=true&x=1} → the parameters it holds. */
    private static Map<String, String> operationalTags(String joined) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : joined.split("&")) {
            int equals = tag.indexOf('=');
            tags.put(tag.substring(0, equals).strip(), tag.substring(equals + 1).strip());
        }
        return tags;
    }
}

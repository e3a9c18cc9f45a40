package org.tinybirdmaven.datafile;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every instruction the Classic datafile parser knows, the kinds of file that accept it, and whether a pipe needs a
 * preceding {@code NODE} for it. Classic shares one instruction table between all kinds; we additionally reject an
 * instruction that means nothing in the kind at hand (an {@code SQL} block in a datasource, say), because Classic
 * would silently drop it.
 */
final class Instructions {

    static final Set<String> ENGINE_SETTINGS = Set.of(
            "engine_partition_key", "engine_sorting_key", "engine_primary_key", "engine_sampling_key", "engine_ttl",
            "engine_settings", "engine_ver", "engine_is_deleted", "engine_sign", "engine_version", "engine_columns",
            "engine_join_strictness", "engine_join_type", "engine_key_columns");

    /** Legacy spellings Classic still accepts but never turns into engine arguments. */
    static final Set<String> LEGACY_ENGINE_SETTINGS = Set.of(
            "partition_key", "sorting_key", "primary_key", "sampling_key", "ttl");

    static final Set<String> KAFKA_SETTINGS = Set.of(
            "kafka_connection_name", "kafka_bootstrap_servers", "kafka_key", "kafka_secret",
            "kafka_schema_registry_url", "kafka_sasl_mechanism", "kafka_ssl_ca_pem", "kafka_security_protocol",
            "kafka_topic", "kafka_group_id", "kafka_auto_offset_reset", "kafka_store_raw_value",
            "kafka_store_headers", "kafka_store_binary_headers", "kafka_target_partitions", "kafka_key_format",
            "kafka_value_format", "kafka_key_avro_deserialization", "kafka_sasl_oauthbearer_method",
            "kafka_sasl_oauthbearer_aws_region", "kafka_sasl_oauthbearer_aws_role_arn",
            "kafka_sasl_oauthbearer_aws_external_id");

    static final Set<String> IMPORT_SETTINGS = Set.of(
            "import_service", "import_connection_name", "import_schedule", "import_strategy", "import_query",
            "import_external_datasource", "import_bucket_uri", "import_from_timestamp", "import_table_arn",
            "import_export_bucket");

    static final Set<String> EXPORT_SETTINGS = Set.of(
            "export_service", "export_connection_name", "export_schedule", "export_bucket_uri",
            "export_file_template", "export_format", "export_compression", "export_strategy",
            "export_write_strategy", "export_kafka_topic");

    /** Instructions a pipe accepts only after a {@code NODE}. */
    static final Set<String> NODE_INSTRUCTIONS;

    private static final Map<String, Set<DatafileKind>> KINDS = new HashMap<>();

    static {
        Set<DatafileKind> all = EnumSet.of(DatafileKind.DATASOURCE, DatafileKind.PIPE, DatafileKind.TOKEN);
        Set<DatafileKind> datasource = EnumSet.of(DatafileKind.DATASOURCE);
        Set<DatafileKind> pipe = EnumSet.of(DatafileKind.PIPE);
        Set<DatafileKind> datasourceAndPipe = EnumSet.of(DatafileKind.DATASOURCE, DatafileKind.PIPE);
        for (String common : Set.of("description", "version", "include", "from", "source", "maintainer", "test")) {
            KINDS.put(common, all);
        }
        KINDS.put("token", datasourceAndPipe);
        KINDS.put("tags", datasourceAndPipe);
        for (String dsOnly : Set.of("schema", "indexes", "indices", "shared_with", "forward_query", "backfill")) {
            KINDS.put(dsOnly, datasource);
        }
        LEGACY_ENGINE_SETTINGS.forEach(key -> KINDS.put(key, datasource));
        // KEY (Join tables keyed by a column) was an instruction of older CLIs, so it still ends a block.
        KINDS.put("key", datasource);
        IMPORT_SETTINGS.forEach(key -> KINDS.put(key, datasource));
        // Pipes use KAFKA_CONNECTION_NAME/KAFKA_TOPIC for TYPE stream nodes.
        KAFKA_SETTINGS.forEach(key -> KINDS.put(key, datasourceAndPipe));
        KINDS.put("engine", datasourceAndPipe);
        ENGINE_SETTINGS.forEach(key -> KINDS.put(key, datasourceAndPipe));
        for (String pipeOnly : Set.of("node", "sql", "type", "datasource", "target_datasource", "copy_schedule",
                "copy_mode", "mode", "deployment_method")) {
            KINDS.put(pipeOnly, pipe);
        }
        EXPORT_SETTINGS.forEach(key -> KINDS.put(key, pipe));
        KINDS.put("filter", EnumSet.of(DatafileKind.PIPE, DatafileKind.TOKEN));
        KINDS.put("scope", EnumSet.of(DatafileKind.TOKEN));
        KINDS.put("resource", EnumSet.of(DatafileKind.TOKEN));
        // Rejected with its own message, but still an instruction: an unindented SETTINGS line ends a block.
        KINDS.put("settings", all);

        Set<String> nodeInstructions = new java.util.HashSet<>(Set.of("sql", "type", "datasource",
                "target_datasource", "copy_schedule", "copy_mode", "mode", "filter", "deployment_method", "engine"));
        nodeInstructions.addAll(ENGINE_SETTINGS);
        nodeInstructions.addAll(EXPORT_SETTINGS);
        nodeInstructions.addAll(KAFKA_SETTINGS);
        NODE_INSTRUCTIONS = Set.copyOf(nodeInstructions);
    }

    private Instructions() {}

    /** Whether {@code keyword} (lower-case) is an instruction in any kind of file; such a line ends a block. */
    static boolean isKnown(String keyword) {
        return KINDS.containsKey(keyword);
    }

    static boolean allowedIn(String keyword, DatafileKind kind) {
        return KINDS.getOrDefault(keyword, Set.of()).contains(kind);
    }

    /** The closest known instruction, for "did you mean" hints, or null when none is close. */
    static String suggestion(String keyword) {
        String best = null;
        // Short words are too easily "close" to something: allow one edit per four letters, two at most.
        int bestDistance = Math.min(2, Math.max(1, keyword.length() / 4)) + 1;
        for (String known : KINDS.keySet()) {
            int distance = editDistance(keyword, known);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = known;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

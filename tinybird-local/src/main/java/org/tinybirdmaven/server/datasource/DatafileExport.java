package org.tinybirdmaven.server.datasource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Index;
import org.tinybirdmaven.schema.SchemaParser;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.Scope;
import org.tinybirdmaven.server.catalog.TokenRecord;

/**
 * A datasource as a {@code .datasource} file, in the order Tinybird writes it: {@code TOKEN} lines (tokens that may
 * append to it), {@code DESCRIPTION}, {@code SCHEMA} with 4-space indented columns and their jsonpaths,
 * {@code ENGINE} and {@code ENGINE_*}, then {@code INDEXES}. The result parses back with tinybird-core's
 * {@code DatafileParser} to the same definition.
 */
final class DatafileExport {

    /** The order {@code ENGINE_*} lines are written in; any other setting follows in stored order. */
    private static final List<String> SETTING_ORDER = List.of("partition_key", "sorting_key", "primary_key",
            "sampling_key", "ttl", "settings", "ver", "is_deleted", "sign", "version", "columns", "join_strictness",
            "join_type", "key_columns");

    private DatafileExport() {}

    static String of(DatasourceRecord record, List<TokenRecord> workspaceTokens) {
        List<String> doc = new ArrayList<>();
        for (TokenRecord token : workspaceTokens) {
            if (token.has(Scope.DATASOURCES_APPEND, record.name())) {
                doc.add("TOKEN \"" + token.name() + "\" APPEND\n");
            }
        }
        String description = record.description() == null ? "" : record.description().strip();
        if (!description.isEmpty()) {
            doc.add("DESCRIPTION >");
            // Like Tinybird, only the first line is indented: the parser keeps the inner indentation of a block, so
            // indenting the others would change the description read back.
            doc.add("    " + description);
            doc.add("");
        }
        doc.add("SCHEMA >");
        List<Column> columns = SchemaParser.parse(record.schema());
        doc.add(columns.stream().map(column -> "    " + column.toSql()).collect(Collectors.joining(",\n")));
        doc.add("");
        doc.add("ENGINE " + quoted(record.engine()));
        for (Map.Entry<String, String> setting : orderedSettings(record.engineSettings())) {
            doc.add("ENGINE_" + setting.getKey().toUpperCase(java.util.Locale.ROOT) + " " + quoted(setting.getValue()));
        }
        List<Index> indexes = DatasourceDefinition.parseIndexes(record.indexes());
        if (!indexes.isEmpty()) {
            doc.add("");
            doc.add("INDEXES >");
            doc.add(indexes.stream().map(index -> "    " + index.toSql().substring("INDEX ".length()))
                    .collect(Collectors.joining(",\n")));
        }
        doc.add("");
        return String.join("\n", doc);
    }

    private static List<Map.Entry<String, String>> orderedSettings(Map<String, String> settings) {
        List<Map.Entry<String, String>> ordered = new ArrayList<>();
        for (String key : SETTING_ORDER) {
            if (settings.containsKey(key)) {
                ordered.add(Map.entry(key, settings.get(key)));
            }
        }
        settings.forEach((key, value) -> {
            if (!SETTING_ORDER.contains(key)) {
                ordered.add(Map.entry(key, value));
            }
        });
        return ordered;
    }

    /**
     * A single-line value in quotes, so that spaces and {@code #} survive; single quotes when the value holds a
     * double quote (datafile values have no escaping).
     */
    private static String quoted(String value) {
        return value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
    }
}

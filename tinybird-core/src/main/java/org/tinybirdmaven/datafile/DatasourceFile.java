package org.tinybirdmaven.datafile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.Engine;
import org.tinybirdmaven.schema.Index;

/**
 * A {@code .datasource} file.
 *
 * @param engine          the validated engine, or null when the ENGINE lines were invalid (an error was reported)
 * @param settings        connector and other key/value instructions by lower-case key ({@code kafka_*},
 *                        {@code import_*}, {@code forward_query}, {@code backfill}, {@code tags} for operational tags)
 * @param filteringTags   TAGS entries without {@code =}
 */
public record DatasourceFile(Path path, String name, Integer version, String description, List<TokenGrant> tokens,
                             List<String> filteringTags, List<Column> columns, TextOrigin schemaOrigin,
                             List<Index> indexes, Engine engine, List<Setting> engineSettings,
                             Map<String, Setting> settings, List<String> sharedWith, List<Path> includes)
        implements Datafile {

    public DatasourceFile {
        tokens = List.copyOf(tokens);
        filteringTags = List.copyOf(filteringTags);
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        engineSettings = List.copyOf(engineSettings);
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        sharedWith = List.copyOf(sharedWith);
        includes = List.copyOf(includes);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).map(Setting::value);
    }

    public boolean isKafka() {
        return settings.containsKey("kafka_connection_name");
    }

    /** Any column has a jsonpath: the datasource ingests NDJSON (or Parquet) rather than CSV. */
    public boolean hasJsonPaths() {
        return columns.stream().anyMatch(column -> column.jsonpath() != null);
    }
}

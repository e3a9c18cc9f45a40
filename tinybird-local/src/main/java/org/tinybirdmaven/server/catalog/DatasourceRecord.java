package org.tinybirdmaven.server.catalog;

import java.util.List;
import java.util.Map;

/**
 * A datasource of a workspace: what was asked for at creation, from which the ClickHouse table was built.
 *
 * @param schema         the column definitions in Tinybird's schema syntax (parsed with the schema grammar)
 * @param format         {@code csv} or {@code ndjson} (jsonpaths present)
 * @param engine         the engine name, e.g. {@code MergeTree}
 * @param engineSettings the {@code engine_*} parameters by suffix ({@code sorting_key}, {@code ttl} …), in order
 * @param indexes        data-skipping indexes, one per line, as sent
 */
public record DatasourceRecord(String id, String name, String description, String schema, String format,
                               String engine, Map<String, String> engineSettings, String indexes,
                               Map<String, String> tags, List<String> sharedWith, String createdAt,
                               String updatedAt) {

    public DatasourceRecord {
        engineSettings = engineSettings == null ? Map.of() : new java.util.LinkedHashMap<>(engineSettings);
        tags = tags == null ? Map.of() : new java.util.LinkedHashMap<>(tags);
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }
}

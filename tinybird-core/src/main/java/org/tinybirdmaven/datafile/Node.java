package org.tinybirdmaven.datafile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code NODE} of a pipe.
 *
 * @param settings the node's key/value instructions by lower-case key ({@code datasource}, {@code target_datasource},
 *                 {@code copy_schedule}, {@code copy_mode}, {@code engine}, {@code engine_*}, {@code export_*},
 *                 {@code kafka_*}, {@code tags} for operational tags, {@code filter}, {@code deployment_method})
 */
public record Node(String name, Location location, String description, Sql sql, NodeType type,
                   Map<String, Setting> settings) {

    public Node {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).map(Setting::value);
    }

    /** The target datasource of a materialized node. */
    public Optional<String> materializedDatasource() {
        return setting("datasource");
    }

    /** The target datasource of a copy node. */
    public Optional<String> copyTargetDatasource() {
        return setting("target_datasource");
    }

    /** {@code engine} and {@code engine_*} settings, used to create a materialized target that has no datafile. */
    public Map<String, String> engineSettings() {
        Map<String, String> engine = new LinkedHashMap<>();
        settings.forEach((key, setting) -> {
            if (key.equals("engine") || key.startsWith("engine_")) {
                engine.put(key, setting.value());
            }
        });
        return engine;
    }
}

package org.tinybirdmaven.server.catalog;

import java.util.Map;

/**
 * A node of a pipe.
 *
 * @param nodeType     {@code standard}, {@code endpoint}, {@code materialized}, {@code copy}, {@code sink} or
 *                     {@code stream}
 * @param settings     the node's other parameters as sent ({@code datasource}, {@code engine_*},
 *                     {@code target_datasource}, {@code copy_schedule}, {@code mode} …)
 * @param materialized for a materialized node whose view exists: the id of the datasource it writes into (Tinybird's
 *                     {@code materialized} attribute); a datasource with such a node must not be deleted without
 *                     {@code force}. Null otherwise.
 */
public record NodeRecord(String id, String name, String sql, String description, String nodeType,
                         Map<String, String> settings, String createdAt, String updatedAt, String materialized) {

    public NodeRecord {
        settings = settings == null ? Map.of() : new java.util.LinkedHashMap<>(settings);
    }
}

package org.tinybirdmaven.server.catalog;

import java.util.List;

/** A pipe of a workspace; its type follows from its nodes (at most one endpoint, materialized or copy node). */
public record PipeRecord(String id, String name, String description, List<NodeRecord> nodes, String createdAt,
                         String updatedAt) {

    public PipeRecord {
        nodes = List.copyOf(nodes);
    }

    /** The pipe type of the API: the type of its output node, or {@code default}. */
    public String type() {
        return nodes.stream().map(NodeRecord::nodeType).filter(type -> !type.equals("standard")).findFirst()
                .orElse("default");
    }
}

package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A pipe as {@code /v0/pipes} describes it.
 *
 * @param type     {@code default}, {@code endpoint}, {@code materialized}, {@code copy}, {@code sink}, …
 * @param endpoint the id of the published node, or null
 * @param url      the endpoint URL (on single-pipe answers), or null
 */
public record Pipe(String id, String name, String description, String type, String endpoint, List<Node> nodes,
                   String url, JsonNode raw) {

    /**
     * One node.
     *
     * @param nodeType     {@code standard}, {@code endpoint}, {@code materialized}, {@code copy}, …
     * @param materialized the target datasource id of a materialized node, or null
     * @param dependencies the tables the node reads (filled by {@code pipes(true)})
     */
    public record Node(String id, String name, String sql, String description, String nodeType,
                       String materialized, List<String> dependencies, JsonNode raw) {

        static Node from(JsonNode json) {
            return new Node(Json.text(json, "id"), Json.text(json, "name"), Json.text(json, "sql"),
                    Json.text(json, "description"), Json.text(json, "node_type"), Json.text(json, "materialized"),
                    Json.texts(json, "dependencies"), json);
        }

        @Override
        public String toString() {
            return "Node[name=" + name + ", type=" + nodeType + "]";
        }
    }

    static Pipe from(JsonNode json) {
        return new Pipe(Json.text(json, "id"), Json.text(json, "name"), Json.text(json, "description"),
                Json.text(json, "type"), Json.text(json, "endpoint"), Json.list(json, "nodes", Node::from),
                Json.text(json, "url"), json);
    }

    public Optional<Node> node(String nameOrId) {
        return nodes.stream().filter(n -> nameOrId.equals(n.name()) || nameOrId.equals(n.id())).findFirst();
    }

    @Override
    public String toString() {
        return "Pipe[name=" + name + ", type=" + type + ", nodes=" + nodes + "]";
    }
}

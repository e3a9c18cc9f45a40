package org.tinybirdmaven.datafile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A {@code .pipe} file: an ordered list of nodes, at most one of which is an output (endpoint, MV, copy, sink). */
public record PipeFile(Path path, String name, Integer version, String description, List<TokenGrant> tokens,
                       List<String> filteringTags, List<Node> nodes, List<Path> includes) implements Datafile {

    public PipeFile {
        tokens = List.copyOf(tokens);
        filteringTags = List.copyOf(filteringTags);
        nodes = List.copyOf(nodes);
        includes = List.copyOf(includes);
    }

    /** The node with a non-standard TYPE, if any. */
    public Optional<Node> outputNode() {
        return nodes.stream().filter(node -> node.type() != NodeType.STANDARD).findFirst();
    }

    /**
     * What the pipe becomes when pushed: the output node's type, or {@link NodeType#ENDPOINT} for a pipe without one
     * (the Classic CLI publishes the last node of an untyped pipe).
     */
    public NodeType kind() {
        return outputNode().map(Node::type).orElse(NodeType.ENDPOINT);
    }

    /** The node a Classic push publishes as the endpoint: the {@code TYPE endpoint} node, else the last node. */
    public Optional<Node> endpointNode() {
        if (kind() != NodeType.ENDPOINT || nodes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(outputNode().orElse(nodes.get(nodes.size() - 1)));
    }
}

package org.tinybirdmaven.server.datasource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.sql.SqlTableScanner;
import org.tinybirdmaven.sql.TableReference;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Which pipes of a workspace depend on a datasource, from the catalog: a node reads it when its SQL names it
 * (tinybird-core's table scanner, templates included); a materialized node writes into it when its
 * {@code datasource} setting names it. Read under the catalog lock by the caller.
 *
 * @param readers     pipes with at least one node reading the datasource, and those nodes
 * @param upstream    materialized nodes that write into the datasource, by pipe (the datasource is their target)
 * @param downstream  materialized nodes of pipes that read the datasource (they are fed by it)
 */
record PipeDependencies(Map<PipeRecord, List<NodeRecord>> readers, Map<PipeRecord, List<NodeRecord>> upstream,
                        Map<PipeRecord, List<NodeRecord>> downstream) {

    static final String MATERIALIZED = "materialized";

    static PipeDependencies of(WorkspaceRecord workspace, String datasource) {
        Map<PipeRecord, List<NodeRecord>> readers = new LinkedHashMap<>();
        Map<PipeRecord, List<NodeRecord>> upstream = new LinkedHashMap<>();
        Map<PipeRecord, List<NodeRecord>> downstream = new LinkedHashMap<>();
        for (PipeRecord pipe : workspace.pipes.values()) {
            List<NodeRecord> reading = new ArrayList<>();
            List<NodeRecord> materialized = new ArrayList<>();
            for (NodeRecord node : pipe.nodes()) {
                if (reads(node, datasource)) {
                    reading.add(node);
                }
                if (MATERIALIZED.equals(node.nodeType())) {
                    materialized.add(node);
                    if (datasource.equals(node.settings().get("datasource"))) {
                        upstream.computeIfAbsent(pipe, p -> new ArrayList<>()).add(node);
                    }
                }
            }
            if (!reading.isEmpty()) {
                readers.put(pipe, reading);
                // A pipe's materialized node reads its earlier nodes, so any reading node feeds it.
                if (!materialized.isEmpty()) {
                    downstream.put(pipe, materialized);
                }
            }
        }
        return new PipeDependencies(readers, upstream, downstream);
    }

    boolean blocksDeletion() {
        return !upstream.isEmpty() || !downstream.isEmpty();
    }

    /** Every pipe involved, readers first. */
    List<PipeRecord> pipes() {
        List<PipeRecord> pipes = new ArrayList<>(readers.keySet());
        upstream.keySet().stream().filter(pipe -> !pipes.contains(pipe)).forEach(pipes::add);
        return pipes;
    }

    /** Every node involved, in pipe order. */
    List<NodeRecord> nodes() {
        List<NodeRecord> nodes = new ArrayList<>();
        for (PipeRecord pipe : pipes()) {
            for (NodeRecord node : readers.getOrDefault(pipe, List.of())) {
                nodes.add(node);
            }
            for (NodeRecord node : upstream.getOrDefault(pipe, List.of())) {
                if (!nodes.contains(node)) {
                    nodes.add(node);
                }
            }
        }
        return nodes;
    }

    private static boolean reads(NodeRecord node, String datasource) {
        if (node.sql() == null) {
            return false;
        }
        try {
            // A qualified name (other_workspace.events) is another workspace's table.
            return SqlTableScanner.scan(node.sql()).stream().filter(reference -> reference.database() == null)
                    .map(TableReference::name).anyMatch(datasource::equals);
        } catch (SyntaxException e) {
            // The pipes API validates node SQL; an unparseable node cannot be shown to read anything.
            return false;
        }
    }
}

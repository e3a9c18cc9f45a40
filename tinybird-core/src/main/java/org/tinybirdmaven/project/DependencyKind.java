package org.tinybirdmaven.project;

/** How one resource needs another. */
public enum DependencyKind {
    /** A node reads it (FROM, JOIN, IN, {@code table()}). */
    READS,
    /** {@code joinGet}/{@code dictGet} in a node or in a DEFAULT/MATERIALIZED column expression. */
    LOOKS_UP,
    /** A materialized node writes into it. */
    MATERIALIZES,
    /** A copy node writes into it. */
    COPIES
}

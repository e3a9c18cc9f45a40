package org.tinybirdmaven.graph;

import org.tinybirdmaven.project.DependencyKind;

/** How data moves along an arrow; the arrow points the way the data flows. */
public enum FlowKind {
    /** The target pipe reads the source (FROM, JOIN, IN, {@code table()}). */
    READS("reads", "#6b7280", ""),
    /** The target reads the source through {@code joinGet}/{@code dictGet}. */
    LOOKS_UP("looks up", "#6b7280", "2 3"),
    /** The source materialized view writes into the target datasource. */
    MATERIALIZES("materializes", "#7e22ce", ""),
    /** The source copy pipe writes into the target datasource. */
    COPIES("copies", "#0f766e", "6 3");

    private final String label;
    private final String colour;
    private final String dashes;

    FlowKind(String label, String colour, String dashes) {
        this.label = label;
        this.colour = colour;
        this.dashes = dashes;
    }

    static FlowKind of(DependencyKind kind) {
        return switch (kind) {
            case READS -> READS;
            case LOOKS_UP -> LOOKS_UP;
            case MATERIALIZES -> MATERIALIZES;
            case COPIES -> COPIES;
        };
    }

    /** Whether the resource that declares the dependency is the one the data flows out of. */
    boolean writes() {
        return this == MATERIALIZES || this == COPIES;
    }

    public String label() {
        return label;
    }

    public String colour() {
        return colour;
    }

    /** An SVG {@code stroke-dasharray}, empty for a solid line. */
    public String dashes() {
        return dashes;
    }
}

package org.tinybirdmaven.graph;

/** What a box in the graph stands for; each kind has its own shape and colours (see the legend). */
public enum ResourceKind {
    DATASOURCE("datasource", Shape.CYLINDER, "#dbeafe", "#1d4ed8"),
    TARGET_DATASOURCE("target datasource", Shape.CYLINDER, "#dcfce7", "#15803d"),
    SHARED_DATASOURCE("shared datasource", Shape.CYLINDER, "#cffafe", "#0e7490"),
    ENDPOINT("endpoint", Shape.STADIUM, "#ffedd5", "#c2410c"),
    MATERIALIZED_VIEW("materialized view", Shape.HEXAGON, "#f3e8ff", "#7e22ce"),
    COPY_PIPE("copy pipe", Shape.PARALLELOGRAM, "#ccfbf1", "#0f766e"),
    SINK_PIPE("sink pipe", Shape.FLAG, "#fce7f3", "#be185d"),
    UNKNOWN("unknown", Shape.RECTANGLE, "#ffffff", "#6b7280");

    /** Outlines that tell kinds apart without colour; Mermaid has a matching node shape for each. */
    public enum Shape { CYLINDER, STADIUM, HEXAGON, PARALLELOGRAM, FLAG, RECTANGLE }

    private final String label;
    private final Shape shape;
    private final String fill;
    private final String stroke;

    ResourceKind(String label, Shape shape, String fill, String stroke) {
        this.label = label;
        this.shape = shape;
        this.fill = fill;
        this.stroke = stroke;
    }

    /** The caption under a resource's name and in the legend. */
    public String label() {
        return label;
    }

    public Shape shape() {
        return shape;
    }

    public String fill() {
        return fill;
    }

    public String stroke() {
        return stroke;
    }

    /** A CSS class / Mermaid classDef name. */
    public String cssClass() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

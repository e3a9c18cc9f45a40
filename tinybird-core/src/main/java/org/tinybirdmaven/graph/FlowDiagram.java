package org.tinybirdmaven.graph;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tinybirdmaven.graph.LayeredLayout.Box;
import org.tinybirdmaven.graph.LayeredLayout.Point;
import org.tinybirdmaven.graph.LayeredLayout.Route;

/**
 * A project's data flow drawn as SVG: a title, a legend of the shapes, colours and arrows used, and the layered
 * drawing below it. Every box holds the resource's name and, under it, its kind; arrows carry what they do.
 */
public final class FlowDiagram {

    static final double NAME_SIZE = 14;
    static final double CAPTION_SIZE = 12;
    static final double LABEL_SIZE = 12;
    static final double NODE_HEIGHT = 48;
    static final double LABEL_HEIGHT = 18;
    private static final double PADDING = 14;
    private static final double SLANT = 14;
    private static final double RIM = 6;
    private static final double MARGIN = 24;
    private static final double ARROW = 9;
    private static final double MIN_WIDTH = 640;

    private final String title;
    private final DataFlow flow;
    private final LayeredLayout.Result layout;
    private final List<LegendEntry> legend = new ArrayList<>();
    private final double graphTop;
    private final double width;
    private final double height;

    /** One legend item at its place: a node sample ({@code kind}) or an arrow sample ({@code flowKind}). */
    record LegendEntry(Box box, ResourceKind kind, boolean dashed, FlowKind flowKind, String text) {}

    private FlowDiagram(String title, DataFlow flow) {
        this.title = title;
        this.flow = flow;
        List<LayeredLayout.Size> sizes = flow.items().stream()
                .map(item -> new LayeredLayout.Size(nodeWidth(item), NODE_HEIGHT)).toList();
        List<LayeredLayout.Link> links = flow.flows().stream().map(f -> new LayeredLayout.Link(f.from(), f.to(),
                new LayeredLayout.Size(TextWidth.sans(f.kind().label(), LABEL_SIZE) + 10, LABEL_HEIGHT))).toList();
        this.layout = LayeredLayout.compute(sizes, links);
        double contentWidth = Math.max(layout.width(), MIN_WIDTH);
        double legendBottom = placeLegend(contentWidth, MARGIN + 52);
        this.graphTop = legendBottom + 28;
        this.width = Math.ceil(contentWidth + 2 * MARGIN);
        this.height = Math.ceil(graphTop + layout.height() + MARGIN);
    }

    public static FlowDiagram of(String title, DataFlow flow) {
        return new FlowDiagram(title, flow);
    }

    public DataFlow flow() {
        return flow;
    }

    /** The layout in graph coordinates; the SVG draws it translated by {@link #graphOrigin()}. */
    public LayeredLayout.Result layout() {
        return layout;
    }

    public Point graphOrigin() {
        return new Point(MARGIN, graphTop);
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** The legend's boxes in SVG coordinates. */
    List<Box> legendBoxes() {
        return legend.stream().map(LegendEntry::box).toList();
    }

    private static double nodeWidth(DataFlow.Item item) {
        double text = Math.max(TextWidth.mono(item.name(), NAME_SIZE), TextWidth.sans(caption(item), CAPTION_SIZE));
        double extra = switch (item.kind().shape()) {
            case HEXAGON, PARALLELOGRAM, FLAG -> 2 * SLANT;
            case STADIUM -> NODE_HEIGHT / 2;
            default -> 0;
        };
        return Math.ceil(text + 2 * PADDING + extra);
    }

    private static String caption(DataFlow.Item item) {
        return caption(item.kind());
    }

    private static String caption(ResourceKind kind) {
        return kind == ResourceKind.UNKNOWN ? "not in project" : kind.label();
    }

    /** Lays the legend out in rows as wide as the drawing; returns its bottom. */
    private double placeLegend(double contentWidth, double top) {
        Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
        boolean external = false;
        for (DataFlow.Item item : flow.items()) {
            kinds.add(item.kind());
            external |= !item.inProject() && item.kind() != ResourceKind.UNKNOWN;
        }
        Set<FlowKind> flowKinds = EnumSet.noneOf(FlowKind.class);
        flow.flows().forEach(f -> flowKinds.add(f.kind()));
        List<LegendEntry> entries = new ArrayList<>();
        kinds.forEach(kind -> entries.add(new LegendEntry(null, kind, false, null, caption(kind))));
        if (external) {
            entries.add(new LegendEntry(null, ResourceKind.DATASOURCE, true, null,
                    "dashed: not defined in this project"));
        }
        flowKinds.forEach(kind -> entries.add(new LegendEntry(null, null, false, kind, kind.label())));
        double x = MARGIN;
        double y = top;
        for (LegendEntry entry : entries) {
            double entryWidth = 40 + 8 + TextWidth.sans(entry.text(), CAPTION_SIZE) + 24;
            if (x + entryWidth > MARGIN + contentWidth && x > MARGIN) {
                x = MARGIN;
                y += 30;
            }
            legend.add(new LegendEntry(new Box(x, y, 40, 22), entry.kind(), entry.dashed(), entry.flowKind(),
                    entry.text()));
            x += entryWidth;
        }
        return legend.isEmpty() ? top : y + 22;
    }

    public String svg() {
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\""
                + " height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">%n", width, height, width, height,
                TextWidth.SANS));
        svg.append("<title>").append(xml(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>%n", width,
                height));
        text(svg, MARGIN, MARGIN + 18, 18, "#111827", "font-weight=\"bold\"", title);
        text(svg, MARGIN, MARGIN + 40, CAPTION_SIZE, "#374151", "", summary());
        svg.append("<g class=\"legend\">\n");
        for (LegendEntry entry : legend) {
            Box box = entry.box();
            if (entry.kind() != null) {
                shape(svg, entry.kind(), box, entry.dashed());
            } else {
                Route sample = new Route(List.of(new Point(box.x(), box.centerY()),
                        new Point(box.right(), box.centerY())), null, false);
                edge(svg, entry.flowKind(), sample);
            }
            text(svg, box.right() + 8, box.centerY() + 4, CAPTION_SIZE, "#111827", "", entry.text());
        }
        svg.append("</g>\n");
        svg.append(String.format(Locale.ROOT, "<g class=\"graph\" transform=\"translate(%.1f %.1f)\">%n", MARGIN,
                graphTop));
        svg.append("<g class=\"edges\">\n");
        for (int e = 0; e < layout.routes().size(); e++) {
            DataFlow.Flow f = flow.flows().get(e);
            edge(svg, f.kind(), toOutlines(layout.routes().get(e), flow.items().get(f.from()).kind(),
                    layout.nodes().get(f.from()), flow.items().get(f.to()).kind(), layout.nodes().get(f.to())));
        }
        svg.append("</g>\n<g class=\"labels\">\n");
        for (int e = 0; e < layout.routes().size(); e++) {
            Box label = layout.routes().get(e).label();
            FlowKind kind = flow.flows().get(e).kind();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                    + " rx=\"4\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"0.75\"/>%n", label.x(), label.y(),
                    label.width(), label.height(), kind.colour()));
            text(svg, label.x() + label.width() / 2, label.y() + 13, LABEL_SIZE, kind.colour(),
                    "text-anchor=\"middle\"", kind.label());
        }
        svg.append("</g>\n<g class=\"nodes\">\n");
        for (int i = 0; i < flow.items().size(); i++) {
            DataFlow.Item item = flow.items().get(i);
            Box box = layout.nodes().get(i);
            svg.append("<g class=\"node ").append(item.kind().cssClass()).append("\"><title>")
                    .append(xml(item.file() == null ? item.name() + " (not defined in this project)" : item.file()))
                    .append("</title>\n");
            shape(svg, item.kind(), box, !item.inProject());
            double middle = box.x() + box.width() / 2;
            double top = box.y() + (item.kind().shape() == ResourceKind.Shape.CYLINDER ? RIM / 2 : 0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" font-family=\"%s\""
                    + " font-weight=\"bold\" fill=\"#111827\" text-anchor=\"middle\">%s</text>%n", middle, top + 21,
                    NAME_SIZE, TextWidth.MONO, xml(item.name())));
            text(svg, middle, top + 38, CAPTION_SIZE, "#374151", "text-anchor=\"middle\"", caption(item));
            svg.append("</g>\n");
        }
        svg.append("</g>\n</g>\n</svg>\n");
        return svg.toString();
    }

    private String summary() {
        long datasources = flow.items().stream().filter(i -> i.inProject() && i.kind().shape()
                == ResourceKind.Shape.CYLINDER).count();
        long pipes = flow.items().stream().filter(i -> i.inProject() && i.kind().shape()
                != ResourceKind.Shape.CYLINDER).count();
        return datasources + (datasources == 1 ? " datasource, " : " datasources, ") + pipes
                + (pipes == 1 ? " pipe" : " pipes") + "; arrows point the way data flows";
    }

    private static void text(StringBuilder svg, double x, double y, double size, String colour, String attributes,
                             String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" fill=\"%s\" %s>%s"
                + "</text>%n", x, y, size, colour, attributes, xml(text)));
    }

    private static void shape(StringBuilder svg, ResourceKind kind, Box b, boolean dashed) {
        String style = String.format(Locale.ROOT, "fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"%s", kind.fill(),
                kind.stroke(), dashed ? " stroke-dasharray=\"5 3\"" : "");
        double x = b.x();
        double y = b.y();
        double w = b.width();
        double h = b.height();
        double s = Math.min(SLANT, w / 4);
        switch (kind.shape()) {
            case RECTANGLE, STADIUM -> svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\" %s/>%n", x, y, w, h,
                    kind.shape() == ResourceKind.Shape.STADIUM ? h / 2 : 0.0, style));
            case CYLINDER -> {
                double r = Math.min(RIM, h / 4);
                svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f A%.1f %.1f 0 0 1 %.1f %.1f V%.1f"
                        + " A%.1f %.1f 0 0 1 %.1f %.1f Z\" %s/>%n", x, y + r, w / 2, r, x + w, y + r, y + h - r,
                        w / 2, r, x, y + h - r, style));
                svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f A%.1f %.1f 0 0 0 %.1f %.1f\""
                        + " fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", x, y + r, w / 2, r, x + w, y + r,
                        kind.stroke()));
            }
            case HEXAGON -> polygon(svg, style, x + s, y, x + w - s, y, x + w, y + h / 2, x + w - s, y + h, x + s,
                    y + h, x, y + h / 2);
            case PARALLELOGRAM -> polygon(svg, style, x + s, y, x + w, y, x + w - s, y + h, x, y + h);
            case FLAG -> polygon(svg, style, x, y, x + w, y, x + w, y + h, x, y + h, x + s, y + h / 2);
        }
    }

    private static void polygon(StringBuilder svg, String style, double... xy) {
        svg.append("<polygon points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            svg.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xy[i], xy[i + 1]));
        }
        svg.append("\" ").append(style).append("/>\n");
    }

    /**
     * Routes end on the boxes around the shapes; slanted and rounded shapes leave a gap there, which the first and
     * last runs are stretched to close, so arrows touch the outline.
     */
    private static Route toOutlines(Route route, ResourceKind fromKind, Box from, ResourceKind toKind, Box to) {
        List<Point> points = new ArrayList<>(route.points());
        points.set(0, onOutline(points.get(0), fromKind, from));
        points.set(points.size() - 1, onOutline(points.get(points.size() - 1), toKind, to));
        return new Route(points, route.label(), route.reversed());
    }

    private static Point onOutline(Point p, ResourceKind kind, Box box) {
        boolean left = Math.abs(p.x() - box.x()) < Math.abs(p.x() - box.right());
        double h = box.height();
        double fromCenter = Math.min(Math.abs(p.y() - box.centerY()), h / 2);
        double s = Math.min(SLANT, box.width() / 4);
        double inset = switch (kind.shape()) {
            case STADIUM -> h / 2 - Math.sqrt(h * h / 4 - fromCenter * fromCenter);
            case HEXAGON -> s * fromCenter / (h / 2);
            case PARALLELOGRAM -> left ? s * (box.bottom() - p.y()) / h : s * (p.y() - box.y()) / h;
            case FLAG -> left ? s * (1 - fromCenter / (h / 2)) : 0;
            case CYLINDER, RECTANGLE -> 0;
        };
        return new Point(p.x() + (left ? inset : -inset), p.y());
    }

    /**
     * The route as a path: straight through columns, a curve with horizontal ends across each gap, an arrowhead at
     * the end. The line stops where the arrowhead starts.
     */
    private static void edge(StringBuilder svg, FlowKind kind, Route route) {
        List<Point> points = route.points();
        Point end = points.get(points.size() - 1);
        double direction = route.reversed() ? -1 : 1;
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = i == points.size() - 1 ? new Point(end.x() - direction * ARROW, end.y()) : points.get(i);
            if (i == 0) {
                d.append(String.format(Locale.ROOT, "M%.1f %.1f", p.x(), p.y()));
            } else if (i % 2 == 1) {
                d.append(String.format(Locale.ROOT, " L%.1f %.1f", p.x(), p.y()));
            } else {
                Point q = points.get(i - 1);
                double half = (p.x() - q.x()) / 2;
                d.append(String.format(Locale.ROOT, " C%.1f %.1f %.1f %.1f %.1f %.1f", q.x() + half, q.y(),
                        p.x() - half, p.y(), p.x(), p.y()));
            }
        }
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
                d, kind.colour(), kind == FlowKind.MATERIALIZES || kind == FlowKind.COPIES ? "2" : "1.25",
                kind.dashes().isEmpty() ? "" : " stroke-dasharray=\"" + kind.dashes() + "\""));
        svg.append(String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>%n",
                end.x(), end.y(), end.x() - direction * ARROW, end.y() - 4.5, end.x() - direction * ARROW,
                end.y() + 4.5, kind.colour()));
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}

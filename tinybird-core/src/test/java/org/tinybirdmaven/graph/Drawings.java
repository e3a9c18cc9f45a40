package org.tinybirdmaven.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.tinybirdmaven.graph.LayeredLayout.Box;
import org.tinybirdmaven.graph.LayeredLayout.Point;
import org.tinybirdmaven.graph.LayeredLayout.Route;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Checks on drawings that a reader would make: nothing overlaps, every arrow joins its two boxes. */
final class Drawings {

    private static final double TOLERANCE = 0.01;

    private Drawings() {}

    /**
     * No two node boxes overlap; no label overlaps another label or a node; every route starts on its source's
     * outline and ends on its target's; its runs are horizontal and cross no box but its own label; its bends stay
     * clear of every box.
     */
    static void assertReadable(LayeredLayout.Result layout, List<LayeredLayout.Link> links) {
        List<Box> nodes = layout.nodes();
        List<Box> labels = layout.routes().stream().map(Route::label).filter(java.util.Objects::nonNull).toList();
        List<Box> boxes = new ArrayList<>(nodes);
        boxes.addAll(labels);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(boxes.get(i).overlaps(boxes.get(j))).as("%s overlaps %s", boxes.get(i), boxes.get(j))
                        .isFalse();
            }
        }
        for (int e = 0; e < links.size(); e++) {
            Route route = layout.routes().get(e);
            List<Point> points = route.points();
            Box from = nodes.get(links.get(e).from());
            Box to = nodes.get(links.get(e).to());
            assertThat(from.hasOnOutline(points.get(0), TOLERANCE)).as("edge %d starts on %s: %s", e, from, points)
                    .isTrue();
            assertThat(to.hasOnOutline(points.get(points.size() - 1), TOLERANCE))
                    .as("edge %d ends on %s: %s", e, to, points).isTrue();
            assertThat(points.size() % 2).isZero();
            for (int i = 0; i + 1 < points.size(); i++) {
                Point a = points.get(i);
                Point b = points.get(i + 1);
                if (i % 2 == 0) {
                    assertThat(a.y()).as("edge %d runs horizontally through a column", e).isEqualTo(b.y());
                    for (Box box : boxes) {
                        if (box != route.label() && crossesInterior(box, a, b)) {
                            throw new AssertionError("edge " + e + " runs through " + box + ": " + points);
                        }
                    }
                } else {
                    // a curve with horizontal ends stays within the rectangle its two ends span
                    Box span = new Box(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.abs(a.x() - b.x()),
                            Math.abs(a.y() - b.y()));
                    for (Box box : boxes) {
                        assertThat(box.right() <= span.x() + TOLERANCE || box.x() >= span.right() - TOLERANCE
                                || box.bottom() <= span.y() + TOLERANCE || box.y() >= span.bottom() - TOLERANCE)
                                .as("edge %d bends over %s within %s", e, box, span).isTrue();
                    }
                }
            }
        }
    }

    private static boolean crossesInterior(Box box, Point a, Point b) {
        double left = Math.min(a.x(), b.x());
        double right = Math.max(a.x(), b.x());
        return a.y() > box.y() + TOLERANCE && a.y() < box.bottom() - TOLERANCE && left < box.right() - TOLERANCE
                && right > box.x() + TOLERANCE;
    }

    /** Pairs of edges whose bends cross in the same gap: their top-to-bottom order flips. */
    static int crossings(LayeredLayout.Result layout) {
        List<double[]> bends = new ArrayList<>();
        for (Route route : layout.routes()) {
            List<Point> p = route.points();
            for (int i = 1; i + 1 < p.size(); i += 2) {
                boolean forward = p.get(i).x() < p.get(i + 1).x();
                Point a = forward ? p.get(i) : p.get(i + 1);
                Point b = forward ? p.get(i + 1) : p.get(i);
                bends.add(new double[] {a.x(), a.y(), b.x(), b.y()});
            }
        }
        int count = 0;
        for (int i = 0; i < bends.size(); i++) {
            for (int j = i + 1; j < bends.size(); j++) {
                double[] a = bends.get(i);
                double[] b = bends.get(j);
                if (a[0] == b[0] && a[2] == b[2] && (a[1] - b[1]) * (a[3] - b[3]) < 0) {
                    count++;
                }
            }
        }
        return count;
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    /** Every font size used in the SVG. */
    static List<Double> fontSizes(Document svg) {
        List<Double> sizes = new ArrayList<>();
        NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            sizes.add(Double.parseDouble(((Element) texts.item(i)).getAttribute("font-size")));
        }
        return sizes;
    }

    /** Rasterises the SVG at 100 % into {@code target/graphs/<name>.png}, as a browser would show it. */
    static Path png(String svg, String name) throws Exception {
        Path out = Path.of("target", "graphs", name + ".png");
        Files.createDirectories(out.getParent());
        Files.writeString(out.resolveSibling(name + ".svg"), svg);
        try (var stream = Files.newOutputStream(out)) {
            new PNGTranscoder().transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(stream));
        } catch (IOException e) {
            throw new IOException("Could not write " + out, e);
        }
        return out;
    }
}

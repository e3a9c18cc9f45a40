package org.tinybirdmaven.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.graph.LayeredLayout.Box;
import org.tinybirdmaven.graph.LayeredLayout.Link;
import org.tinybirdmaven.graph.LayeredLayout.Result;
import org.tinybirdmaven.graph.LayeredLayout.Size;

class LayeredLayoutTest {

    private static final Size LABEL = new Size(60, 18);

    private static List<Size> nodes(int n) {
        List<Size> sizes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sizes.add(new Size(80 + 13 * (i % 7), 48));
        }
        return sizes;
    }

    private static Link link(int from, int to) {
        return new Link(from, to, LABEL);
    }

    @Test
    void levelsBecomeColumnsFromLeftToRight() {
        List<Link> links = List.of(link(0, 1), link(1, 2), link(0, 2));
        Result layout = LayeredLayout.compute(nodes(3), links);
        Drawings.assertReadable(layout, links);
        List<Box> boxes = layout.nodes();
        assertThat(boxes.get(0).right()).isLessThan(boxes.get(1).x());
        assertThat(boxes.get(1).right()).isLessThan(boxes.get(2).x());
        assertThat(layout.routes()).allSatisfy(route -> assertThat(route.reversed()).isFalse());
        assertThat(layout.width()).isEqualTo(boxes.get(2).right());
    }

    @Test
    void aChainIsDrawnStraight() {
        List<Link> links = List.of(link(0, 1), link(1, 2), link(2, 3));
        Result layout = LayeredLayout.compute(nodes(4), links);
        assertThat(layout.nodes()).extracting(Box::centerY).containsOnly(layout.nodes().get(0).centerY());
        assertThat(layout.routes()).allSatisfy(route -> assertThat(route.points())
                .allSatisfy(p -> assertThat(p.y()).isEqualTo(layout.nodes().get(0).centerY())));
    }

    @Test
    void ordersColumnsToAvoidCrossingsThatTheInputOrderWouldCause() {
        // input order pairs 0 with 3 and 1 with 2: drawn in input order, the two edges would cross
        List<Link> links = List.of(link(0, 3), link(1, 2), link(0, 4), link(1, 5));
        Result layout = LayeredLayout.compute(nodes(6), links);
        Drawings.assertReadable(layout, links);
        assertThat(Drawings.crossings(layout)).isZero();
    }

    @Test
    void cyclesAreDrawnWithOneEdgeTurnedBack() {
        List<Link> links = List.of(link(0, 1), link(1, 2), link(2, 0), link(1, 0));
        Result layout = LayeredLayout.compute(nodes(3), links);
        Drawings.assertReadable(layout, links);
        assertThat(layout.routes()).filteredOn(LayeredLayout.Route::reversed).hasSize(2);
        // a turned-back edge still starts at its own source: here on the right end of the drawing
        LayeredLayout.Route back = layout.routes().get(2);
        assertThat(back.points().get(0).x()).isGreaterThan(back.points().get(back.points().size() - 1).x());
    }

    @Test
    void parallelEdgesGetLabelsOfTheirOwn() {
        List<Link> links = List.of(link(0, 1), link(0, 1), new Link(0, 1, null));
        Result layout = LayeredLayout.compute(nodes(2), links);
        Drawings.assertReadable(layout, links);
        assertThat(layout.routes().get(0).label()).isNotEqualTo(layout.routes().get(1).label());
        assertThat(layout.routes().get(2).label()).isNull();
    }

    @Test
    void nodesWithoutEdgesAndEmptyGraphs() {
        Result layout = LayeredLayout.compute(nodes(3), List.of());
        Drawings.assertReadable(layout, List.of());
        assertThat(layout.nodes()).extracting(box -> box.x() + box.width() / 2)
                .containsOnly(layout.width() / 2);
        Result empty = LayeredLayout.compute(List.of(), List.of());
        assertThat(empty.width()).isZero();
        assertThat(empty.height()).isZero();
    }

    @Test
    void refusesLoops() {
        assertThatThrownBy(() -> LayeredLayout.compute(nodes(1), List.of(link(0, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loop");
    }

    /** Many shapes of graph, cycles and parallel edges included: the drawing rules hold for all of them. */
    @Test
    void randomGraphsAreDrawnReadably() {
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(seed);
            int n = 2 + random.nextInt(seed < 50 ? 25 : 120);
            List<Link> links = new ArrayList<>();
            int edges = random.nextInt(2 * n);
            for (int e = 0; e < edges; e++) {
                int from = random.nextInt(n);
                int to = random.nextInt(n);
                if (from != to) {
                    links.add(random.nextInt(5) == 0 ? new Link(from, to, null) : link(from, to));
                }
            }
            Collections.shuffle(links, random);
            Result layout = LayeredLayout.compute(nodes(n), links);
            Drawings.assertReadable(layout, links);
            for (Box box : layout.nodes()) {
                assertThat(box.x()).isGreaterThan(-1e-6);
                assertThat(box.y()).isGreaterThan(-1e-6);
                assertThat(box.right()).isLessThan(layout.width() + 1e-6);
                assertThat(box.bottom()).isLessThan(layout.height() + 1e-6);
            }
        }
    }
}

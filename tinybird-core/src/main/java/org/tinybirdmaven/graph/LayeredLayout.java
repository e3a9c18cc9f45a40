package org.tinybirdmaven.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A left-to-right layered drawing of a directed graph (the Sugiyama method, kept small):
 * <ol>
 *   <li>cycles are broken by reversing the back edges of a depth-first search (drawn with the arrow at the right
 *       end again);</li>
 *   <li>each node gets the level of the longest path that reaches it, and levels become node columns;</li>
 *   <li>between two node columns sits a column for edge labels: an edge that spans several levels runs through
 *       one placeholder per column it crosses, and its label is a placeholder as big as the text, in the last gap
 *       before its target. Labels therefore take part in the layout like nodes and never overlap anything;</li>
 *   <li>barycenter sweeps order each column to reduce crossings, keeping the order with the fewest;</li>
 *   <li>vertical positions pull every box towards the mean of its neighbours, as close as the column's order and
 *       spacing allow (a weighted isotonic regression per column), placeholders pulled harder so that long edges
 *       run straight.</li>
 * </ol>
 * An edge leaves its source on the right side and enters its target on the left side, runs horizontally through
 * every column it crosses and bends only in the gaps between columns, so it never crosses a box.
 */
public final class LayeredLayout {

    /** Vertical space between two node boxes of a column. */
    static final double NODE_GAP = 20;
    /** Vertical space next to an edge placeholder or a label. */
    static final double EDGE_GAP = 8;
    /** Horizontal space between columns, where edges bend. */
    static final double COLUMN_GAP = 40;
    /** Vertical space between parts of the graph that no edge joins. */
    static final double COMPONENT_GAP = 32;
    /** The height of a placeholder that carries no label. */
    static final double LINE = 2;

    private static final int SWEEPS = 24;
    private static final int PLACEMENT_PASSES = 12;

    public record Size(double width, double height) {}

    /** An edge; {@code label} is the size of its label box, or null. */
    public record Link(int from, int to, Size label) {}

    public record Point(double x, double y) {}

    public record Box(double x, double y, double width, double height) {
        public double right() {
            return x + width;
        }

        public double bottom() {
            return y + height;
        }

        public double centerY() {
            return y + height / 2;
        }

        Box down(double dy) {
            return new Box(x, y + dy, width, height);
        }

        /** Whether the two boxes share interior area (touching edges do not count). */
        public boolean overlaps(Box other) {
            return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
        }

        /** Whether {@code p} lies on this box's outline, within {@code tolerance}. */
        public boolean hasOnOutline(Point p, double tolerance) {
            boolean inX = p.x() >= x - tolerance && p.x() <= right() + tolerance;
            boolean inY = p.y() >= y - tolerance && p.y() <= bottom() + tolerance;
            boolean onVertical = Math.abs(p.x() - x) <= tolerance || Math.abs(p.x() - right()) <= tolerance;
            boolean onHorizontal = Math.abs(p.y() - y) <= tolerance || Math.abs(p.y() - bottom()) <= tolerance;
            return inX && inY && (onVertical || onHorizontal);
        }
    }

    /**
     * How an edge is drawn, from its source to its target. The points come in pairs: each pair is a horizontal run
     * through one column, and from the second point of a pair to the first of the next the edge crosses a gap
     * between columns (drawn as a curve with horizontal ends). {@code label} is the label's box, or null.
     */
    public record Route(List<Point> points, Box label, boolean reversed) {
        Route down(double dy) {
            return new Route(points.stream().map(p -> new Point(p.x(), p.y() + dy)).toList(),
                    label == null ? null : label.down(dy), reversed);
        }
    }

    public record Result(List<Box> nodes, List<Route> routes, double width, double height) {}

    /** A box in a column: a node, or one column's worth of an edge (a placeholder, possibly carrying a label). */
    private static final class Vertex {
        final int node;
        final int column;
        final double width;
        final double height;
        final List<Vertex> left = new ArrayList<>();
        final List<Vertex> right = new ArrayList<>();
        int order;
        double y;

        Vertex(int node, int column, double width, double height) {
            this.node = node;
            this.column = column;
            this.width = width;
            this.height = height;
        }

        boolean real() {
            return node >= 0;
        }
    }

    private final List<List<Vertex>> columns = new ArrayList<>();
    private final List<Vertex> nodes = new ArrayList<>();
    private final List<List<Vertex>> chains = new ArrayList<>();
    private final List<Vertex> labels = new ArrayList<>();
    private final double[] columnX;
    private final double[] columnWidth;

    private LayeredLayout(List<Size> sizes, List<Link> links) {
        boolean[] reversed = acyclic(sizes.size(), links);
        int[] level = levels(sizes.size(), links, reversed);
        int last = 2 * Arrays.stream(level).max().orElse(0);
        for (int c = 0; c <= last; c++) {
            columns.add(new ArrayList<>());
        }
        for (int i = 0; i < sizes.size(); i++) {
            nodes.add(add(new Vertex(i, 2 * level[i], sizes.get(i).width(), sizes.get(i).height())));
        }
        for (int e = 0; e < links.size(); e++) {
            Link link = links.get(e);
            Vertex from = nodes.get(reversed[e] ? link.to() : link.from());
            Vertex to = nodes.get(reversed[e] ? link.from() : link.to());
            List<Vertex> chain = new ArrayList<>();
            chain.add(from);
            Vertex label = null;
            for (int c = from.column + 1; c < to.column; c++) {
                boolean carriesLabel = c == to.column - 1 && link.label() != null;
                Vertex placeholder = add(carriesLabel
                        ? new Vertex(-1, c, link.label().width(), link.label().height())
                        : new Vertex(-1, c, 0, LINE));
                if (carriesLabel) {
                    label = placeholder;
                }
                chain.add(placeholder);
            }
            chain.add(to);
            for (int i = 1; i < chain.size(); i++) {
                chain.get(i - 1).right.add(chain.get(i));
                chain.get(i).left.add(chain.get(i - 1));
            }
            chains.add(chain);
            labels.add(label);
        }
        columnX = new double[columns.size()];
        columnWidth = new double[columns.size()];
    }

    public static Result compute(List<Size> sizes, List<Link> links) {
        for (Link link : links) {
            if (link.from() == link.to()) {
                throw new IllegalArgumentException("A layered layout cannot draw a loop on node " + link.from());
            }
        }
        List<List<Integer>> components = components(sizes.size(), links);
        if (components.size() <= 1) {
            return connected(sizes, links);
        }
        Box[] boxes = new Box[sizes.size()];
        Route[] routes = new Route[links.size()];
        double top = 0;
        double width = 0;
        for (List<Integer> component : components) {
            Map<Integer, Integer> local = new HashMap<>();
            component.forEach(node -> local.put(node, local.size()));
            List<Integer> linkIndexes = new ArrayList<>();
            for (int e = 0; e < links.size(); e++) {
                if (local.containsKey(links.get(e).from())) {
                    linkIndexes.add(e);
                }
            }
            Result part = connected(component.stream().map(sizes::get).toList(), linkIndexes.stream()
                    .map(links::get).map(l -> new Link(local.get(l.from()), local.get(l.to()), l.label())).toList());
            for (int i = 0; i < component.size(); i++) {
                boxes[component.get(i)] = part.nodes().get(i).down(top);
            }
            for (int k = 0; k < linkIndexes.size(); k++) {
                routes[linkIndexes.get(k)] = part.routes().get(k).down(top);
            }
            top += part.height() + COMPONENT_GAP;
            width = Math.max(width, part.width());
        }
        return new Result(List.of(boxes), List.of(routes), width, top - COMPONENT_GAP);
    }

    private static Result connected(List<Size> sizes, List<Link> links) {
        LayeredLayout layout = new LayeredLayout(sizes, links);
        layout.order();
        layout.place();
        return layout.result(links);
    }

    /**
     * The parts of the graph that no edge joins, each drawn on its own below the previous one (otherwise one part's
     * crowded column pushes another part far down). Nodes without any edge share one last part.
     */
    private static List<List<Integer>> components(int n, List<Link> links) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        boolean[] linked = new boolean[n];
        for (Link link : links) {
            parent[root(parent, link.from())] = root(parent, link.to());
            linked[link.from()] = true;
            linked[link.to()] = true;
        }
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (linked[i]) {
                byRoot.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(i);
            } else {
                alone.add(i);
            }
        }
        List<List<Integer>> components = new ArrayList<>(byRoot.values());
        if (!alone.isEmpty()) {
            components.add(alone);
        }
        return components;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private Vertex add(Vertex vertex) {
        List<Vertex> column = columns.get(vertex.column);
        vertex.order = column.size();
        column.add(vertex);
        return vertex;
    }

    /** Marks the edges to reverse: the back edges of a depth-first search in node order. */
    private static boolean[] acyclic(int n, List<Link> links) {
        List<List<Integer>> out = adjacency(n, links);
        boolean[] reversed = new boolean[links.size()];
        int[] state = new int[n];
        for (int start = 0; start < n; start++) {
            if (state[start] != 0) {
                continue;
            }
            // an explicit stack of (node, next outgoing edge) so deep chains cannot overflow the call stack
            List<int[]> stack = new ArrayList<>();
            stack.add(new int[] {start, 0});
            state[start] = 1;
            while (!stack.isEmpty()) {
                int[] top = stack.get(stack.size() - 1);
                List<Integer> edges = out.get(top[0]);
                if (top[1] == edges.size()) {
                    state[top[0]] = 2;
                    stack.remove(stack.size() - 1);
                    continue;
                }
                int e = edges.get(top[1]++);
                int next = links.get(e).to();
                if (state[next] == 1) {
                    reversed[e] = true;
                } else if (state[next] == 0) {
                    state[next] = 1;
                    stack.add(new int[] {next, 0});
                }
            }
        }
        return reversed;
    }

    private static List<List<Integer>> adjacency(int n, List<Link> links) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < links.size(); e++) {
            out.get(links.get(e).from()).add(e);
        }
        return out;
    }

    /** Longest path from the sources, following the edges as oriented by {@link #acyclic}. */
    private static int[] levels(int n, List<Link> links, boolean[] reversed) {
        int[] incoming = new int[n];
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < links.size(); e++) {
            int from = reversed[e] ? links.get(e).to() : links.get(e).from();
            int to = reversed[e] ? links.get(e).from() : links.get(e).to();
            out.get(from).add(to);
            incoming[to]++;
        }
        int[] level = new int[n];
        List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (incoming[i] == 0) {
                ready.add(i);
            }
        }
        for (int k = 0; k < ready.size(); k++) {
            int done = ready.get(k);
            for (int next : out.get(done)) {
                level[next] = Math.max(level[next], level[done] + 1);
                if (--incoming[next] == 0) {
                    ready.add(next);
                }
            }
        }
        return level;
    }

    /** Barycenter sweeps, alternately left to right and right to left; the order with the fewest crossings wins. */
    private void order() {
        int best = crossings();
        List<List<Vertex>> bestOrder = snapshot();
        for (int sweep = 0; sweep < SWEEPS && best > 0; sweep++) {
            boolean rightwards = sweep % 2 == 0;
            for (int k = 1; k < columns.size(); k++) {
                int c = rightwards ? k : columns.size() - 1 - k;
                sortByBarycenter(columns.get(c), rightwards);
            }
            transpose(sweep % 4 >= 2);
            int count = crossings();
            if (count < best) {
                best = count;
                bestOrder = snapshot();
            }
        }
        columns.clear();
        columns.addAll(bestOrder);
        renumber();
    }

    private static void sortByBarycenter(List<Vertex> column, boolean fromLeft) {
        Map<Vertex, Double> barycenter = new HashMap<>();
        for (Vertex v : column) {
            List<Vertex> neighbours = fromLeft ? v.left : v.right;
            barycenter.put(v, neighbours.isEmpty() ? v.order
                    : neighbours.stream().mapToInt(u -> u.order).average().orElseThrow());
        }
        column.sort(Comparator.comparingDouble(barycenter::get));
        for (int i = 0; i < column.size(); i++) {
            column.get(i).order = i;
        }
    }

    /**
     * Swaps neighbours within a column while that removes crossings (what barycenters alone miss); with
     * {@code onTies}, also where it changes nothing, to leave a local optimum that only a change in another column
     * can improve.
     */
    private void transpose(boolean onTies) {
        boolean improved = true;
        for (int round = 0; improved && round < 8; round++) {
            improved = false;
            for (List<Vertex> column : columns) {
                for (int i = 0; i + 1 < column.size(); i++) {
                    Vertex upper = column.get(i);
                    Vertex lower = column.get(i + 1);
                    int swapped = pairCrossings(lower, upper);
                    int kept = pairCrossings(upper, lower);
                    if (swapped < kept || onTies && swapped == kept && round == 0 && kept > 0) {
                        column.set(i, lower);
                        column.set(i + 1, upper);
                        lower.order = i;
                        upper.order = i + 1;
                        improved = true;
                    }
                }
            }
        }
    }

    /** Crossings between the edges of {@code upper} and {@code lower} when {@code upper} is drawn above. */
    private static int pairCrossings(Vertex upper, Vertex lower) {
        return pairCrossings(upper.left, lower.left) + pairCrossings(upper.right, lower.right);
    }

    private static int pairCrossings(List<Vertex> upperNeighbours, List<Vertex> lowerNeighbours) {
        int count = 0;
        for (Vertex a : upperNeighbours) {
            for (Vertex b : lowerNeighbours) {
                if (a.order > b.order) {
                    count++;
                }
            }
        }
        return count;
    }

    private List<List<Vertex>> snapshot() {
        return columns.stream().map(column -> (List<Vertex>) new ArrayList<>(column)).toList();
    }

    private void renumber() {
        for (List<Vertex> column : columns) {
            for (int i = 0; i < column.size(); i++) {
                column.get(i).order = i;
            }
        }
    }

    /** Pairs of edge segments that cross, over all gaps. */
    int crossings() {
        int count = 0;
        for (int c = 0; c + 1 < columns.size(); c++) {
            List<int[]> segments = new ArrayList<>();
            for (Vertex u : columns.get(c)) {
                for (Vertex v : u.right) {
                    segments.add(new int[] {u.order, v.order});
                }
            }
            for (int i = 0; i < segments.size(); i++) {
                for (int j = i + 1; j < segments.size(); j++) {
                    int[] a = segments.get(i);
                    int[] b = segments.get(j);
                    if ((long) Integer.compare(a[0], b[0]) * Integer.compare(a[1], b[1]) < 0) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private void place() {
        for (List<Vertex> column : columns) {
            double y = 0;
            for (int i = 0; i < column.size(); i++) {
                Vertex v = column.get(i);
                y += i == 0 ? v.height / 2 : separation(column.get(i - 1), v);
                v.y = y;
            }
        }
        for (int pass = 0; pass < PLACEMENT_PASSES; pass++) {
            boolean rightwards = pass % 2 == 0;
            boolean bothSides = pass >= PLACEMENT_PASSES - 2;
            for (int k = 0; k < columns.size(); k++) {
                int c = rightwards ? k : columns.size() - 1 - k;
                align(columns.get(c), bothSides ? null : rightwards);
            }
        }
        double top = columns.stream().flatMap(List::stream).mapToDouble(v -> v.y - v.height / 2).min().orElse(0);
        columns.stream().flatMap(List::stream).forEach(v -> v.y -= top);
        double x = 0;
        for (int c = 0; c < columns.size(); c++) {
            columnWidth[c] = columns.get(c).stream().mapToDouble(v -> v.width).max().orElse(0);
            if (c > 0 && !columns.get(c).isEmpty()) {
                x += COLUMN_GAP;
            }
            columnX[c] = x;
            x += columnWidth[c];
        }
    }

    private static double separation(Vertex above, Vertex below) {
        double gap = above.real() && below.real() ? NODE_GAP : EDGE_GAP;
        return above.height / 2 + gap + below.height / 2;
    }

    /**
     * Moves the column's boxes as close to their neighbours' mean height as the order allows: minimises
     * {@code Σ w (y - target)²} subject to {@code y[i+1] - y[i] >= separation}, by pool-adjacent-violators on
     * {@code y[i] - offset[i]}. {@code fromLeft} null means both sides.
     */
    private static void align(List<Vertex> column, Boolean fromLeft) {
        int m = column.size();
        if (m == 0) {
            return;
        }
        double[] offset = new double[m];
        for (int i = 1; i < m; i++) {
            offset[i] = offset[i - 1] + separation(column.get(i - 1), column.get(i));
        }
        double[] value = new double[m];
        double[] weight = new double[m];
        int[] size = new int[m];
        int blocks = 0;
        for (int i = 0; i < m; i++) {
            Vertex v = column.get(i);
            List<Vertex> neighbours = new ArrayList<>();
            if (fromLeft == null || fromLeft) {
                neighbours.addAll(v.left);
            }
            if (fromLeft == null || !fromLeft) {
                neighbours.addAll(v.right);
            }
            double target = neighbours.isEmpty() ? v.y : neighbours.stream().mapToDouble(u -> u.y).average()
                    .orElseThrow();
            double w = neighbours.isEmpty() ? 0.1 : v.real() ? 1 : 4;
            value[blocks] = target - offset[i];
            weight[blocks] = w;
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double total = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1])
                        / total;
                weight[blocks - 2] = total;
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < size[b]; k++, i++) {
                column.get(i).y = value[b] + offset[i];
            }
        }
    }

    private Box box(Vertex v) {
        return new Box(columnX[v.column] + (columnWidth[v.column] - v.width) / 2, v.y - v.height / 2, v.width,
                v.height);
    }

    private Result result(List<Link> links) {
        double[] startY = ports(true);
        double[] endY = ports(false);
        List<Route> routes = new ArrayList<>();
        for (int e = 0; e < chains.size(); e++) {
            List<Vertex> chain = chains.get(e);
            List<Point> points = new ArrayList<>();
            Vertex first = chain.get(0);
            Vertex last = chain.get(chain.size() - 1);
            points.add(new Point(box(first).right(), startY[e]));
            points.add(new Point(columnX[first.column] + columnWidth[first.column], startY[e]));
            for (Vertex v : chain.subList(1, chain.size() - 1)) {
                points.add(new Point(columnX[v.column], v.y));
                points.add(new Point(columnX[v.column] + columnWidth[v.column], v.y));
            }
            points.add(new Point(columnX[last.column], endY[e]));
            points.add(new Point(box(last).x(), endY[e]));
            boolean reversed = first.node != links.get(e).from();
            if (reversed) {
                Collections.reverse(points);
            }
            Vertex label = labels.get(e);
            routes.add(new Route(List.copyOf(points), label == null ? null : box(label), reversed));
        }
        List<Box> boxes = nodes.stream().map(this::box).toList();
        double width = columns.isEmpty() ? 0 : columnX[columns.size() - 1] + columnWidth[columns.size() - 1];
        double height = columns.stream().flatMap(List::stream).mapToDouble(v -> v.y + v.height / 2).max()
                .orElse(0);
        return new Result(boxes, List.copyOf(routes), width, height);
    }

    /**
     * Spreads the edges that leave (or enter) a node over its right (left) side, in the order of the box each one
     * goes to next, so that they do not cross at the node. Returns each chain's port height.
     */
    private double[] ports(boolean leaving) {
        Map<Vertex, List<Integer>> byNode = new HashMap<>();
        for (int e = 0; e < chains.size(); e++) {
            List<Vertex> chain = chains.get(e);
            byNode.computeIfAbsent(chain.get(leaving ? 0 : chain.size() - 1), v -> new ArrayList<>()).add(e);
        }
        double[] port = new double[chains.size()];
        byNode.forEach((node, edges) -> {
            edges.sort(Comparator.comparingDouble(e -> chains.get(e).get(leaving ? 1 : chains.get(e).size() - 2).y));
            double top = node.y - node.height / 2;
            for (int k = 0; k < edges.size(); k++) {
                port[edges.get(k)] = top + node.height * (k + 1) / (edges.size() + 1);
            }
        });
        return port;
    }
}

package org.tinybirdmaven.output;

import java.util.ArrayList;
import java.util.List;

/** Keeps lines until {@link #copyTo}: the output of one resource pushed in parallel with others. */
public final class BufferedOutput implements Output {

    /** One line as written. */
    public record Line(Level level, String text) {}

    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void line(Level level, String text) {
        lines.add(new Line(level, text));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Writes every line kept so far to {@code target}, in order, and forgets them. */
    public synchronized void copyTo(Output target) {
        lines.forEach(line -> target.line(line.level(), line.text()));
        lines.clear();
    }
}

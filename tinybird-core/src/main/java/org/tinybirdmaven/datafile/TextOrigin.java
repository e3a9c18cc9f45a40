package org.tinybirdmaven.datafile;

import java.util.List;

/**
 * Where each line of a text assembled from a datafile block came from, so that a position reported by the schema,
 * template or SQL parsers ({@code line:column} inside the text) can be turned into a position in the datafile.
 *
 * @param lines the location of each text line's first character in its file (line and column)
 */
public record TextOrigin(List<Location> lines) {

    public TextOrigin {
        lines = List.copyOf(lines);
    }

    /** Translates a 1-based {@code line:column} of the text into the file position it came from. */
    public Location locate(int line, int column) {
        if (lines.isEmpty()) {
            throw new IllegalStateException("empty text has no positions");
        }
        Location start = lines.get(Math.min(Math.max(line, 1), lines.size()) - 1);
        return start.withColumn(start.column() + Math.max(column, 1) - 1);
    }

    public Location start() {
        return lines.get(0);
    }
}

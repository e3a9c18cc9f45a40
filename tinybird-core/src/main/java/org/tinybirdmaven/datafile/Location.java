package org.tinybirdmaven.datafile;

import java.nio.file.Path;

/** A 1-based line and column in a file; {@code column} is 0 when only the line is known. */
public record Location(Path file, int line, int column) {

    public static Location of(Path file, int line) {
        return new Location(file, line, 0);
    }

    public Location withColumn(int newColumn) {
        return new Location(file, line, newColumn);
    }

    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }
}

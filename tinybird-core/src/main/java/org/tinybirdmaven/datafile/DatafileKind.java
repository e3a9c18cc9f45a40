package org.tinybirdmaven.datafile;

import java.nio.file.Path;
import java.util.Optional;

/** The kinds of datafile, told apart by file extension. */
public enum DatafileKind {
    DATASOURCE(".datasource"), PIPE(".pipe"), TOKEN(".token"), INCLUDE(".incl");

    private final String extension;

    DatafileKind(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static Optional<DatafileKind> of(Path file) {
        String fileName = file.getFileName().toString();
        for (DatafileKind kind : values()) {
            if (fileName.endsWith(kind.extension) && fileName.length() > kind.extension.length()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /**
     * The resource name a file defines. Classic cuts a datasource (and token) file name at the last dot and a pipe
     * file name at the first dot.
     */
    public String resourceName(Path file) {
        String fileName = file.getFileName().toString();
        String stem = fileName.substring(0, fileName.length() - extension.length());
        if (this == PIPE) {
            int dot = stem.indexOf('.');
            return dot < 0 ? stem : stem.substring(0, dot);
        }
        return stem;
    }
}

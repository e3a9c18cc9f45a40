package org.tinybirdmaven.chdb;

/** Thrown when no usable {@code libchdb} could be found or downloaded; the message names every place tried. */
public final class ChdbLibraryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ChdbLibraryException(String message) {
        super(message);
    }

    ChdbLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.tinybirdmaven.tests;

/** A test file that cannot be read or understood; the message starts with {@code file:line[:column]:}. */
public final class TestFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file   the file as the user knows it (relative to the project)
     * @param line   1-based, or 0 when the problem is the whole file
     * @param column 1-based, or 0 when unknown
     */
    public TestFileException(String file, int line, int column, String message) {
        super(file + (line > 0 ? ":" + line : "") + (line > 0 && column > 0 ? ":" + column : "") + ": " + message);
    }
}

package org.tinybirdmaven.syntax;

/**
 * A problem at a known place in a piece of text (a schema block, a template, a SQL query).
 *
 * <p>{@code line} and {@code column} are 1-based and relative to the text that was handed to the parser; the
 * datafile parser translates them into positions in the file the text came from.
 */
public class SyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int line;
    private final int column;

    public SyntaxException(String reason, int line, int column) {
        super(line + ":" + column + ": " + reason);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Computes the 1-based line and column of {@code offset} in {@code text}. */
    public static SyntaxException at(String text, int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(Math.max(offset, 0), text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SyntaxException(reason, line, end - lineStart + 1);
    }
}

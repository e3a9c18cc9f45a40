package org.tinybirdmaven.output;

/**
 * Where the deploy engine, fixtures and diff write what they do, line by line, at a level the caller maps to its own
 * log (Maven's, a test's list). Implementations need not be thread-safe: the engine gives each parallel task a
 * {@link BufferedOutput} of its own and copies them in plan order.
 */
@FunctionalInterface
public interface Output {

    enum Level { INFO, WARNING, ERROR }

    /** Discards everything. */
    Output NONE = (level, text) -> {};

    void line(Level level, String text);

    default void info(String text) {
        line(Level.INFO, text);
    }

    default void warn(String text) {
        line(Level.WARNING, text);
    }

    default void error(String text) {
        line(Level.ERROR, text);
    }
}

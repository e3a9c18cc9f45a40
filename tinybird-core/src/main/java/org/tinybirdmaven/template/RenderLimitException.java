package org.tinybirdmaven.template;

/**
 * A resource limit of {@link RenderOptions} was exceeded, or a forbidden construct was reached. Unlike
 * {@link PyError} it cannot be caught by <code>{% try %}</code>: rendering stops.
 */
final class RenderLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private transient SourcePosition position;

    RenderLimitException(String message) {
        super(message, null, false, false);
    }

    SourcePosition position() {
        return position;
    }

    RenderLimitException at(SourcePosition where) {
        if (position == null) {
            position = where;
        }
        return this;
    }
}

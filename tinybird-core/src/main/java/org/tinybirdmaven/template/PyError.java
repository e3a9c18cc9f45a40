package org.tinybirdmaven.template;

import java.util.List;

/**
 * A Python exception raised while rendering: it can be caught by <code>{% try %}</code> blocks and, if it escapes,
 * becomes a {@link TemplateRenderException} following Tinybird's error handling. No stack trace is recorded (these
 * are control flow, and may be frequent).
 */
final class PyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PyExceptionValue exception;
    private final String text;
    private final String documentation;
    private transient SourcePosition position;
    /** For {@code custom_error}: the payload and the HTTP status. */
    private final transient Object payload;
    private final int code;

    private PyError(PyExceptionValue exception, String text, String documentation, Object payload, int code) {
        super(text, null, false, false);
        this.exception = exception;
        this.text = text;
        this.documentation = documentation;
        this.payload = payload;
        this.code = code;
    }

    /** A builtin exception with a message, e.g. {@code TypeError("...")}. */
    static PyError of(PyType type, String message) {
        return new PyError(new PyExceptionValue(type, List.of(message)), message, null, null, 0);
    }

    /** A builtin exception without arguments, such as the bare {@code IndexError()} of a placeholder. */
    static PyError bare(PyType type) {
        return new PyError(new PyExceptionValue(type, List.of()), "", null, null, 0);
    }

    /** {@code KeyError(key)}: its message is the key's repr. */
    static PyError keyError(Object key, String keyRepr) {
        return new PyError(new PyExceptionValue(PyType.KEY_ERROR, List.of(key)), keyRepr, null, null, 0);
    }

    /** Tinybird's {@code SQLTemplateException(message, documentation)}: its text starts with "Template Syntax Error: ". */
    static PyError template(String message, String documentation) {
        String text = "Template Syntax Error: " + message;
        return new PyError(new PyExceptionValue(PyType.SQL_TEMPLATE_EXCEPTION, List.of(text)), text, documentation,
                null, 0);
    }

    /** {@code custom_error(payload, code)}. */
    static PyError custom(Object payload, String text, int code) {
        return new PyError(new PyExceptionValue(PyType.SQL_TEMPLATE_CUSTOM_ERROR, List.of(payload)), text, null,
                payload, code);
    }

    /** An exception value re-raised as is. */
    static PyError of(PyExceptionValue exception, String text) {
        return new PyError(exception, text, null, null, 0);
    }

    PyType type() {
        return exception.type();
    }

    PyExceptionValue exception() {
        return exception;
    }

    /** {@code str(e)} */
    String text() {
        return text;
    }

    String documentation() {
        return documentation;
    }

    Object payload() {
        return payload;
    }

    int code() {
        return code;
    }

    SourcePosition position() {
        return position;
    }

    /** Records where the error happened, if not known yet (the innermost expression wins). */
    PyError at(SourcePosition where) {
        if (position == null) {
            position = where;
        }
        return this;
    }
}

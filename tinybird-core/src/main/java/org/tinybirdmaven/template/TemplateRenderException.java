package org.tinybirdmaven.template;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Rendering a template failed: what the server answers instead of running the query (tinybird-api spec §5.6).
 *
 * <p>{@link #getMessage()} is Tinybird's text for the error, e.g.
 * {@code Template Syntax Error: Error validating 'abc' to type Int32} or the message given to {@code error()}.
 * {@link #status()} is the HTTP status: 400 for template errors, the code given to {@code custom_error()}, and 500
 * for the Python errors Tinybird does not treat as client errors ({@code ZeroDivisionError}, {@code KeyError}, ...).
 * For {@code custom_error()}, {@link #customErrorBody()} is the response body to send as is.
 *
 * <p>{@link #line()}/{@link #column()} give the place in the template (1-based, relative to the parsed text) of the
 * expression or tag being evaluated, when there is one.
 */
public final class TemplateRenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Tinybird's default documentation page for template errors, relative to its documentation site. */
    public static final String DEFAULT_DOCUMENTATION = "/query/query-parameters.html";

    private final int status;
    private final String errorType;
    private final String documentation;
    private final int line;
    private final int column;
    private final String customErrorBody;
    private final String customErrorContentType;

    TemplateRenderException(
            String message,
            int status,
            String errorType,
            String documentation,
            SourcePosition position,
            String customErrorBody,
            String customErrorContentType) {
        super(Objects.requireNonNull(message, "message"));
        this.status = status;
        this.errorType = errorType;
        this.documentation = documentation;
        this.line = position == null ? 0 : position.line();
        this.column = position == null ? 0 : position.column();
        this.customErrorBody = customErrorBody;
        this.customErrorContentType = customErrorContentType;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }

    /**
     * The Python class of the error in Tinybird's engine: {@code SQLTemplateException}, {@code ValueError} (e.g. from
     * {@code error()}), {@code SQLTemplateCustomError}, {@code ZeroDivisionError}, ..., or {@code RenderLimit} when a
     * limit of {@link RenderOptions} (or a forbidden construct) stopped rendering.
     */
    public String errorType() {
        return errorType;
    }

    /**
     * The documentation path Tinybird attaches to the error (relative to its documentation site), e.g.
     * {@code /cli/advanced-templates.html}; null when it attaches none.
     */
    public String documentation() {
        return documentation;
    }

    public OptionalInt line() {
        return line == 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    public OptionalInt column() {
        return column == 0 ? OptionalInt.empty() : OptionalInt.of(column);
    }

    /** Whether the template called {@code custom_error()}: answer {@link #customErrorBody()} with {@link #status()}. */
    public boolean isCustomError() {
        return customErrorBody != null;
    }

    /**
     * For {@code custom_error(payload)}: the body Tinybird writes, i.e. the JSON encoding of a dict payload or the
     * string payload as is; null otherwise.
     */
    public String customErrorBody() {
        return customErrorBody;
    }

    /** {@code application/json; charset=UTF-8} for a dict payload, {@code text/html; charset=UTF-8} for a string. */
    public String customErrorContentType() {
        return customErrorContentType;
    }
}

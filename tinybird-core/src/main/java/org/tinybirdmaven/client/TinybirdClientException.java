package org.tinybirdmaven.client;

/**
 * A Tinybird call that did not succeed. The message says what failed (the action and the resource it concerns),
 * why, where (HTTP method and redacted path), and, when there is one, what to do about it ({@link #hint()}). It
 * never contains the token or any request header.
 */
public class TinybirdClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String action;
    private final String method;
    private final String path;
    private final String hint;

    TinybirdClientException(String action, String detail, String method, String path, String where, String hint,
                            Throwable cause) {
        super(compose(action, detail, where, hint), cause);
        this.action = action;
        this.method = method;
        this.path = path;
        this.hint = hint;
    }

    TinybirdClientException(String action, String detail, String hint, Throwable cause) {
        this(action, detail, null, null, null, hint, cause);
    }

    private static String compose(String action, String detail, String where, String hint) {
        StringBuilder message = new StringBuilder("Could not ").append(action).append(": ").append(detail);
        if (where != null) {
            message.append(" [").append(where).append(']');
        }
        if (hint != null) {
            message.append(". ").append(hint);
        }
        return message.toString();
    }

    /** What was being done, e.g. {@code read datasource 'events'}. */
    public String action() {
        return action;
    }

    /** The HTTP method of the failed request, or null when the failure is not one request's. */
    public String method() {
        return method;
    }

    /** The redacted path and query of the failed request, or null. */
    public String path() {
        return path;
    }

    /** What the user could do about it ("perhaps you should …"), or null. */
    public String hint() {
        return hint;
    }
}

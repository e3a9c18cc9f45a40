package org.tinybirdmaven.client;

/** No answer came back from Tinybird (after any retries): the host is unknown, refused, too slow, or hung up. */
public final class TinybirdConnectionException extends TinybirdClientException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        UNKNOWN_HOST, CONNECTION_REFUSED, CONNECT_TIMEOUT, READ_TIMEOUT, CONNECTION_LOST, TLS, OTHER;

        /** Whether trying again may help (an unknown host or a TLS setup problem will not go away). */
        boolean transientFailure() {
            return this == CONNECTION_REFUSED || this == CONNECT_TIMEOUT || this == READ_TIMEOUT
                    || this == CONNECTION_LOST;
        }
    }

    private final Kind kind;
    private final int attempts;

    TinybirdConnectionException(String action, String method, String path, Kind kind, String detail, int attempts,
                                String hint, Throwable cause) {
        super(action, detail, method, path, method + " " + path
                + (attempts > 1 ? ", after " + attempts + " attempts" : ""), hint, cause);
        this.kind = kind;
        this.attempts = attempts;
    }

    public Kind kind() {
        return kind;
    }

    public int attempts() {
        return attempts;
    }
}

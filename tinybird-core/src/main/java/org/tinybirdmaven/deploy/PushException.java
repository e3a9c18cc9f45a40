package org.tinybirdmaven.deploy;

/**
 * A push that could not be planned or did not finish. The message says what failed and, once something was sent,
 * which resources were already applied and which were not; {@link #result()} has the details (null when the push
 * failed before planning).
 */
public final class PushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PushResult result;

    public PushException(String message, PushResult result, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    public PushResult result() {
        return result;
    }
}

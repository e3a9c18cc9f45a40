package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Tinybird answered with an error status (after any retries). */
public final class TinybirdApiException extends TinybirdClientException {
    private static final long serialVersionUID = 1L;

    /** What kind of error the status means, so that callers can branch without comparing numbers. */
    public enum Kind {
        /** 400: the request was refused as invalid; the error text says why. */
        BAD_REQUEST,
        /** 401 or 403: unknown token, or a token without the scope needed. */
        FORBIDDEN,
        /** 404: the resource (or the route) does not exist. */
        NOT_FOUND,
        /** 409: conflicts with existing state (already exists, or has dependents). */
        CONFLICT,
        /** 429 after every retry. */
        RATE_LIMITED,
        /** 5xx after every retry. */
        SERVER_ERROR,
        /** Anything else, redirects included. */
        OTHER;

        static Kind of(int status) {
            return switch (status) {
                case 400 -> BAD_REQUEST;
                case 401, 403 -> FORBIDDEN;
                case 404 -> NOT_FOUND;
                case 409 -> CONFLICT;
                case 429 -> RATE_LIMITED;
                default -> status >= 500 && status <= 599 ? SERVER_ERROR : OTHER;
            };
        }
    }

    static final String INVALID_TOKEN = "invalid authentication token";

    private final int status;
    private final Kind kind;
    private final String error;
    private final String documentation;
    private final String requestId;
    private final int attempts;
    private final transient JsonNode body;

    TinybirdApiException(String action, String method, String path, int status, String error, String documentation,
                         String requestId, int attempts, JsonNode body, String hint) {
        super(action, error, method, path, where(status, method, path, requestId, attempts), hint, null);
        this.status = status;
        this.kind = Kind.of(status);
        this.error = error;
        this.documentation = documentation;
        this.requestId = requestId;
        this.attempts = attempts;
        this.body = body;
    }

    private static String where(int status, String method, String path, String requestId, int attempts) {
        return "HTTP " + status + " on " + method + " " + path + (requestId == null ? "" : ", request id " + requestId)
                + (attempts > 1 ? ", after " + attempts + " attempts" : "");
    }

    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Tinybird's error text: the envelope's {@code error}, followed by {@code " -> errors: [...]"} when the body
     * lists {@code errors}; the raw body (shortened) when it is not Tinybird's envelope.
     */
    public String error() {
        return error;
    }

    /** The documentation link of the envelope, or null. */
    public String documentation() {
        return documentation;
    }

    /** The server's request id header, or null. */
    public String requestId() {
        return requestId;
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }

    /** The parsed error body (e.g. an import's quarantine counts), or null when it was not JSON. */
    public JsonNode body() {
        return body;
    }

    public boolean isNotFound() {
        return kind == Kind.NOT_FOUND;
    }

    public boolean isForbidden() {
        return kind == Kind.FORBIDDEN;
    }

    public boolean isConflict() {
        return kind == Kind.CONFLICT;
    }

    /** Tinybird does not know the token at all (as opposed to a known token lacking a scope). */
    public boolean isInvalidToken() {
        return kind == Kind.FORBIDDEN && (status == 401 || error.startsWith(INVALID_TOKEN));
    }
}

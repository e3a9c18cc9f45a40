package org.tinybirdmaven.client;

import java.time.Duration;

/**
 * What the client does on the wire, for debug output. Paths are redacted (no {@code token=} value) and no headers
 * are ever passed; {@code attempt} counts from 1. Every method does nothing by default.
 */
public interface ClientListener {

    /** Listens to nothing. */
    ClientListener NONE = new ClientListener() {};

    default void requestStarted(String method, String path, int attempt) {}

    /** An answer arrived, successful or not. */
    default void requestFinished(String method, String path, int attempt, int status, long elapsedMillis) {}

    /** No answer: the connection could not be made or was lost. */
    default void requestFailed(String method, String path, int attempt, String failure, long elapsedMillis) {}

    /** The request will be sent again after {@code delay}. */
    default void retrying(String method, String path, int attempt, Duration delay, String reason) {}
}

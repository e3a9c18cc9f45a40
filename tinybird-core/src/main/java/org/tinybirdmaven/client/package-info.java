/**
 * The Tinybird classic v0 REST API client ({@link org.tinybirdmaven.client.TinybirdClient}).
 *
 * <p>Failures are unchecked {@link org.tinybirdmaven.client.TinybirdClientException}s whose message is meant to be
 * shown to the user as it is ("Could not … : Tinybird's error [HTTP status on METHOD path]. Perhaps you should …"):
 * <ul>
 *   <li>{@link org.tinybirdmaven.client.TinybirdApiException}: an error status; {@code kind()} tells bad requests,
 *       forbidden (bad token or missing scope), not found, conflicts, rate limits and server errors apart;</li>
 *   <li>{@link org.tinybirdmaven.client.TinybirdConnectionException}: no answer (unknown host, refused, timeout,
 *       connection lost);</li>
 *   <li>{@link org.tinybirdmaven.client.TinybirdJobException}: a job that failed, was cancelled or timed out.</li>
 * </ul>
 * The token is never part of any message, event or {@code toString()}.
 */
package org.tinybirdmaven.client;

package org.tinybirdmaven.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Sends {@link Call}s: one token read per call, sent only as {@code Authorization: Bearer}; retries with backoff
 * (idempotent calls on 429, 502, 503, 504 and lost or refused connections, others on 429 only); turns failures
 * into {@link TinybirdClientException}s that say what failed and what to do, with the token scrubbed.
 */
final class Transport {

    private static final Set<Integer> RETRIED_WHEN_IDEMPOTENT = Set.of(429, 502, 503, 504);
    private static final int EXCERPT = 300;

    private final String baseUrl;
    private final Supplier<String> token;
    private final CloseableHttpClient http;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final ClientListener listener;
    private final String userAgent;

    Transport(String baseUrl, Supplier<String> token, CloseableHttpClient http, RetryPolicy retry, Sleeper sleeper,
              Clock clock, RandomGenerator random, ClientListener listener, String userAgent) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.listener = listener;
        this.userAgent = userAgent;
    }

    Transport withToken(Supplier<String> otherToken) {
        return new Transport(baseUrl, otherToken, http, retry, sleeper, clock, random, listener, userAgent);
    }

    String baseUrl() {
        return baseUrl;
    }

    CloseableHttpClient http() {
        return http;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Clock clock() {
        return clock;
    }

    /** The whole URL a call would use, to decide whether a GET is too long. */
    int urlLength(Call call) {
        return baseUrl.length() + call.pathAndQuery().length();
    }

    /** Sends the call until it succeeds (2xx) or may not be retried any more. */
    Response execute(Call call) {
        String pathAndQuery = call.pathAndQuery();
        String shown = Redact.url(pathAndQuery);
        String secret = token.get();
        for (int attempt = 1; ; attempt++) {
            listener.requestStarted(call.method, shown, attempt);
            long start = System.nanoTime();
            Response response;
            try {
                response = http.execute(request(call, pathAndQuery, secret), Transport::read);
            } catch (IOException e) {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                TinybirdConnectionException.Kind kind = classify(e);
                String failure = Redact.text(describe(kind, e), secret);
                listener.requestFailed(call.method, shown, attempt, failure, elapsed);
                if (call.idempotent && kind.transientFailure() && attempt < retry.maxAttempts()) {
                    pause(call, shown, attempt, retry.backoff(attempt, random), failure);
                    continue;
                }
                throw new TinybirdConnectionException(call.action, call.method, shown, kind, failure, attempt,
                        Hints.forConnection(kind, hostOf(baseUrl), call.idempotent), e);
            }
            listener.requestFinished(call.method, shown, attempt, response.status(),
                    (System.nanoTime() - start) / 1_000_000);
            int status = response.status();
            if (status >= 200 && status < 300) {
                return response;
            }
            boolean retryable = status == 429 || call.idempotent && RETRIED_WHEN_IDEMPOTENT.contains(status);
            if (retryable && attempt < retry.maxAttempts()) {
                int retryNumber = attempt;
                Duration delay = retryAfter(response.header("retry-after")).map(retry::capped)
                        .orElseGet(() -> retry.backoff(retryNumber, random));
                pause(call, shown, attempt, delay, "HTTP " + status);
                continue;
            }
            throw failure(call, shown, response, attempt, secret);
        }
    }

    private HttpUriRequestBase request(Call call, String pathAndQuery, String secret) {
        HttpUriRequestBase request = new HttpUriRequestBase(call.method, URI.create(baseUrl + pathAndQuery));
        if (secret != null && !secret.isBlank()) {
            request.setHeader("Authorization", "Bearer " + secret);
        }
        request.setHeader("User-Agent", userAgent);
        if (call.body != null) {
            HttpEntity entity = call.body.get();
            request.setEntity(entity);
        }
        return request;
    }

    private static Response read(ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
        if (entity != null && entity.getContentType() != null) {
            headers.putIfAbsent("content-type", entity.getContentType());
        }
        return new Response(response.getCode(), response.getReasonPhrase(), headers, body);
    }

    private void pause(Call call, String shown, int attempt, Duration delay, String reason) {
        listener.retrying(call.method, shown, attempt, delay, reason);
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TinybirdClientException(call.action, "interrupted while waiting to retry after " + reason,
                    null, e);
        }
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; empty when absent or unreadable. */
    Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                // More digits than a long holds: a wait longer than any cap.
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
            }
        }
        try {
            Instant date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(clock.instant(), date);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private TinybirdApiException failure(Call call, String shown, Response response, int attempts, String secret) {
        JsonNode json = Json.parseOrNull(response.body());
        String error;
        String documentation = null;
        if (json != null && json.path("error").isTextual()) {
            error = json.get("error").asText();
            if (json.path("errors").isArray() && !json.get("errors").isEmpty()) {
                error += " -> errors: " + Json.texts(json, "errors");
            }
            documentation = Json.text(json, "documentation");
        } else {
            error = excerpt(response);
        }
        error = Redact.text(error, secret);
        String hint = Hints.forStatus(response.status(), error, call.resource, hostOf(baseUrl), attempts,
                call.idempotent, response.header("location"));
        String requestId = response.header("x-request-id");
        return new TinybirdApiException(call.action, call.method, shown, response.status(), error, documentation,
                requestId, attempts, json, hint);
    }

    /** A non-envelope body, whitespace collapsed and shortened; the status line when the body is empty. */
    private static String excerpt(Response response) {
        String text = response.text().replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return "HTTP " + response.status() + (response.reason() == null || response.reason().isEmpty() ? ""
                    : " " + response.reason()) + " with an empty body";
        }
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
    }

    private static TinybirdConnectionException.Kind classify(IOException e) {
        if (e instanceof UnknownHostException) {
            return TinybirdConnectionException.Kind.UNKNOWN_HOST;
        }
        if (e instanceof ConnectTimeoutException) {
            return TinybirdConnectionException.Kind.CONNECT_TIMEOUT;
        }
        if (e instanceof ConnectException) {
            return TinybirdConnectionException.Kind.CONNECTION_REFUSED;
        }
        if (e instanceof SocketTimeoutException) {
            return TinybirdConnectionException.Kind.READ_TIMEOUT;
        }
        if (e instanceof SSLException) {
            return TinybirdConnectionException.Kind.TLS;
        }
        if (e instanceof NoHttpResponseException || e instanceof ConnectionClosedException
                || e instanceof SocketException || e instanceof EOFException) {
            return TinybirdConnectionException.Kind.CONNECTION_LOST;
        }
        return TinybirdConnectionException.Kind.OTHER;
    }

    private String describe(TinybirdConnectionException.Kind kind, IOException e) {
        String host = hostOf(baseUrl);
        return switch (kind) {
            case UNKNOWN_HOST -> "unknown host " + host;
            case CONNECTION_REFUSED -> "connection refused by " + host;
            case CONNECT_TIMEOUT -> "timed out connecting to " + host;
            case READ_TIMEOUT -> "no answer from " + host + " within the read timeout";
            case CONNECTION_LOST -> "the connection to " + host + " was closed before an answer (" + e + ")";
            case TLS -> "TLS failure with " + host + " (" + e.getMessage() + ")";
            case OTHER -> e.toString();
        };
    }

    /** {@code scheme://host[:port]} of a base URL, for messages. */
    static String hostOf(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}

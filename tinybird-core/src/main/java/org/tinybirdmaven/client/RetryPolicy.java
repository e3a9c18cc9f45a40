package org.tinybirdmaven.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a request is retried: up to {@code maxAttempts} attempts in all, waiting an
 * exponential backoff with full jitter between them (a random delay between 0 and
 * {@code min(maxDelay, baseDelay * 2^(retry - 1))}), or what the server's {@code Retry-After} asks for, capped at
 * {@code maxDelay}. Which requests are retried at all is decided by the client (idempotent ones on 429, 502, 503,
 * 504 and connection failures; others on 429 only).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Four attempts, 500 ms base delay, 30 s at most between two attempts. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30));

    /** One attempt: nothing is retried. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /** The jittered delay before retry number {@code retry} (1 for the wait after the first attempt). */
    Duration backoff(int retry, RandomGenerator random) {
        long cap = maxDelay.toMillis();
        long base = baseDelay.toMillis();
        // Doubling stops once it reaches the cap, so large retry numbers cannot overflow.
        long exponential = base;
        for (int i = 1; i < retry && exponential < cap; i++) {
            exponential *= 2;
        }
        long bound = Math.min(cap, exponential);
        return Duration.ofMillis(bound <= 0 ? 0 : random.nextLong(bound + 1));
    }

    /** What the server asked for, but never more than {@code maxDelay}. */
    Duration capped(Duration requested) {
        if (requested.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(maxDelay) > 0 ? maxDelay : requested;
    }
}

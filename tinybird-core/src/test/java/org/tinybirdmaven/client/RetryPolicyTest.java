package org.tinybirdmaven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void backoffDoublesUpToTheMaximumDelay() {
        assertThat(policy.backoff(1, Clients.MAX_JITTER)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, Clients.MAX_JITTER)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(4, Clients.MAX_JITTER)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(5, Clients.MAX_JITTER)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(500, Clients.MAX_JITTER)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fullJitterSpreadsDelaysBetweenZeroAndTheBound() {
        Random random = new Random(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 200; i++) {
            long delay = policy.backoff(3, random).toMillis();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isBetween(0L, 100L);
        assertThat(max).isBetween(300L, 400L);
    }

    @Test
    void serverRequestedDelaysAreCappedAtTheMaximum() {
        assertThat(policy.capped(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.capped(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.capped(Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO))
                .hasMessageContaining("negative");
        assertThat(RetryPolicy.NONE.backoff(1, Clients.MAX_JITTER)).isEqualTo(Duration.ZERO);
    }
}

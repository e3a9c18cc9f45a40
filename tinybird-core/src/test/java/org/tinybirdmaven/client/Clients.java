package org.tinybirdmaven.client;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** Client builders for tests: fake time, jitter always at its maximum, short retry delays. */
final class Clients {

    static final String TOKEN = "p.SENTINEL-7f3c9a-TOKEN";
    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    /** Full jitter draws below the bound; this one always draws its largest value, so delays are predictable. */
    static final RandomGenerator MAX_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private Clients() {}

    static TinybirdClient.Builder builder(String url, FakeTime time) {
        return TinybirdClient.builder(url, () -> TOKEN).sleeper(time).clock(time).random(MAX_JITTER)
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(10)));
    }

    static TinybirdClient client(CannedServer server, FakeTime time) {
        return builder(server.url(), time).build();
    }

    static TinybirdClient client(CannedServer server) {
        return client(server, new FakeTime(START));
    }
}

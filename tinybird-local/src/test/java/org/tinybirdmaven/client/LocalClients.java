package org.tinybirdmaven.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinybirdmaven.server.TestServer;

/** Clients of the shared local test server, with a sleeper that records instead of sleeping. */
final class LocalClients {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private LocalClients() {}

    static String userToken() {
        return TestServer.localTokens().get("user_token").asText();
    }

    static String adminToken() {
        return TestServer.localTokens().get("workspace_admin_token").asText();
    }

    static String baseUrl() {
        return TestServer.get().baseUrl().toString();
    }

    /** A name no other test of this JVM uses. */
    static String unique(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
    }

    /** Every wait asked for, none done. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }

    static TinybirdClient.Builder builder(String token, Sleeper sleeper) {
        return TinybirdClient.builder(baseUrl(), () -> token).sleeper(sleeper)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(10)));
    }
}

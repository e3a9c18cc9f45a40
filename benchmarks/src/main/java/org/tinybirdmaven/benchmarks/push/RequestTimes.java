package org.tinybirdmaven.benchmarks.push;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.tinybirdmaven.client.ClientListener;

/**
 * How long the requests of a push took as the client saw them, per kind of request ({@link RequestCounter}'s
 * patterns): the injected latency plus the server's own work plus any wait for a connection.
 */
final class RequestTimes implements ClientListener {

    private record Sum(LongAdder count, LongAdder millis) {}

    private final Map<String, Sum> sums = new ConcurrentHashMap<>();

    @Override
    public void requestFinished(String method, String path, int attempt, int status, long elapsedMillis) {
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String label = RequestCounter.PATTERNS.stream()
                .filter(p -> p.method().equals(method) && plain.matches(p.path()))
                .map(RequestCounter.Pattern::label).findFirst().orElse(method + " " + plain);
        Sum sum = sums.computeIfAbsent(label, l -> new Sum(new LongAdder(), new LongAdder()));
        sum.count().increment();
        sum.millis().add(elapsedMillis);
    }

    /** {@code label → "count × mean ms"}, in {@link RequestCounter#PATTERNS} order. */
    Map<String, String> summary() {
        Map<String, String> summary = new LinkedHashMap<>();
        for (RequestCounter.Pattern pattern : RequestCounter.PATTERNS) {
            Sum sum = sums.get(pattern.label());
            if (sum != null) {
                summary.put(pattern.label(), String.format(Locale.ROOT, "%d × %.0f ms", sum.count().sum(),
                        (double) sum.millis().sum() / sum.count().sum()));
            }
        }
        return summary;
    }
}

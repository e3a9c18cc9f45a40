package org.tinybirdmaven.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Faults injected into matching requests so that clients can be tested against what a remote Tinybird does under
 * load or failure: latency, 429 with {@code Retry-After}, 5xx answers and dropped connections. Off until rules are
 * set through {@code PUT /_local/faults}.
 */
public final class Faults {

    /**
     * One rule: requests whose method (null: any) and path match get {@code latencyMillis} of delay and then, if
     * {@code status} is set, that status instead of the real answer, or a dropped connection. {@code times} limits
     * how many requests are affected (a negative value: all).
     */
    public record Rule(String method, Pattern path, long latencyMillis, Integer status, Integer retryAfterSeconds,
                       boolean drop, int times) {}

    /** What to do with one request. */
    public record Action(long latencyMillis, Integer status, Integer retryAfterSeconds, boolean drop) {}

    /** A rule and how many requests it has affected since it was set. */
    public record Status(Rule rule, int matched) {}

    private record ActiveRule(Rule rule, AtomicInteger remaining, AtomicInteger matched) {}

    private volatile List<ActiveRule> rules = List.of();

    public void set(List<Rule> newRules) {
        List<ActiveRule> active = new ArrayList<>();
        newRules.forEach(rule -> active.add(new ActiveRule(rule, new AtomicInteger(rule.times()),
                new AtomicInteger())));
        rules = List.copyOf(active);
    }

    /**
     * The rules with their counts; a catch-all rule without effect ({@code latency_ms} 0, no status) thus counts
     * requests, e.g. the requests a client sends per path.
     */
    public List<Status> status() {
        return rules.stream().map(active -> new Status(active.rule(), active.matched().get())).toList();
    }

    /** The first matching rule that still has requests to affect. */
    public Optional<Action> match(String method, String path) {
        for (ActiveRule active : rules) {
            Rule rule = active.rule();
            if (rule.method() != null && !rule.method().equalsIgnoreCase(method)
                    || !rule.path().matcher(path).matches()) {
                continue;
            }
            if (rule.times() >= 0 && active.remaining().getAndDecrement() <= 0) {
                continue;
            }
            active.matched().incrementAndGet();
            return Optional.of(new Action(rule.latencyMillis(), rule.status(), rule.retryAfterSeconds(),
                    rule.drop()));
        }
        return Optional.empty();
    }
}

package org.tinybirdmaven.benchmarks.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinybirdmaven.benchmarks.server.BenchServer;

/**
 * Delays and counts the API requests a push sends, on the server: one fault rule per kind of request, each adding
 * the same latency (a remote Tinybird's round trip) and counting what it matched ({@code /_local/faults}).
 */
final class RequestCounter {

    /** What a request does: reads a list, reads one resource, or changes something. */
    enum Kind { LIST, READ, WRITE }

    /** A kind of request: method, path pattern, and a label for the report. */
    record Pattern(String label, Kind kind, String method, String path) {}

    static final List<Pattern> PATTERNS = List.of(
            new Pattern("GET /v0/workspace", Kind.LIST, "GET", "/v0/workspace"),
            new Pattern("GET /v0/datasources", Kind.LIST, "GET", "/v0/datasources"),
            new Pattern("GET /v0/pipes", Kind.LIST, "GET", "/v0/pipes"),
            new Pattern("GET /v0/tokens", Kind.LIST, "GET", "/v0/tokens"),
            new Pattern("GET /v0/datasources/{name}", Kind.READ, "GET", "/v0/datasources/[^/]+"),
            new Pattern("GET /v0/pipes/{name}", Kind.READ, "GET", "/v0/pipes/[^/]+"),
            new Pattern("GET /v0/jobs/{id}", Kind.READ, "GET", "/v0/jobs/.+"),
            new Pattern("GET (other)", Kind.READ, "GET", "/v0/.*"),
            new Pattern("POST /v0/datasources", Kind.WRITE, "POST", "/v0/datasources"),
            new Pattern("POST /v0/datasources/{name}/…", Kind.WRITE, "POST", "/v0/datasources/.+"),
            new Pattern("POST /v0/pipes", Kind.WRITE, "POST", "/v0/pipes"),
            new Pattern("POST /v0/pipes/{name}/…", Kind.WRITE, "POST", "/v0/pipes/.+"),
            new Pattern("POST /v0/tokens", Kind.WRITE, "POST", "/v0/tokens"),
            new Pattern("PUT /v0/tokens/{name}", Kind.WRITE, "PUT", "/v0/tokens/.+"),
            new Pattern("POST (other)", Kind.WRITE, "POST", "/v0/.*"),
            new Pattern("PUT (other)", Kind.WRITE, "PUT", "/v0/.*"),
            new Pattern("DELETE (other)", Kind.WRITE, "DELETE", "/v0/.*"));

    /** Requests per pattern label, in {@link #PATTERNS} order. */
    record Counts(Map<String, Integer> byLabel) {

        int total() {
            return byLabel.values().stream().mapToInt(Integer::intValue).sum();
        }

        int of(Kind kind) {
            return PATTERNS.stream().filter(p -> p.kind() == kind).mapToInt(p -> byLabel.get(p.label())).sum();
        }

        int of(String label) {
            return byLabel.getOrDefault(label, 0);
        }

        /** Only the patterns that matched something. */
        Map<String, Integer> nonZero() {
            Map<String, Integer> nonZero = new LinkedHashMap<>();
            byLabel.forEach((label, count) -> {
                if (count > 0) {
                    nonZero.put(label, count);
                }
            });
            return nonZero;
        }
    }

    private final BenchServer server;
    private final long latencyMillis;

    RequestCounter(BenchServer server, long latencyMillis) {
        this.server = server;
        this.latencyMillis = latencyMillis;
    }

    long latencyMillis() {
        return latencyMillis;
    }

    /** Sets the rules, which also resets the counts. */
    void start() throws IOException, InterruptedException {
        List<String> rules = new ArrayList<>();
        for (Pattern pattern : PATTERNS) {
            rules.add("{\"method\": \"" + pattern.method() + "\", \"path\": \"" + pattern.path()
                    + "\", \"latency_ms\": " + latencyMillis + "}");
        }
        server.setFaults("[" + String.join(", ", rules) + "]");
    }

    /** The counts since {@link #start()}; the rules are removed. */
    Counts stop() throws IOException, InterruptedException {
        JsonNode rules = server.faults();
        server.setFaults("[]");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < PATTERNS.size(); i++) {
            counts.put(PATTERNS.get(i).label(), rules.get(i).get("matched").asInt());
        }
        return new Counts(counts);
    }
}

package org.tinybirdmaven.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tinybirdmaven.server.auth.Caller;
import org.tinybirdmaven.server.catalog.Catalog;

/**
 * {@code GET|PUT|DELETE /_local/faults} (user token): the fault rules, as a JSON list of
 * {@code {"method", "path" (regular expression), "latency_ms", "status", "retry_after", "drop", "times"}}; the answers add
 * {@code "matched"}, how many requests each rule has affected since it was set.
 */
public final class FaultRoutes {

    private final Catalog catalog;
    private final Faults faults;

    public FaultRoutes(Catalog catalog, Faults faults) {
        this.catalog = catalog;
        this.faults = faults;
    }

    public void register(Router router) {
        router.get("/_local/faults", this::list);
        router.put("/_local/faults", this::set);
        router.delete("/_local/faults", this::clear);
    }

    private ApiResponse list(ApiRequest request) {
        Caller.of(request, catalog).requireUser();
        return ApiResponse.json(Map.of("faults", faults.status().stream().map(FaultRoutes::json).toList()));
    }

    private ApiResponse set(ApiRequest request) {
        Caller.of(request, catalog).requireUser();
        JsonNode body = request.jsonBody();
        if (!body.isArray()) {
            throw ApiException.badRequest("Expected a JSON list of fault rules");
        }
        List<Faults.Rule> rules = new ArrayList<>();
        for (JsonNode node : body) {
            rules.add(rule(node));
        }
        faults.set(rules);
        return list(request);
    }

    private ApiResponse clear(ApiRequest request) {
        Caller.of(request, catalog).requireUser();
        faults.set(List.of());
        return ApiResponse.json(Map.of("faults", List.of()));
    }

    private static Faults.Rule rule(JsonNode node) {
        if (!node.hasNonNull("path")) {
            throw ApiException.badRequest("Each fault rule needs a 'path' regular expression");
        }
        Pattern path;
        try {
            path = Pattern.compile(node.get("path").asText());
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest("Invalid 'path' pattern: " + e.getDescription());
        }
        Integer status = node.hasNonNull("status") ? node.get("status").asInt() : null;
        if (status != null && (status < 400 || status > 599)) {
            throw ApiException.badRequest("A fault 'status' must be between 400 and 599");
        }
        return new Faults.Rule(node.hasNonNull("method") ? node.get("method").asText() : null, path,
                node.path("latency_ms").asLong(0), status,
                node.hasNonNull("retry_after") ? node.get("retry_after").asInt() : null,
                node.path("drop").asBoolean(false), node.path("times").asInt(-1));
    }

    private static Map<String, Object> json(Faults.Status status) {
        Faults.Rule rule = status.rule();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", rule.method());
        json.put("path", rule.path().pattern());
        json.put("latency_ms", rule.latencyMillis());
        json.put("status", rule.status());
        json.put("retry_after", rule.retryAfterSeconds());
        json.put("drop", rule.drop());
        json.put("times", rule.times());
        json.put("matched", status.matched());
        return json;
    }
}

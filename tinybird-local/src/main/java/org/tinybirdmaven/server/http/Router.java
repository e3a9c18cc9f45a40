package org.tinybirdmaven.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@code METHOD /path/{param}} patterns to handlers. A pattern segment {@code {name}} matches one path
 * segment; {@code {name}.{format}} matches {@code top.json}. Routes are tried in registration order.
 */
public final class Router {

    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, String[] segments, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    public Router get(String pattern, Handler handler) {
        return add("GET", pattern, handler);
    }

    public Router post(String pattern, Handler handler) {
        return add("POST", pattern, handler);
    }

    public Router put(String pattern, Handler handler) {
        return add("PUT", pattern, handler);
    }

    public Router delete(String pattern, Handler handler) {
        return add("DELETE", pattern, handler);
    }

    /** Runs the matching route; 404 when no pattern matches, 405 when only the method differs. */
    public ApiResponse dispatch(ApiRequest request) throws Exception {
        String[] path = split(request.path());
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> parameters = match(route.segments(), path);
            if (parameters == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(request.method())) {
                request.pathParameters(parameters);
                return route.handler().handle(request);
            }
        }
        if (pathMatched) {
            throw new ApiException(405, "Method " + request.method() + " not allowed for " + request.path());
        }
        throw ApiException.notFound("Not found: " + request.path());
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (!matchSegment(pattern[i], path[i], parameters)) {
                return null;
            }
        }
        return parameters;
    }

    private static boolean matchSegment(String pattern, String segment, Map<String, String> parameters) {
        if (!pattern.contains("{")) {
            return pattern.equals(segment);
        }
        if (pattern.matches("\\{\\w+}")) {
            parameters.put(pattern.substring(1, pattern.length() - 1), segment);
            return !segment.isEmpty();
        }
        // {name}.{format}: split at the last dot of the segment.
        int dot = segment.lastIndexOf('.');
        String[] names = pattern.replace("{", "").replace("}", "").split("\\.");
        if (dot <= 0 || names.length != 2) {
            return false;
        }
        parameters.put(names[0], segment.substring(0, dot));
        parameters.put(names[1], segment.substring(dot + 1));
        return true;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}

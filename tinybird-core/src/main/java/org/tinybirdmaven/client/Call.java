package org.tinybirdmaven.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.hc.core5.http.HttpEntity;

/** One API call to make: method, path, query, body, whether it may be repeated, and what it is for (for errors). */
final class Call {

    final String method;
    final String path;
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    /** Makes the body afresh for every attempt; null for no body. */
    Supplier<HttpEntity> body;
    boolean idempotent;
    String action;
    String resource;

    private Call(String method, String path) {
        this.method = method;
        this.path = path;
        this.idempotent = method.equals("GET") || method.equals("HEAD") || method.equals("DELETE");
        this.action = method + " " + path;
    }

    static Call get(String path) {
        return new Call("GET", path);
    }

    static Call post(String path) {
        return new Call("POST", path);
    }

    static Call put(String path) {
        return new Call("PUT", path);
    }

    static Call delete(String path) {
        return new Call("DELETE", path);
    }

    /** A query parameter; null values are left out. */
    Call param(String name, Object value) {
        if (value != null) {
            query.add(new AbstractMap.SimpleImmutableEntry<>(name, value.toString()));
        }
        return this;
    }

    Call params(Map<String, String> values) {
        values.forEach(this::param);
        return this;
    }

    Call body(Supplier<HttpEntity> body) {
        this.body = body;
        return this;
    }

    /** Marks a POST that only reads (a query too long for a GET), so it is retried like a GET. */
    Call readOnly() {
        this.idempotent = true;
        return this;
    }

    /**
     * @param action   what the call does, for "Could not {action}"
     * @param resource what it concerns, e.g. {@code datasource 'events'}, or null
     */
    Call about(String action, String resource) {
        this.action = action;
        this.resource = resource;
        return this;
    }

    String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + form(query);
    }

    /** {@code a=1&b=2}, percent-encoded (spaces as {@code %20}, which query strings and form bodies both accept). */
    static String form(List<Map.Entry<String, String>> pairs) {
        return pairs.stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** One path segment or query component, percent-encoded. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

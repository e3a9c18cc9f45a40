package org.tinybirdmaven.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One API call. Tinybird reads parameters from the query string or, for form-encoded requests, from the body, and
 * the token from {@code ?token=} first, then from {@code Authorization: Bearer}.
 */
public final class ApiRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final InputStream body;
    private Map<String, String> pathParameters = Map.of();
    private byte[] bodyBytes;
    private Map<String, List<String>> form;

    public ApiRequest(String method, String path, String rawQuery, Map<String, String> headers, InputStream body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.query = parseQuery(rawQuery);
        this.headers.putAll(headers);
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    void pathParameters(Map<String, String> values) {
        pathParameters = Map.copyOf(values);
    }

    /** A {@code {name}} segment of the matched route. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no {" + name + "}");
        }
        return value;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public String contentType() {
        return header("Content-Type").orElse("");
    }

    public boolean isForm() {
        return contentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    public boolean isJson() {
        return contentType().toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    public boolean isMultipart() {
        return contentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The first value of a parameter from the query string, else from a form body. */
    public Optional<String> param(String name) {
        List<String> values = params(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a repeated parameter ({@code scope=a&scope=b}), query string first. */
    public List<String> params(String name) {
        List<String> values = new ArrayList<>(query.getOrDefault(name, List.of()));
        values.addAll(form().getOrDefault(name, List.of()));
        return values;
    }

    public boolean flag(String name) {
        return param(name).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }

    /** Every parameter, query string first (for template variables). */
    public Map<String, List<String>> allParams() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        query.forEach((k, v) -> all.computeIfAbsent(k, key -> new ArrayList<>()).addAll(v));
        form().forEach((k, v) -> all.computeIfAbsent(k, key -> new ArrayList<>()).addAll(v));
        return all;
    }

    private Map<String, List<String>> form() {
        if (form == null) {
            form = isForm() ? parseQuery(new String(bodyBytes(), StandardCharsets.UTF_8)) : Map.of();
        }
        return form;
    }

    /** The token of the caller, if it sent one. */
    public Optional<String> token() {
        Optional<String> fromQuery = Optional.ofNullable(query.get("token")).filter(v -> !v.isEmpty())
                .map(v -> v.get(0));
        if (fromQuery.isPresent()) {
            return fromQuery;
        }
        return header("Authorization").map(value -> value.split(" ")).filter(parts -> parts.length == 2
                && parts[0].equals("Bearer")).map(parts -> parts[1]);
    }

    /** The whole body, read once. */
    public byte[] bodyBytes() {
        if (bodyBytes == null) {
            try {
                bodyBytes = body.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodyBytes;
    }

    /** The body as a stream, for uploads that must not be held in memory; only one of the body methods may be used. */
    public InputStream bodyStream() {
        return body;
    }

    public JsonNode jsonBody() {
        return Json.read(bodyBytes());
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parsed;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parsed.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Malformed URL encoding in '" + text + "'");
        }
    }
}

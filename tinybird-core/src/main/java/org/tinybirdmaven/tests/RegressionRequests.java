package org.tinybirdmaven.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TinybirdClientException;
import org.tinybirdmaven.datafile.Node;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.syntax.SyntaxException;
import org.tinybirdmaven.template.TemplateParameter;
import org.tinybirdmaven.template.TemplateParser;

/**
 * The requests a regression test sends to an endpoint.
 *
 * <p><b>coverage</b> derives them from the endpoint's template parameters (its {@code .pipe} file): first one request
 * that sets only the required parameters without a default (to their {@code example=}, else their first
 * {@code enum=} value), so every default applies; then, for each parameter in order, up to
 * {@code samples_by_params} requests that add one of its sample values: its {@code enum=} values, then its
 * {@code example=}. A default is no sample (the first request already uses it). The test's own {@code params} come
 * last, and {@code limit} caps the count. A required parameter with neither default, example nor enum cannot be
 * covered: the endpoint is reported as skipped, with a hint to add an {@code example=} or a manual test.
 *
 * <p><b>last</b> replays the parameters of the endpoint's latest requests, read from the baseline workspace's
 * {@code tinybird.pipe_stats_rt} service datasource. Where that log cannot be read or holds no request of the
 * endpoint (the local server's is always empty), it falls back to coverage with a warning.
 */
final class RegressionRequests {

    /** Query-string names that are request options, not template parameters. */
    private static final Set<String> NOT_PARAMETERS = Set.of("token", "q", "format", "pipeline");

    /** The requests, or why there are none. */
    record Plan(List<Map<String, String>> requests, String skipReason) {}

    private RegressionRequests() {}

    /** The template parameters of every node of a pipe, first use first. */
    static List<TemplateParameter> parameters(PipeFile pipe) {
        Map<String, TemplateParameter> found = new LinkedHashMap<>();
        for (Node node : pipe.nodes()) {
            if (node.sql() != null && node.sql().template()) {
                try {
                    TemplateParser.parse(node.sql().templateSource()).parameters()
                            .forEach(p -> found.putIfAbsent(p.name(), p));
                } catch (SyntaxException e) {
                    // tinybird:check reports it; the endpoint is still compared with its defaults.
                }
            }
        }
        return List.copyOf(found.values());
    }

    static Plan coverage(List<TemplateParameter> parameters, RegressionFile.Test test) {
        Map<String, String> base = new LinkedHashMap<>();
        for (TemplateParameter parameter : parameters) {
            if (Boolean.TRUE.equals(parameter.required()) && parameter.defaultValue() == null) {
                List<String> samples = samples(parameter);
                if (samples.isEmpty()) {
                    return new Plan(List.of(), "required parameter '" + parameter.name() + "' has no default,"
                            + " example= or enum= to build a request from; add one, or a manual test in "
                            + RegressionFile.PATH);
                }
                base.put(parameter.name(), samples.get(0));
            }
        }
        Set<Map<String, String>> requests = new LinkedHashSet<>();
        requests.add(base);
        for (TemplateParameter parameter : parameters) {
            samples(parameter).stream().limit(test.samplesByParams()).forEach(value -> {
                Map<String, String> request = new LinkedHashMap<>(base);
                request.put(parameter.name(), value);
                requests.add(request);
            });
        }
        requests.addAll(test.params());
        return new Plan(requests.stream().limit(test.limit()).toList(), null);
    }

    /** The parameters of the pipe's latest requests, or null when the baseline keeps no request log. */
    static List<Map<String, String>> last(TinybirdClient baseline, String pipe, int limit) {
        JsonNode answer;
        try {
            answer = baseline.sql("SELECT url FROM tinybird.pipe_stats_rt WHERE pipe_name = '"
                    + pipe.replace("\\", "\\\\").replace("'", "\\'") + "' AND url != ''"
                    + " ORDER BY start_datetime DESC LIMIT " + limit + " FORMAT JSON", null).json();
        } catch (TinybirdClientException | java.io.UncheckedIOException e) {
            return null;
        }
        Set<Map<String, String>> requests = new LinkedHashSet<>();
        for (JsonNode row : answer.path("data")) {
            requests.add(queryParameters(row.path("url").asText()));
        }
        return new ArrayList<>(requests);
    }

    /** The template parameters of a logged request URL. */
    static Map<String, String> queryParameters(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        int start = url.indexOf('?');
        if (start < 0) {
            return params;
        }
        for (String pair : url.substring(start + 1).split("[&#]")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!name.isEmpty() && !NOT_PARAMETERS.contains(name) && !name.startsWith("_")) {
                params.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static List<String> samples(TemplateParameter parameter) {
        List<String> samples = new ArrayList<>();
        parameter.enumValues().forEach(value -> samples.add(text(value)));
        if (parameter.example() != null) {
            samples.add(text(parameter.example()));
        }
        samples.removeIf(java.util.Objects::isNull);
        return samples.stream().distinct().toList();
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(RegressionRequests::text).toList());
        }
        return value == null ? null : value.toString();
    }
}

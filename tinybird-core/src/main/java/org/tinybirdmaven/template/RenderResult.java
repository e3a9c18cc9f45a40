package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A rendered template: the SQL and the side effects the server must apply when running it. {@link #toString()}
 * never shows the values of bound query parameters (they are secrets).
 */
public final class RenderResult {
    private final String sql;
    private final Integer maxThreads;
    private final String cacheTtl;
    private final String backendHint;
    private final String activatedFeature;
    private final String disabledFeature;
    private final Map<String, String> queryParameters;
    private final List<String> reservedParameterNames;

    RenderResult(
            String sql,
            Integer maxThreads,
            String cacheTtl,
            String backendHint,
            String activatedFeature,
            String disabledFeature,
            Map<String, String> queryParameters,
            List<String> reservedParameterNames) {
        this.sql = sql;
        this.maxThreads = maxThreads;
        this.cacheTtl = cacheTtl;
        this.backendHint = backendHint;
        this.activatedFeature = activatedFeature;
        this.disabledFeature = disabledFeature;
        this.queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(queryParameters));
        this.reservedParameterNames = List.copyOf(reservedParameterNames);
    }

    /** The SQL to run. Output whitespace is exactly the template's. */
    public String sql() {
        return sql;
    }

    /** The {@code max_threads} query setting requested by {@code max_threads(n)}; the last valid call wins. */
    public OptionalInt maxThreads() {
        return maxThreads == null ? OptionalInt.empty() : OptionalInt.of(maxThreads);
    }

    /** The cache TTL requested by {@code cache_ttl(...)}: one of {@code 5s 1m 5m 30m 1h}. */
    public Optional<String> cacheTtl() {
        return Optional.ofNullable(cacheTtl);
    }

    /** The routing hint of {@code backend_hint(value)} ({@code str(value)}); empty if never set or cleared. */
    public Optional<String> backendHint() {
        return Optional.ofNullable(backendHint);
    }

    /**
     * The feature of {@code activate(...)}: {@code analyzer} (set {@code allow_experimental_analyzer=1}) or
     * {@code parallel_replicas}. Tinybird keeps one value: the last call wins.
     */
    public Optional<String> activatedFeature() {
        return Optional.ofNullable(activatedFeature);
    }

    /** The argument of {@code disable(...)}, in practice {@code analyzer}; the last call wins. */
    public Optional<String> disabledFeature() {
        return Optional.ofNullable(disabledFeature);
    }

    /**
     * Query parameters the SQL refers to as <code>{name: String}</code> (from {@code tb_secret}/{@code tb_var}),
     * name → value: pass them to ClickHouse server-side (HTTP {@code param_<name>}), never inline them.
     */
    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    /**
     * Reserved request-option names the template uses as variables ({@code token}, {@code debug}, ...), one entry per
     * tag using them, as Tinybird collects them for its warning.
     */
    public List<String> reservedParameterNames() {
        return reservedParameterNames;
    }

    /** Tinybird's warning about {@link #reservedParameterNames()}, if any. */
    public Optional<String> reservedParameterWarning() {
        List<String> names = reservedParameterNames;
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (names.size() == 1) {
            return Optional.of("The parameter name \"" + names.get(0)
                    + "\" is a reserved word. Please, choose another name or the pipe will not work as expected.");
        }
        List<String> quoted = new ArrayList<>();
        names.subList(0, names.size() - 1).forEach(name -> quoted.add("\"" + name + "\""));
        return Optional.of("The parameter names " + String.join(", ", quoted) + " and \"" + names.get(names.size() - 1)
                + "\" are reserved words. Please, choose another name or the pipe will not work as expected.");
    }

    @Override
    public String toString() {
        return "RenderResult[sql=" + sql + ", maxThreads=" + maxThreads + ", cacheTtl=" + cacheTtl + ", backendHint="
                + backendHint + ", activatedFeature=" + activatedFeature + ", disabledFeature=" + disabledFeature
                + ", queryParameters=" + queryParameters.keySet() + ", reservedParameterNames="
                + reservedParameterNames + "]";
    }
}

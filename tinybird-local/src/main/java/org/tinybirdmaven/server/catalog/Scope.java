package org.tinybirdmaven.server.catalog;

import java.util.Locale;
import java.util.Set;

/**
 * A token scope: {@code TYPE[:resource][:filter]}, e.g. {@code ADMIN}, {@code DATASOURCES:APPEND:events},
 * {@code PIPES:READ:top_products}. Types that need a resource reject a scope without one.
 */
public record Scope(String type, String resource, String filter) {

    public static final String ADMIN = "ADMIN";
    public static final String ADMIN_USER = "ADMIN_USER";
    public static final String DATASOURCES_CREATE = "DATASOURCES:CREATE";
    public static final String DATASOURCES_APPEND = "DATASOURCES:APPEND";
    public static final String DATASOURCES_READ = "DATASOURCES:READ";
    public static final String DATASOURCES_DROP = "DATASOURCES:DROP";
    public static final String PIPES_CREATE = "PIPES:CREATE";
    public static final String PIPES_READ = "PIPES:READ";
    public static final String PIPES_DROP = "PIPES:DROP";
    public static final String TOKENS = "TOKENS";

    private static final Set<String> WITHOUT_RESOURCE = Set.of(ADMIN, DATASOURCES_CREATE, PIPES_CREATE, TOKENS);
    private static final Set<String> WITH_RESOURCE = Set.of(ADMIN_USER, DATASOURCES_APPEND, DATASOURCES_READ,
            DATASOURCES_DROP, PIPES_READ, PIPES_DROP);

    /** Parses the string form; null when the type is unknown or a required resource is missing. */
    public static Scope parse(String text) {
        String[] parts = text.strip().split(":", -1);
        String first = parts[0].toUpperCase(Locale.ROOT);
        if (WITHOUT_RESOURCE.contains(first) && parts.length == 1) {
            return new Scope(first, null, null);
        }
        if (first.equals(ADMIN_USER) && parts.length == 2 && !parts[1].isEmpty()) {
            return new Scope(first, parts[1], null);
        }
        if (parts.length < 2) {
            return null;
        }
        String type = first + ":" + parts[1].toUpperCase(Locale.ROOT);
        if (WITHOUT_RESOURCE.contains(type) && parts.length == 2) {
            return new Scope(type, null, null);
        }
        if (!WITH_RESOURCE.contains(type) || parts.length < 3 || parts[2].isEmpty()) {
            return null;
        }
        String filter = parts.length > 3 ? String.join(":", java.util.Arrays.copyOfRange(parts, 3, parts.length))
                : null;
        boolean filterable = type.equals(DATASOURCES_READ) || type.equals(PIPES_READ);
        return filter != null && !filterable ? null : new Scope(type, parts[2], filter);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAdmin() {
        return type.equals(ADMIN) || type.equals(ADMIN_USER);
    }

    @Override
    public String toString() {
        return type + (resource == null ? "" : ":" + resource) + (filter == null ? "" : ":" + filter);
    }
}

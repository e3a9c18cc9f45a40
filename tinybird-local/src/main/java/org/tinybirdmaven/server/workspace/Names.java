package org.tinybirdmaven.server.workspace;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tinybird's rules for workspace, datasource and pipe names. */
public final class Names {

    private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** SQL and ClickHouse keywords that would make confusing table names (not exhaustive, the usual suspects). */
    private static final Set<String> RESERVED = Set.of("select", "from", "where", "group", "order", "by", "limit",
            "having", "join", "left", "right", "inner", "outer", "full", "cross", "on", "using", "as", "and", "or",
            "not", "in", "is", "null", "true", "false", "case", "when", "then", "else", "end", "with", "union",
            "all", "distinct", "insert", "into", "values", "create", "table", "drop", "alter", "delete", "update",
            "database", "default", "system", "format", "settings", "view", "between", "like", "array",
            "interval", "prewhere", "final", "sample", "tinybird");

    private Names() {}

    /** Why {@code name} is not valid, or null when it is. */
    public static String problem(String name) {
        if (name.startsWith("d_")) {
            return "'d_' is a reserved prefix. Name must start with a letter and contain only letters, numbers,"
                    + " and underscores.";
        }
        if (!VALID.matcher(name).matches()) {
            return "Name must start with a letter and contain only letters, numbers, and underscores.";
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return name + " is a reserved word. Name must start with a letter and contain only letters, numbers,"
                    + " and underscores. Hint: use " + name + "_.";
        }
        return null;
    }
}

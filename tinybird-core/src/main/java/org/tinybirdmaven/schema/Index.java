package org.tinybirdmaven.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One data-skipping index of a datasource, from its {@code INDEXES} block.
 *
 * @param name        the index name, without backquotes
 * @param expression  the indexed expression as written, e.g. {@code arrayMap(x -> lower(x), tags)}
 * @param type        the index type with its arguments as written, e.g. {@code bloom_filter(0.01)}
 * @param granularity the GRANULARITY, or null when not given (ClickHouse then uses 1)
 */
public record Index(String name, String expression, String type, Integer granularity) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(type, "type");
    }

    /** The index as ClickHouse and the Tinybird API take it: {@code INDEX name expr TYPE t [GRANULARITY n]}. */
    public String toSql() {
        String quotedName = PLAIN_NAME.matcher(name).matches() ? name : "`" + name + "`";
        String sql = "INDEX " + quotedName + " " + expression + " TYPE " + type;
        return granularity == null ? sql : sql + " GRANULARITY " + granularity;
    }
}

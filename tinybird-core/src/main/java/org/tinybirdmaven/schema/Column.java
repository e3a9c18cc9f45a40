package org.tinybirdmaven.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tinybirdmaven.schema.DataType.Argument;
import org.tinybirdmaven.schema.DataType.TypeArgument;

/**
 * One column of a datasource schema, normalised the way the Tinybird CLI does it.
 *
 * @param name         the column name, without backquotes
 * @param type         the canonical data type with a top-level {@code Nullable(...)} removed; null when the schema
 *                     omits the type (only allowed together with a DEFAULT or MATERIALIZED expression)
 * @param nullable     whether the type was written as {@code Nullable(...)} at the top level
 * @param jsonpath     the NDJSON path without the {@code json:} prefix (e.g. {@code $.a.b}), or null
 * @param defaultValue the default with its keyword ({@code DEFAULT 0}, {@code MATERIALIZED expr}), or null
 * @param codec        the codec clause ({@code CODEC(ZSTD(1))}), or null
 */
public record Column(String name, String type, boolean nullable, String jsonpath, String defaultValue,
        String codec) {

    public Column {
        Objects.requireNonNull(name, "name");
    }

    /**
     * The type as it must be sent to Tinybird / ClickHouse: a nullable type re-wrapped in {@code Nullable(...)},
     * except that for {@code SimpleAggregateFunction(f, T)} the storage type moves inside:
     * {@code SimpleAggregateFunction(f, Nullable(T))}. Null when the schema omits the type.
     */
    public String fullType() {
        if (type == null || !nullable) {
            return type;
        }
        DataType parsed = DataType.parse(type);
        if (!parsed.family().equals("SimpleAggregateFunction")) {
            return "Nullable(" + type + ")";
        }
        List<Argument> arguments = parsed.arguments();
        TypeArgument storage = (TypeArgument) arguments.get(1);
        DataType wrapped = new DataType("Nullable", "Nullable", List.of(storage));
        List<Argument> rewritten = new ArrayList<>(arguments);
        rewritten.set(1, new TypeArgument(null, wrapped));
        return new DataType(parsed.name(), parsed.family(), rewritten).toString();
    }

    /**
     * The column as Tinybird serialises it for the API and the formatter:
     * {@code `name` <type> [`json:<path>`] [DEFAULT ...|MATERIALIZED ...] [CODEC(...)]}.
     */
    public String toSql() {
        StringBuilder sql = new StringBuilder("`").append(name).append('`');
        if (type != null) {
            sql.append(' ').append(fullType());
        }
        if (jsonpath != null) {
            sql.append(" `json:").append(jsonpath).append('`');
        }
        if (defaultValue != null) {
            sql.append(' ').append(defaultValue);
        }
        if (codec != null) {
            sql.append(' ').append(codec);
        }
        return sql.toString();
    }
}

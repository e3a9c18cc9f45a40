package org.tinybirdmaven.schema;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.tinybirdmaven.syntax.SyntaxException;

/**
 * A parsed and validated ClickHouse data type: a family name and its arguments, e.g.
 * {@code Map(String, Array(Nullable(String)))} or {@code AggregateFunction(quantiles(0.5, 0.9), Float64)}.
 *
 * <p>{@link #name()} is the family as written (ClickHouse accepts aliases such as {@code INT UNSIGNED} or
 * {@code varchar}), with the words of a multi-word alias separated by one space; {@link #family()} is the canonical
 * ClickHouse family it resolves to ({@code UInt32}, {@code String}). {@link #toString()} is the canonical text: the
 * name as written, arguments separated by {@code ", "}, no other whitespace, which ClickHouse parses back to the
 * same type.
 *
 * @param name      the family name as written
 * @param family    the canonical ClickHouse family
 * @param arguments the arguments in order; empty when the type was written without parentheses
 */
public record DataType(String name, String family, List<Argument> arguments) {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    public DataType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        arguments = List.copyOf(arguments);
    }

    /**
     * Parses and validates a ClickHouse data type.
     *
     * @throws SyntaxException for an unknown family, malformed text or arguments that ClickHouse would reject; the
     *                         position is relative to {@code text}
     */
    public static DataType parse(String text) {
        return TypeParser.parse(text, 0, text.length());
    }

    /** The arguments that are data types (element types of Array, Map, Tuple, ...), in order. */
    public List<DataType> typeArguments() {
        return arguments.stream()
                .filter(TypeArgument.class::isInstance)
                .map(argument -> ((TypeArgument) argument).type())
                .toList();
    }

    @Override
    public String toString() {
        if (arguments.isEmpty()) {
            return name;
        }
        return name + arguments.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** One argument of a data type. */
    public sealed interface Argument permits TypeArgument, Literal, EnumElement, Function, Setting, Skip {
    }

    /**
     * A nested data type, optionally named: a Tuple or Nested element ({@code a String}) or a typed JSON path
     * ({@code a.b UInt32}).
     *
     * @param name the element name or JSON path, or null for an unnamed type
     */
    public record TypeArgument(String name, DataType type) implements Argument {
        public TypeArgument {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            if (name == null) {
                return type.toString();
            }
            String written = PLAIN_NAME.matcher(name).matches() ? name : "`" + name + "`";
            return written + " " + type;
        }
    }

    /**
     * A literal: a number ({@code 3}, {@code -1.5}), a single-quoted string kept exactly as written including its
     * quotes and escapes ({@code 'UTC'}), or an array of literals ({@code [1, 2]}).
     *
     * @param sql the literal as SQL text
     */
    public record Literal(String sql) implements Argument {
        public Literal {
            Objects.requireNonNull(sql, "sql");
        }

        public boolean isString() {
            return sql.startsWith("'");
        }

        /** True for a non-negative integer without sign, exponent or decimal point. */
        public boolean isUnsignedInteger() {
            return !sql.isEmpty() && sql.chars().allMatch(Character::isDigit);
        }

        @Override
        public String toString() {
            return sql;
        }
    }

    /**
     * An Enum element {@code 'name' = value}; ClickHouse also accepts the name alone and numbers the elements.
     *
     * @param quotedName the name as a single-quoted SQL string
     * @param value      the value, or null when omitted
     */
    public record EnumElement(String quotedName, Long value) implements Argument {
        public EnumElement {
            Objects.requireNonNull(quotedName, "quotedName");
        }

        @Override
        public String toString() {
            return value == null ? quotedName : quotedName + " = " + value;
        }
    }

    /**
     * The aggregate function of an AggregateFunction / SimpleAggregateFunction type, e.g. {@code uniq} or
     * {@code quantiles(0.5, 0.9)}.
     *
     * @param parameters literal parameters; empty when written without parentheses
     */
    public record Function(String name, List<Literal> parameters) implements Argument {
        public Function {
            Objects.requireNonNull(name, "name");
            parameters = List.copyOf(parameters);
        }

        @Override
        public String toString() {
            if (parameters.isEmpty()) {
                return name;
            }
            return name + parameters.stream().map(Literal::sql).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** A type setting such as {@code max_types=10} (Dynamic) or {@code max_dynamic_paths=100} (JSON). */
    public record Setting(String name, Literal value) implements Argument {
        public Setting {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /**
     * A JSON {@code SKIP path} or {@code SKIP REGEXP 'pattern'} clause.
     *
     * @param target the path, or the quoted pattern when {@code regexp}
     */
    public record Skip(String target, boolean regexp) implements Argument {
        public Skip {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String toString() {
            return regexp ? "SKIP REGEXP " + target : "SKIP " + target;
        }
    }
}

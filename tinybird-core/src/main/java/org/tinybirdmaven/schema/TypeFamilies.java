package org.tinybirdmaven.schema;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ClickHouse data type families the schema validator knows, with the aliases ClickHouse registers for them.
 *
 * <p>ClickHouse looks a family name up case-sensitively first and then, for the families and aliases registered as
 * case-insensitive, ignoring case; this class does the same. Multi-word aliases such as {@code INT UNSIGNED} or
 * {@code DOUBLE PRECISION} are stored with single spaces between the words.
 */
final class TypeFamilies {

    /** How a family takes arguments; drives both argument parsing and validation. */
    enum Kind {
        /** Int8..Int64, UInt8..UInt64: an optional display width that ClickHouse ignores. */
        INTEGER,
        /** Float32, Float64, BFloat16: up to two numbers that ClickHouse ignores. */
        FLOAT,
        /** String: an optional length that ClickHouse ignores. */
        STRING,
        FIXED_STRING,
        /** Decimal(P[, S]). */
        DECIMAL,
        /** Decimal32(S) .. Decimal256(S). */
        DECIMAL_SCALE,
        /** DateTime[('tz')], or DateTime(P[, 'tz']), which ClickHouse turns into DateTime64. */
        DATETIME,
        /** DateTime64[(P[, 'tz'])]. */
        DATETIME64,
        /** Time[(P)], Time64[(P)]: no time zone. */
        TIME,
        /** Types that cannot have arguments at all (UUID, Date, IPv4, Int128, Point, ...). */
        NO_ARGUMENTS,
        ENUM,
        NULLABLE,
        LOW_CARDINALITY,
        ARRAY,
        MAP,
        TUPLE,
        NESTED,
        VARIANT,
        DYNAMIC,
        JSON,
        /** The deprecated Object('json'). */
        OBJECT,
        AGGREGATE_FUNCTION,
        SIMPLE_AGGREGATE_FUNCTION
    }

    /** A canonical family name and how it takes arguments. */
    record Family(String name, Kind kind) {
    }

    /** Families that ClickHouse refuses inside {@code Nullable(...)}. */
    static final Set<String> NOT_NULLABLE = Set.of(
            "Array", "Map", "Tuple", "Nested", "LowCardinality", "Nullable", "AggregateFunction", "Variant",
            "Dynamic", "JSON", "Object", "Point", "Ring", "LineString", "MultiLineString", "Polygon", "MultiPolygon");

    /** Families that ClickHouse accepts inside {@code LowCardinality(...)} (directly or within Nullable). */
    static final Set<String> LOW_CARDINALITY_CAPABLE = Set.of(
            "String", "FixedString", "Int8", "Int16", "Int32", "Int64", "Int128", "Int256", "UInt8", "UInt16",
            "UInt32", "UInt64", "UInt128", "UInt256", "Float32", "Float64", "BFloat16", "Bool", "Date", "Date32",
            "DateTime", "DateTime32", "UUID", "IPv4", "IPv6");

    /** The longest alias, in words ({@code NATIONAL CHARACTER LARGE OBJECT}). */
    static final int MAX_NAME_WORDS = 4;

    private static final Map<String, Family> CASE_SENSITIVE = new HashMap<>();
    private static final Map<String, Family> CASE_INSENSITIVE = new HashMap<>();

    static {
        for (String name : new String[] {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"}) {
            sensitive(name, Kind.INTEGER);
        }
        for (String name : new String[] {"Float32", "Float64", "BFloat16"}) {
            sensitive(name, Kind.FLOAT);
        }
        for (String name : new String[] {
                "Int128", "Int256", "UInt128", "UInt256", "UUID", "IPv4", "IPv6", "Bool", "Nothing",
                "Point", "Ring", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                "IntervalNanosecond", "IntervalMicrosecond", "IntervalMillisecond", "IntervalSecond",
                "IntervalMinute", "IntervalHour", "IntervalDay", "IntervalWeek", "IntervalMonth",
                "IntervalQuarter", "IntervalYear"}) {
            sensitive(name, Kind.NO_ARGUMENTS);
        }
        sensitive("String", Kind.STRING);
        sensitive("FixedString", Kind.FIXED_STRING);
        sensitive("Enum8", Kind.ENUM);
        sensitive("Enum16", Kind.ENUM);
        sensitive("Enum", Kind.ENUM);
        sensitive("Nullable", Kind.NULLABLE);
        sensitive("LowCardinality", Kind.LOW_CARDINALITY);
        sensitive("Array", Kind.ARRAY);
        sensitive("Map", Kind.MAP);
        sensitive("Tuple", Kind.TUPLE);
        sensitive("Nested", Kind.NESTED);
        sensitive("Variant", Kind.VARIANT);
        sensitive("Dynamic", Kind.DYNAMIC);
        sensitive("Object", Kind.OBJECT);
        sensitive("AggregateFunction", Kind.AGGREGATE_FUNCTION);
        sensitive("SimpleAggregateFunction", Kind.SIMPLE_AGGREGATE_FUNCTION);

        insensitive("Date", Kind.NO_ARGUMENTS);
        insensitive("Date32", Kind.NO_ARGUMENTS);
        insensitive("DateTime", Kind.DATETIME);
        insensitive("DateTime32", Kind.DATETIME);
        insensitive("DateTime64", Kind.DATETIME64);
        insensitive("Time", Kind.TIME);
        insensitive("Time64", Kind.TIME);
        insensitive("Decimal", Kind.DECIMAL);
        for (String name : new String[] {"Decimal32", "Decimal64", "Decimal128", "Decimal256"}) {
            insensitive(name, Kind.DECIMAL_SCALE);
        }
        insensitive("JSON", Kind.JSON);

        alias("TIMESTAMP", "DateTime");
        alias("DEC", "Decimal");
        alias("NUMERIC", "Decimal");
        alias("FIXED", "Decimal");
        alias("BOOL", "Bool");
        alias("BOOLEAN", "Bool");
        alias("INET4", "IPv4");
        alias("INET6", "IPv6");
        alias("BINARY", "FixedString");
        alias("ENUM", "Enum");
        aliases("Int8", "TINYINT", "INT1", "BYTE", "TINYINT SIGNED", "INT1 SIGNED");
        aliases("Int16", "SMALLINT", "SMALLINT SIGNED");
        aliases("Int32", "INT", "INTEGER", "MEDIUMINT", "MEDIUMINT SIGNED", "INT SIGNED", "INTEGER SIGNED");
        aliases("Int64", "BIGINT", "SIGNED", "BIGINT SIGNED");
        aliases("UInt8", "TINYINT UNSIGNED", "INT1 UNSIGNED");
        aliases("UInt16", "SMALLINT UNSIGNED", "YEAR");
        aliases("UInt32", "MEDIUMINT UNSIGNED", "INT UNSIGNED", "INTEGER UNSIGNED");
        aliases("UInt64", "UNSIGNED", "BIGINT UNSIGNED", "BIT", "SET");
        aliases("Float32", "FLOAT", "REAL", "SINGLE");
        aliases("Float64", "DOUBLE", "DOUBLE PRECISION");
        aliases("String", "CHAR", "NCHAR", "CHARACTER", "VARCHAR", "NVARCHAR", "VARCHAR2", "TEXT", "TINYTEXT",
                "MEDIUMTEXT", "LONGTEXT", "BLOB", "CLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "BYTEA",
                "CHARACTER LARGE OBJECT", "CHARACTER VARYING", "CHAR LARGE OBJECT", "CHAR VARYING",
                "NATIONAL CHAR", "NATIONAL CHARACTER", "NATIONAL CHARACTER LARGE OBJECT",
                "NATIONAL CHARACTER VARYING", "NATIONAL CHAR VARYING", "NCHAR VARYING", "NCHAR LARGE OBJECT",
                "BINARY LARGE OBJECT", "BINARY VARYING", "VARBINARY");
    }

    private TypeFamilies() {
    }

    /**
     * Resolves a family name as written (words separated by single spaces) to its canonical family.
     */
    static Optional<Family> lookup(String writtenName) {
        Family family = CASE_SENSITIVE.get(writtenName);
        if (family == null) {
            family = CASE_INSENSITIVE.get(writtenName.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(family);
    }

    /** The largest precision of a Decimal32..Decimal256 family. */
    static int maxDecimalPrecision(String family) {
        return switch (family) {
            case "Decimal32" -> 9;
            case "Decimal64" -> 18;
            case "Decimal128" -> 38;
            default -> 76;
        };
    }

    private static void sensitive(String name, Kind kind) {
        CASE_SENSITIVE.put(name, new Family(name, kind));
    }

    private static void insensitive(String name, Kind kind) {
        Family family = new Family(name, kind);
        CASE_SENSITIVE.put(name, family);
        CASE_INSENSITIVE.put(name.toUpperCase(Locale.ROOT), family);
    }

    private static void alias(String alias, String family) {
        CASE_INSENSITIVE.put(alias, CASE_SENSITIVE.get(family));
    }

    private static void aliases(String family, String... aliases) {
        for (String alias : aliases) {
            alias(alias, family);
        }
    }
}

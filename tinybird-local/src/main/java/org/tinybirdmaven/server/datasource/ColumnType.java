package org.tinybirdmaven.server.datasource;

import java.util.Set;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.DataType;

/**
 * How an import treats a column's type: the storage type without its wrappers ({@code Nullable},
 * {@code LowCardinality}, {@code SimpleAggregateFunction}) and the family of conversion that turns text into it.
 *
 * @param base     the type values are converted to
 * @param nullable whether the column accepts NULL (top-level {@code Nullable} or {@code LowCardinality(Nullable)})
 * @param kind     the conversion family of {@code base}
 */
record ColumnType(DataType base, boolean nullable, Kind kind) {

    /** Conversion families; see {@link ValueSql}. */
    enum Kind {
        /** Any text is a value. */
        STRING,
        /** Text up to N bytes. */
        FIXED_STRING,
        /** true/false/1/0. */
        BOOL,
        /** Integers, floats and decimals. */
        NUMBER,
        /** Dates and datetimes. */
        DATE,
        /** UUID, IPv4/6 and enums: parsed from a JSON string. */
        PARSED_STRING,
        ARRAY,
        MAP,
        TUPLE,
        /** JSON, Object, Dynamic and Variant: the raw value is handed to ClickHouse. */
        SEMI_STRUCTURED,
        /** Types that cannot be read from a file value (aggregate states, geo types, intervals, Nested). */
        UNSUPPORTED
    }

    private static final Set<String> NUMBERS = Set.of("Int8", "Int16", "Int32", "Int64", "Int128", "Int256", "UInt8",
            "UInt16", "UInt32", "UInt64", "UInt128", "UInt256", "Float32", "Float64", "BFloat16", "Decimal",
            "Decimal32", "Decimal64", "Decimal128", "Decimal256");
    private static final Set<String> DATES = Set.of("Date", "Date32", "DateTime", "DateTime32", "DateTime64");
    private static final Set<String> PARSED_STRINGS = Set.of("UUID", "IPv4", "IPv6", "Enum", "Enum8", "Enum16");
    private static final Set<String> SEMI_STRUCTURED = Set.of("JSON", "Object", "Dynamic", "Variant");

    /** The import type of a stored column (types are always present once a datasource exists). */
    static ColumnType of(Column column) {
        String type = column.fullType();
        return of(DataType.parse(type == null ? "String" : type));
    }

    static ColumnType of(DataType declared) {
        DataType type = declared;
        boolean nullable = false;
        while (true) {
            String family = type.family();
            if (family.equals("Nullable")) {
                nullable = true;
                type = type.typeArguments().get(0);
            } else if (family.equals("LowCardinality")) {
                type = type.typeArguments().get(0);
            } else if (family.equals("SimpleAggregateFunction")) {
                type = type.typeArguments().get(type.typeArguments().size() - 1);
            } else {
                break;
            }
        }
        return new ColumnType(type, nullable, kindOf(type.family()));
    }

    private static Kind kindOf(String family) {
        if (family.equals("String")) {
            return Kind.STRING;
        }
        if (family.equals("FixedString")) {
            return Kind.FIXED_STRING;
        }
        if (family.equals("Bool")) {
            return Kind.BOOL;
        }
        if (NUMBERS.contains(family)) {
            return Kind.NUMBER;
        }
        if (DATES.contains(family)) {
            return Kind.DATE;
        }
        if (PARSED_STRINGS.contains(family)) {
            return Kind.PARSED_STRING;
        }
        if (SEMI_STRUCTURED.contains(family)) {
            return Kind.SEMI_STRUCTURED;
        }
        return switch (family) {
            case "Array" -> Kind.ARRAY;
            case "Map" -> Kind.MAP;
            case "Tuple" -> Kind.TUPLE;
            default -> Kind.UNSUPPORTED;
        };
    }

    /** The element type of an array. */
    ColumnType element() {
        return of(base.typeArguments().get(0));
    }

    /** Whether an empty CSV field is a value (an empty string) rather than a missing one. */
    boolean emptyIsValue() {
        return kind == Kind.STRING || kind == Kind.FIXED_STRING;
    }
}

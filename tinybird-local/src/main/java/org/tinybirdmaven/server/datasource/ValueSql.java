package org.tinybirdmaven.server.datasource;

import static org.tinybirdmaven.server.ClickHouse.string;

import java.util.List;
import java.util.stream.Collectors;

/**
 * ClickHouse expressions that convert one value of an uploaded file to a column type without ever failing: each
 * conversion is a pair of an {@code ok} expression (the value fits the type) and a {@code value} expression (the
 * converted value, meaningful when {@code ok}). A row whose values do not all fit goes to quarantine instead of
 * failing the whole import.
 *
 * <p>Text is parsed with {@code CAST(t AS Variant(String, T))}: ClickHouse tries the text as {@code T} with its own
 * strict text parser and falls back to the {@code String} variant when it does not fit, so
 * {@code variantType(...) != 'String'} says whether it parsed and {@code variantElement(..., 'T')} is the value. This
 * covers numbers with range checks, decimals, dates, UUIDs, IPs, enums and the text forms of arrays, maps and
 * tuples. Strings, fixed strings and booleans are checked directly.
 *
 * <p>JSON values are extracted with {@code JSONExtractRaw} (the value's JSON text, empty when the key is missing),
 * then checked by their JSON type like Tinybird does: numbers must be JSON numbers, dates may be strings or epoch
 * numbers, a {@code String} column takes strings and (as their JSON text) objects and arrays, an array column takes a
 * JSON array whose elements are converted one by one with {@code arrayMap}.
 */
final class ValueSql {

    /** A conversion: whether the input fits, and the converted value. */
    record Conversion(String ok, String value) {}

    private ValueSql() {}

    /** Converts a non-null text value {@code text} (a String expression), as read from a CSV field. */
    static Conversion fromText(String text, ColumnType type) {
        return switch (type.kind()) {
            case STRING, SEMI_STRUCTURED, UNSUPPORTED -> new Conversion("1", text);
            case FIXED_STRING -> new Conversion("length(" + text + ") <= " + fixedLength(type), text);
            case BOOL -> parse("multiIf(lower(" + text + ") IN ('1', 'true'), 'true', lower(" + text
                    + ") IN ('0', 'false'), 'false', " + text + ")", type);
            default -> parse(text, type);
        };
    }

    /**
     * Converts the JSON text {@code raw} of a present, non-null value (a String expression).
     *
     * @param depth nesting depth of array elements, to name lambda parameters uniquely
     */
    static Conversion fromJson(String raw, ColumnType type, List<String> elementKeys, int depth) {
        String jsonType = "JSONType(" + raw + ")";
        String text = text(raw);
        return switch (type.kind()) {
            case STRING -> new Conversion(jsonType + " IN ('String', 'Object', 'Array')", text);
            case FIXED_STRING -> new Conversion(jsonType + " = 'String' AND length(" + text + ") <= "
                    + fixedLength(type), text);
            case BOOL -> new Conversion("(" + jsonType + " = 'Bool' OR (" + jsonType + " IN ('Int64', 'UInt64') AND "
                    + raw + " IN ('0', '1')))", raw + " IN ('true', '1')");
            case NUMBER -> and(jsonType + " IN ('Int64', 'UInt64', 'Double')", parse(raw, type));
            case DATE -> and(jsonType + " IN ('String', 'Int64', 'UInt64', 'Double')", parse(text, type));
            case PARSED_STRING -> and(jsonType + " = 'String'", parse(text, type));
            case ARRAY -> array(raw, type, elementKeys, depth);
            case MAP -> new Conversion(jsonType + " = 'Object'", "JSONExtract(" + raw + ", " + string(
                    type.base().toString()) + ")");
            case TUPLE -> new Conversion(jsonType + " IN ('Object', 'Array')", "JSONExtract(" + raw + ", "
                    + string(type.base().toString()) + ")");
            case SEMI_STRUCTURED -> new Conversion("1", raw);
            case UNSUPPORTED -> throw new IllegalArgumentException("Unsupported type: " + type.base());
        };
    }

    /** A JSON value as text: strings unescaped, anything else as its JSON text. */
    static String text(String raw) {
        return "if(JSONType(" + raw + ") = 'String', JSONExtractString(" + raw + "), " + raw + ")";
    }

    /** Python's name for a JSON value's type, as Tinybird's quarantine messages print it. */
    static String pythonTypeName(String raw) {
        return "multiIf(JSONType(" + raw + ") = 'String', 'str', JSONType(" + raw + ") IN ('Int64', 'UInt64'), 'int', "
                + "JSONType(" + raw + ") = 'Double', 'float', JSONType(" + raw + ") = 'Bool', 'bool', JSONType(" + raw
                + ") = 'Array', 'list', JSONType(" + raw + ") = 'Object', 'dict', 'NoneType')";
    }

    /** Whether the type can be read from NDJSON; false for aggregate states, geo types, intervals and Nested. */
    static boolean supportsJson(ColumnType type) {
        return switch (type.kind()) {
            case UNSUPPORTED -> false;
            case ARRAY -> supportsJson(type.element());
            default -> true;
        };
    }

    private static Conversion array(String raw, ColumnType type, List<String> elementKeys, int depth) {
        ColumnType element = type.element();
        String x = "__tb_x" + depth;
        String elementRaw = elementKeys.isEmpty() ? x : "JSONExtractRaw(" + x + ", " + keys(elementKeys) + ")";
        Conversion inner = fromJson(elementRaw, element, List.of(), depth + 1);
        String absent = elementRaw + " IN ('', 'null')";
        String elementOk = element.nullable() ? "(" + absent + " OR " + inner.ok() + ")" : inner.ok();
        String elementValue = element.nullable() ? "if(" + absent + ", NULL, " + inner.value() + ")"
                : "assumeNotNull(" + inner.value() + ")";
        String elements = "JSONExtractArrayRaw(" + raw + ")";
        return new Conversion("(JSONType(" + raw + ") = 'Array' AND arrayAll(" + x + " -> " + elementOk + ", "
                + elements + "))", "arrayMap(" + x + " -> " + elementValue + ", " + elements + ")");
    }

    /** {@code 'a', 'b'}: JSON keys as arguments of the JSONExtract functions. */
    static String keys(List<String> keys) {
        return keys.stream().map(org.tinybirdmaven.server.ClickHouse::string).collect(Collectors.joining(", "));
    }

    private static Conversion parse(String text, ColumnType type) {
        String variant = "CAST(" + text + " AS Variant(String, " + type.base() + "))";
        return new Conversion("variantType(" + variant + ") != 'String'",
                "variantElement(" + variant + ", " + string(type.base().toString()) + ")");
    }

    private static Conversion and(String condition, Conversion conversion) {
        return new Conversion("(" + condition + " AND " + conversion.ok() + ")", conversion.value());
    }

    private static String fixedLength(ColumnType type) {
        return type.base().arguments().get(0).toString();
    }
}

package org.tinybirdmaven.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.tinybirdmaven.schema.DataType.Argument;
import org.tinybirdmaven.schema.DataType.EnumElement;
import org.tinybirdmaven.schema.DataType.Function;
import org.tinybirdmaven.schema.DataType.Literal;
import org.tinybirdmaven.schema.DataType.Setting;
import org.tinybirdmaven.schema.DataType.Skip;
import org.tinybirdmaven.schema.DataType.TypeArgument;
import org.tinybirdmaven.schema.TypeFamilies.Family;
import org.tinybirdmaven.schema.TypeFamilies.Kind;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Recursive-descent parser and validator for ClickHouse data types.
 *
 * <p>It works on a range of a larger text so that the schema parser can validate a column type in place and report
 * errors at positions of the whole schema. Errors point at the family name of the (nested) type that is wrong, or at
 * the offending character for malformed text.
 *
 * <p>The rules follow what ClickHouse 26.5 (the chDB build the local server uses) accepts, with deliberate
 * exceptions where ClickHouse silently does something the user cannot have meant: an Enum value outside the range
 * of Enum8/Enum16 (ClickHouse wraps it around) and DateTime/DateTime64 arguments other than a precision followed by
 * an optional time-zone string (ClickHouse ignores what it does not understand) are errors here. Not checked:
 * function-specific argument counts of AggregateFunction; {@code Nothing}, which is a valid type but not a valid
 * column type; and the {@code allow_suspicious_low_cardinality_types} server setting, which by default limits
 * LowCardinality columns to strings. {@code Object('json')} is accepted although ClickHouse 26.5 has dropped it.
 */
final class TypeParser {

    /** The functions ClickHouse accepts in SimpleAggregateFunction (its own fixed list). */
    private static final List<String> SIMPLE_AGGREGATE_FUNCTIONS = List.of(
            "any", "anyLast", "min", "max", "sum", "sumWithOverflow", "groupBitAnd", "groupBitOr", "groupBitXor",
            "sumMap", "minMap", "maxMap", "groupArrayArray", "groupArrayLastArray", "groupUniqArrayArray",
            "sumMappedArrays", "minMappedArrays", "maxMappedArrays");

    private static final Set<String> NARROW_SIGNED = Set.of("Int8", "Int16", "Int32");
    private static final Set<String> NARROW_UNSIGNED = Set.of("UInt8", "UInt16", "UInt32", "Bool");
    private static final Set<String> NARROW_FLOAT = Set.of("Float32", "BFloat16");

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SIGNED_INTEGER = Pattern.compile("-?\\d{1,18}");

    private final String source;
    private final int end;
    private int pos;

    private TypeParser(String source, int start, int end) {
        this.source = source;
        this.pos = start;
        this.end = end;
    }

    /**
     * Parses the data type in {@code source[start, end)}; surrounding whitespace is allowed, anything else after
     * the type is an error.
     */
    static DataType parse(String source, int start, int end) {
        TypeParser parser = new TypeParser(source, start, end);
        parser.skipSpaces();
        DataType type = parser.type();
        parser.skipSpaces();
        if (parser.pos < end) {
            throw parser.error(parser.pos, "Unexpected '" + source.substring(parser.pos, end).strip()
                    + "' after data type " + type);
        }
        return type;
    }

    private DataType type() {
        int start = pos;
        String name = familyName();
        Family family = TypeFamilies.lookup(name)
                .orElseThrow(() -> error(start, "Unknown data type family: " + name));
        skipSpaces();
        List<Argument> arguments = List.of();
        if (peek() == '(') {
            int open = pos;
            // Empty parentheses mean no arguments, as in ClickHouse.
            arguments = list(')', "the arguments of " + name, index -> argument(name, family.kind(), index == 0));
            if (family.kind() == Kind.NO_ARGUMENTS && !arguments.isEmpty()) {
                throw error(open, "Data type " + name + " cannot have arguments");
            }
        }
        DataType type = new DataType(name, family.name(), arguments);
        String problem = problem(type, family.kind());
        if (problem != null) {
            throw error(start, problem);
        }
        return type;
    }

    /** Reads a family name, taking the longest run of words that forms a known multi-word alias. */
    private String familyName() {
        String first = word();
        if (first == null) {
            throw error(pos, pos < end ? "Expected a data type, found '" + source.charAt(pos) + "'"
                    : "Missing data type");
        }
        List<String> words = new ArrayList<>(List.of(first));
        List<Integer> wordEnds = new ArrayList<>(List.of(pos));
        while (words.size() < TypeFamilies.MAX_NAME_WORDS) {
            int beforeSpaces = pos;
            skipSpaces();
            String next = pos > beforeSpaces ? word() : null;
            if (next == null) {
                break;
            }
            words.add(next);
            wordEnds.add(pos);
        }
        for (int count = words.size(); count > 1; count--) {
            String candidate = String.join(" ", words.subList(0, count));
            if (TypeFamilies.lookup(candidate).isPresent()) {
                pos = wordEnds.get(count - 1);
                return candidate;
            }
        }
        pos = wordEnds.get(0);
        return first;
    }

    /**
     * Reads a list {@code (a, b, ...)} or {@code [a, b, ...]} starting at the opening character, passing each
     * element's index to {@code element}; an empty list is allowed.
     */
    private <T> List<T> list(char close, String what, IntFunction<T> element) {
        int open = pos++;
        List<T> elements = new ArrayList<>();
        skipSpaces();
        if (peek() == close) {
            pos++;
            return elements;
        }
        while (true) {
            skipSpaces();
            elements.add(element.apply(elements.size()));
            skipSpaces();
            if (pos >= end) {
                throw error(open, "Missing '" + close + "' to close " + what);
            }
            char c = source.charAt(pos++);
            if (c == close) {
                return elements;
            }
            if (c != ',') {
                throw error(pos - 1, "Expected ',' or '" + close + "' in " + what + ", found '" + c + "'");
            }
        }
    }

    private Argument argument(String owner, Kind kind, boolean first) {
        return switch (kind) {
            case NULLABLE, LOW_CARDINALITY, ARRAY, MAP, VARIANT -> new TypeArgument(null, type());
            case TUPLE, NESTED -> element();
            case AGGREGATE_FUNCTION, SIMPLE_AGGREGATE_FUNCTION -> first ? function() : new TypeArgument(null, type());
            case ENUM -> enumElement(owner);
            case JSON -> jsonArgument();
            case DYNAMIC -> setting();
            default -> literal(owner);
        };
    }

    /** A Tuple/Nested element: {@code name Type} or just {@code Type}. */
    private Argument element() {
        int start = pos;
        String name;
        if (peek() == '`') {
            name = backquoted();
        } else {
            name = word();
            int afterName = pos;
            skipSpaces();
            if (name == null || pos == afterName || !startsName(peek())) {
                pos = start;
                return new TypeArgument(null, type());
            }
        }
        skipSpaces();
        return new TypeArgument(name, type());
    }

    /** A JSON argument: {@code setting=value}, {@code SKIP path}, {@code SKIP REGEXP '...'} or {@code path Type}. */
    private Argument jsonArgument() {
        if (peek() == '`') {
            String path = backquoted();
            skipSpaces();
            return new TypeArgument(path, type());
        }
        int start = pos;
        String path = path();
        if (path == null) {
            throw error(pos, "Expected a JSON setting, a SKIP clause or a typed path such as a.b UInt32");
        }
        int afterPath = pos;
        skipSpaces();
        if (path.equalsIgnoreCase("SKIP") && pos > afterPath) {
            int beforeWord = pos;
            if ("REGEXP".equalsIgnoreCase(word())) {
                skipSpaces();
                return new Skip(stringLiteral().sql(), true);
            }
            pos = beforeWord;
            String skipped = path();
            if (skipped == null) {
                throw error(pos, "Expected a path after SKIP");
            }
            return new Skip(skipped, false);
        }
        if (peek() == '=') {
            pos = start;
            return setting();
        }
        return new TypeArgument(path, type());
    }

    private Setting setting() {
        String name = word();
        if (name == null) {
            throw error(pos, "Expected a setting such as max_types=10");
        }
        skipSpaces();
        if (peek() != '=') {
            throw error(pos, "Expected '=' after " + name);
        }
        pos++;
        skipSpaces();
        return new Setting(name, literal(name));
    }

    /** The aggregate function of (Simple)AggregateFunction: {@code name} or {@code name(literal, ...)}. */
    private Function function() {
        String name = word();
        if (name == null) {
            throw error(pos, "Expected an aggregate function name such as uniq or quantiles(0.5)");
        }
        skipSpaces();
        List<Literal> parameters = peek() == '('
                ? list(')', "the parameters of " + name, index -> literal(name))
                : List.of();
        return new Function(name, parameters);
    }

    private EnumElement enumElement(String owner) {
        if (peek() != '\'') {
            throw error(pos, "Elements of " + owner + " must be 'name' = value");
        }
        Literal name = stringLiteral();
        skipSpaces();
        if (peek() != '=') {
            return new EnumElement(name.sql(), null);
        }
        pos++;
        skipSpaces();
        Matcher value = SIGNED_INTEGER.matcher(source).region(pos, end);
        if (!value.lookingAt()) {
            throw error(pos, "The value of " + owner + " element " + name.sql() + " must be an integer");
        }
        pos = value.end();
        return new EnumElement(name.sql(), Long.parseLong(value.group()));
    }

    private Literal literal(String owner) {
        char c = peek();
        if (c == '\'') {
            return stringLiteral();
        }
        if (c == '[') {
            List<Literal> elements = list(']', "the array", index -> literal(owner));
            return new Literal(elements.stream().map(Literal::sql).collect(Collectors.joining(", ", "[", "]")));
        }
        Matcher number = NUMBER.matcher(source).region(pos, end);
        if (number.lookingAt()) {
            pos = number.end();
            return new Literal(number.group());
        }
        throw error(pos, "Expected a number or a 'quoted string' in the arguments of " + owner
                + (pos < end ? ", found '" + c + "'" : ""));
    }

    private Literal stringLiteral() {
        int start = pos;
        if (peek() != '\'') {
            throw error(pos, "Expected a 'quoted string'");
        }
        pos++;
        while (pos < end) {
            char c = source.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == '\'' && pos + 1 < end && source.charAt(pos + 1) == '\'') {
                pos += 2;
            } else if (c == '\'') {
                pos++;
                return new Literal(source.substring(start, pos));
            } else {
                pos++;
            }
        }
        throw error(start, "Unterminated string literal");
    }

    private String backquoted() {
        int start = pos;
        int close = source.indexOf('`', pos + 1);
        if (close < 0 || close >= end) {
            throw error(start, "Unterminated backquoted name");
        }
        pos = close + 1;
        return source.substring(start + 1, close);
    }

    /** An identifier, or null (position unchanged) when none starts here. */
    private String word() {
        int start = pos;
        if (pos < end && startsWord(source.charAt(pos))) {
            while (pos < end && isIdentifierChar(source.charAt(pos))) {
                pos++;
            }
        }
        return pos > start ? source.substring(start, pos) : null;
    }

    /** A dotted JSON path such as {@code a.b.c}, or null when none starts here. */
    private String path() {
        int start = pos;
        String first = word();
        if (first == null) {
            return null;
        }
        while (peek() == '.' && pos + 1 < end && isIdentifierChar(source.charAt(pos + 1))) {
            pos++;
            while (pos < end && isIdentifierChar(source.charAt(pos))) {
                pos++;
            }
        }
        return source.substring(start, pos);
    }

    private static String problem(DataType type, Kind kind) {
        String name = type.name();
        List<Argument> args = type.arguments();
        return switch (kind) {
            case INTEGER -> args.size() > 1 || (args.size() == 1 && !unsigned(args.get(0)))
                    ? name + " takes at most one argument, a display width such as " + name + "(11)" : null;
            case FLOAT -> args.size() > 2 || args.stream().anyMatch(a -> !isNumber(a))
                    ? name + " takes at most two numeric arguments" : null;
            case STRING -> args.size() > 1 || (args.size() == 1 && !unsigned(args.get(0)))
                    ? name + " takes at most one argument, a length such as " + name + "(255)" : null;
            case FIXED_STRING -> args.size() != 1 || value(args.get(0)) < 1
                    ? name + " requires one positive integer argument, the length in bytes, e.g. FixedString(16)"
                    : null;
            case DECIMAL -> decimalProblem(name, args);
            case DECIMAL_SCALE -> decimalScaleProblem(type);
            case DATETIME -> args.size() == 1 && isString(args.get(0)) ? null : precisionProblem(name, args);
            case DATETIME64 -> precisionProblem(name, args);
            case TIME -> timeProblem(name, args);
            case ENUM -> enumProblem(type);
            case NULLABLE -> nullableProblem(type);
            case LOW_CARDINALITY -> lowCardinalityProblem(type);
            case ARRAY -> args.size() != 1
                    ? "Array requires exactly one data type argument, e.g. Array(String)" : null;
            case MAP -> args.size() != 2
                    ? "Map requires exactly two data type arguments, the key and value types, e.g. Map(String, UInt64)"
                    : null;
            case NESTED -> args.isEmpty() || args.stream().anyMatch(a -> ((TypeArgument) a).name() == null)
                    ? "Nested requires named elements, e.g. Nested(a String, b UInt8)" : null;
            case VARIANT -> args.isEmpty()
                    ? "Variant requires at least one data type argument, e.g. Variant(String, UInt64)" : null;
            case DYNAMIC -> args.size() > 1 || (args.size() == 1 && !isMaxTypes((Setting) args.get(0)))
                    ? "Dynamic takes only the setting max_types, e.g. Dynamic(max_types=10)" : null;
            case OBJECT -> args.size() != 1 || !isString(args.get(0))
                    ? "Object requires one quoted schema argument, e.g. Object('json')" : null;
            case AGGREGATE_FUNCTION -> args.isEmpty()
                    ? "AggregateFunction requires an aggregate function and its argument types,"
                            + " e.g. AggregateFunction(uniq, String)" : null;
            case SIMPLE_AGGREGATE_FUNCTION -> simpleAggregateFunctionProblem(type);
            case TUPLE, JSON, NO_ARGUMENTS -> null;
        };
    }

    private static String decimalProblem(String name, List<Argument> args) {
        if (args.isEmpty()) {
            return null;
        }
        long precision = value(args.get(0));
        if (args.size() > 2 || precision < 0) {
            return name + " requires a precision and an optional scale, e.g. Decimal(10, 2)";
        }
        if (precision < 1 || precision > 76) {
            return name + " precision must be between 1 and 76, got " + precision;
        }
        long scale = args.size() == 2 ? value(args.get(1)) : 0;
        if (scale < 0 || scale > precision) {
            return name + " scale must be an integer between 0 and the precision " + precision + ", got "
                    + args.get(1);
        }
        return null;
    }

    private static String decimalScaleProblem(DataType type) {
        List<Argument> args = type.arguments();
        if (args.size() != 1 || value(args.get(0)) < 0) {
            return type.name() + " requires exactly one argument, the scale, e.g. " + type.name() + "(4)";
        }
        int max = TypeFamilies.maxDecimalPrecision(type.family());
        long scale = value(args.get(0));
        return scale > max ? type.name() + " scale must be between 0 and " + max + ", got " + scale : null;
    }

    /** DateTime64 arguments: none, or a precision and an optional time zone. */
    private static String precisionProblem(String name, List<Argument> args) {
        if (args.isEmpty()) {
            return null;
        }
        long precision = value(args.get(0));
        if (args.size() > 2 || precision < 0) {
            return name + " takes a precision from 0 to 9 and an optional time zone, e.g. " + name + "(3, 'UTC')";
        }
        if (precision > 9) {
            return name + " precision must be between 0 and 9, got " + precision;
        }
        if (args.size() == 2 && !isString(args.get(1))) {
            return name + " time zone must be a quoted string such as 'UTC', got " + args.get(1);
        }
        return null;
    }

    private static String timeProblem(String name, List<Argument> args) {
        if (args.isEmpty()) {
            return null;
        }
        if (args.size() > 1 || !unsigned(args.get(0))) {
            return name + " takes at most one argument, a precision from 0 to 9 (no time zone)";
        }
        long precision = value(args.get(0));
        return precision < 0 || precision > 9 ? name + " precision must be between 0 and 9, got " + args.get(0) : null;
    }

    private static String enumProblem(DataType type) {
        if (type.arguments().isEmpty()) {
            return type.name() + " requires at least one element, e.g. " + type.name() + "('a' = 1, 'b' = 2)";
        }
        long limit = type.family().equals("Enum8") ? 128 : 32768;
        for (Argument argument : type.arguments()) {
            EnumElement element = (EnumElement) argument;
            if (element.value() != null && (element.value() < -limit || element.value() > limit - 1)) {
                return "Value " + element.value() + " of element " + element.quotedName() + " is out of range for "
                        + type.name() + " (" + -limit + " to " + (limit - 1) + ")";
            }
        }
        return null;
    }

    private static String nullableProblem(DataType type) {
        List<DataType> nested = type.typeArguments();
        if (nested.size() != 1) {
            return "Nullable requires exactly one data type argument, e.g. Nullable(String)";
        }
        DataType inner = nested.get(0);
        if (TypeFamilies.NOT_NULLABLE.contains(inner.family())) {
            return type + " is not allowed: Nested type " + inner + " cannot be inside Nullable type";
        }
        return null;
    }

    private static String lowCardinalityProblem(DataType type) {
        List<DataType> nested = type.typeArguments();
        if (nested.size() != 1) {
            return "LowCardinality requires exactly one data type argument, e.g. LowCardinality(String)";
        }
        DataType inner = nested.get(0);
        DataType base = inner.family().equals("Nullable") ? inner.typeArguments().get(0) : inner;
        if (!TypeFamilies.LOW_CARDINALITY_CAPABLE.contains(base.family())) {
            return type + " is not allowed: LowCardinality supports only String, FixedString, numbers, dates,"
                    + " DateTime, UUID and IP addresses (optionally Nullable), not " + base;
        }
        return null;
    }

    private static String simpleAggregateFunctionProblem(DataType type) {
        List<DataType> storage = type.typeArguments();
        if (storage.isEmpty()) {
            return "SimpleAggregateFunction requires an aggregate function and a data type,"
                    + " e.g. SimpleAggregateFunction(sum, UInt64)";
        }
        Function function = (Function) type.arguments().get(0);
        if (!SIMPLE_AGGREGATE_FUNCTIONS.contains(function.name())) {
            return "SimpleAggregateFunction does not support the aggregate function " + function.name()
                    + "; supported functions are " + String.join(", ", SIMPLE_AGGREGATE_FUNCTIONS);
        }
        if (function.name().equals("sum")) {
            DataType column = storage.get(0);
            boolean nullable = column.family().equals("Nullable");
            String base = nullable ? column.typeArguments().get(0).family() : column.family();
            String widened = NARROW_SIGNED.contains(base) ? "Int64"
                    : NARROW_UNSIGNED.contains(base) ? "UInt64"
                    : NARROW_FLOAT.contains(base) ? "Float64" : null;
            if (widened != null) {
                String result = nullable ? "Nullable(" + widened + ")" : widened;
                return "Incompatible data types between aggregate function 'sum' which returns " + result
                        + " and column storage type " + column + "; use SimpleAggregateFunction(sum, " + result + ")";
            }
        }
        return null;
    }

    private static boolean isMaxTypes(Setting setting) {
        return setting.name().equals("max_types") && setting.value().isUnsignedInteger();
    }

    private static boolean unsigned(Argument argument) {
        return argument instanceof Literal literal && literal.isUnsignedInteger();
    }

    /** The value of an unsigned integer literal, or -1 when the argument is anything else (or too large). */
    private static long value(Argument argument) {
        if (!unsigned(argument) || ((Literal) argument).sql().length() > 18) {
            return -1;
        }
        return Long.parseLong(((Literal) argument).sql());
    }

    private static boolean isString(Argument argument) {
        return argument instanceof Literal literal && literal.isString();
    }

    private static boolean isNumber(Argument argument) {
        return argument instanceof Literal literal && NUMBER.matcher(literal.sql()).matches();
    }

    private static boolean startsWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierChar(char c) {
        return startsWord(c) || (c >= '0' && c <= '9');
    }

    private static boolean startsName(char c) {
        return startsWord(c) || c == '`';
    }

    private char peek() {
        return pos < end ? source.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < end && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxException error(int offset, String reason) {
        return SyntaxException.at(source, offset, reason);
    }
}

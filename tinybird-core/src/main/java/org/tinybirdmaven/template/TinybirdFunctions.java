package org.tinybirdmaven.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tinybird's template functions (spec §4.5, §4.6), following {@code sql_template.py}: the type functions, the
 * helpers, and the per-request setters ({@code max_threads}, {@code tb_secret}, ...) whose effects are collected in
 * {@link State}.
 *
 * <p>Deliberate differences from Tinybird, all for SQL-injection safety and all invisible for ordinary values:
 * <ul>
 *   <li>{@code columns(x, fn=f)}: the alias after {@code as} is written raw only if it is a bare identifier,
 *       otherwise back-quoted and escaped (Tinybird writes the request text raw); {@code fn} must look like a
 *       function name, optionally with parameters ({@code quantile(0.9)}).
 *   <li>{@code table(x)}: a name that is not a bare (dotted) identifier is back-quoted part by part.
 *   <li>{@code symbol(x, quote)}: the quote must be {@code `}, {@code "} or {@code '}.
 *   <li>{@code sql_unescape(x, what)}: fails when undoing the escape of {@code what} would let the value end the
 *       string literal (Tinybird's default {@code what=''} removes every backslash).
 *   <li>{@code max_threads}, {@code backend_hint}: line breaks in the text they put in an SQL comment become
 *       spaces.
 *   <li>{@code tb_secret}/{@code tb_var}: the name must be an identifier.
 * </ul>
 */
final class TinybirdFunctions {

    static final String DOCS = "/cli/advanced-templates.html";
    static final String REQUIRED_PARAM_NOT_DEFINED = "Required parameter is not defined";
    private static final String SECRET_ERROR =
            "Cannot access secret '%s'. Check the secret exists in the Workspace and the token has the required scope.";

    private static final Pattern DATETIME64_1 = python(
            "\\d\\d\\d\\d.\\d\\d.\\d\\d(T|\\s)\\d\\d:\\d\\d:\\d\\d.\\d\\d\\d");
    private static final Pattern DATETIME64_2 = python(
            "\\d\\d.\\d\\d.\\d\\d\\d\\d.\\d{1,2}:\\d{1,2}:\\d{1,2}.\\d{1,3}");
    private static final Pattern DATETIME_1 = python("\\d\\d\\d\\d.\\d\\d.\\d\\d(T|\\s)\\d\\d:\\d\\d:\\d\\d");
    private static final Pattern DATETIME_2 = python("\\d\\d.\\d\\d.\\d\\d\\d\\d.\\d{1,2}:\\d{1,2}:\\d{1,2}");
    private static final Pattern DATE = python("\\d\\d\\d\\d-\\d\\d-\\d\\d$");
    private static final Pattern SIGNED = python("^[+-]?\\d+$");
    private static final Pattern UNSIGNED = python("^\\d+$");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\([0-9A-Za-z_., ]*\\))?");
    private static final Pattern DOTTED_IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** The integer types and their ranges [min, max). */
    private static final Map<String, BigInteger[]> INTEGER_RANGES = new LinkedHashMap<>();

    static {
        for (int bits : new int[] {8, 16, 32, 64, 128, 256}) {
            BigInteger half = BigInteger.ONE.shiftLeft(bits - 1);
            INTEGER_RANGES.put("Int" + bits, new BigInteger[] {half.negate(), half});
            INTEGER_RANGES.put("UInt" + bits, new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits)});
        }
    }

    private static final List<String> BOOL_VALUES = List.of("true", "false", "True", "False", "T", "F", "Y", "N",
            "Yes", "No", "On", "Off", "Enable", "Disable", "Enabled", "Disabled", "1", "0");

    /** Test mode values of the type functions when the parameter has no (truthy) default (spec §4.4). */
    private static final Map<String, Object> TEST_PLACEHOLDERS = Map.ofEntries(
            Map.entry("DateTime64", "2019-01-01 00:00:00.000"),
            Map.entry("DateTime", "2019-01-01 00:00:00"),
            Map.entry("Date", "2019-01-01"),
            Map.entry("Float32", 0.0),
            Map.entry("Float64", 0.0),
            Map.entry("Int", BigInteger.ZERO),
            Map.entry("Int32", BigInteger.ZERO));

    private static final String[] TYPE_PARAMETERS = {
        "x", "default", "defined", "required", "description", "enum", "example", "format"};
    private static final String[] ARRAY_PARAMETERS = {
        "x", "_type", "default", "defined", "required", "description", "enum", "example", "format"};

    /** The side effects of one rendering, read back by {@link TemplateRenderer}. */
    static final class State {
        Integer maxThreads;
        String cacheTtl;
        String backendHint;
        String activate;
        String disable;
        final Map<String, String> queryParameters = new LinkedHashMap<>();
    }

    private final PyRuntime runtime;
    private final State state;
    private final boolean testMode;
    private final Map<String, String> secrets;
    private final Map<String, Object> functions = new HashMap<>();
    /** The types Array() converts its elements with. */
    private final Map<String, Object> arrayTypes = new HashMap<>();

    TinybirdFunctions(PyRuntime runtime, State state) {
        this.runtime = runtime;
        this.state = state;
        this.testMode = runtime.mode == RenderMode.TEST;
        this.secrets = runtime.options.secrets();
        register();
    }

    /** The function called {@code name}, or null. */
    Object lookup(String name) {
        return functions.get(name);
    }

    private static Pattern python(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);
    }

    private void register() {
        for (String type : List.of("DateTime64", "DateTime", "Date", "String")) {
            functions.put(type, typeFunction(type, type, value -> runtime.str(value)));
            arrayTypes.put(type, typeFunction(type, type, value -> runtime.str(value)));
        }
        for (String type : List.of("Float32", "Float64")) {
            functions.put(type, typeFunction(type, type, value -> new TypedFloat(toFloat(value), type)));
            arrayTypes.put(type, typeFunction(type, type, value -> toFloat(value)));
        }
        functions.put("Int", typeFunction("Int", "Int32", this::toInt));
        functions.put("Integer", typeFunction("Int32", "Int32", this::toInt));
        arrayTypes.put("Int", functions.get("Int"));
        arrayTypes.put("Integer", functions.get("Integer"));
        for (String type : INTEGER_RANGES.keySet()) {
            functions.put(type, typeFunction(type, type, value -> new TypedInt(toInt(value), type)));
            arrayTypes.put(type, typeFunction(type, type, this::toInt));
        }
        BuiltinFunction booleanFunction = BuiltinFunction.python("boolean", (rt, args, kwargs) -> {
            Object[] a = Args.bind("boolean", args, kwargs, new String[] {"x", "default"},
                    new Object[] {Args.REQUIRED, PyNone.NONE});
            return bool(a[0], a[1]);
        });
        functions.put("Boolean", booleanFunction);
        functions.put("bool", booleanFunction);
        arrayTypes.put("Boolean", booleanFunction);
        arrayTypes.put("bool", booleanFunction);
        BuiltinFunction symbolFunction = BuiltinFunction.python("symbol", (rt, args, kwargs) -> {
            Object[] a = Args.bind("symbol", args, kwargs, new String[] {"x", "quote"},
                    new Object[] {Args.REQUIRED, "`"});
            return symbol(a[0], a[1]);
        });
        functions.put("Symbol", symbolFunction);
        functions.put("Column", symbolFunction);
        functions.put("symbol", symbolFunction);
        arrayTypes.put("Symbol", symbolFunction);
        arrayTypes.put("Column", symbolFunction);
        functions.put("Array", BuiltinFunction.python("_f", this::array));
        functions.put("JSON", BuiltinFunction.python("json_type", (rt, args, kwargs) -> {
            Object[] a = Args.bind("json_type", args, kwargs, new String[] {"x", "default"},
                    new Object[] {Args.REQUIRED, PyNone.NONE});
            return json(a[0], a[1]);
        }));

        functions.put("defined", BuiltinFunction.python("defined", (rt, args, kwargs) -> {
            Object[] a = Args.bind("defined", args, kwargs, new String[] {"x"}, new Object[] {PyNone.NONE});
            return !(a[0] instanceof Placeholder || a[0] instanceof PyNone);
        }));
        functions.put("column", BuiltinFunction.python("column", (rt, args, kwargs) -> {
            Object[] a = Args.bind("column", args, kwargs, new String[] {"x", "default"},
                    new Object[] {Args.REQUIRED, PyNone.NONE});
            return column(a[0], a[1]);
        }));
        functions.put("columns", BuiltinFunction.python("columns", (rt, args, kwargs) -> {
            Object[] a = Args.bind("columns", args, kwargs, new String[] {"x", "default", "fn"},
                    new Object[] {Args.REQUIRED, PyNone.NONE, PyNone.NONE});
            return columns(a[0], a[1], a[2]);
        }));
        BuiltinFunction table = BuiltinFunction.python("table", (rt, args, kwargs) -> {
            Object[] a = Args.bind("table", args, kwargs, new String[] {"x", "quote"},
                    new Object[] {Args.REQUIRED, "`"});
            return table(a[0]);
        });
        functions.put("table", table);
        functions.put("TABLE", table);
        functions.put("sql_and", BuiltinFunction.python("_and", (rt, args, kwargs) -> sqlAnd(kwargs)));
        functions.put("split_to_array", BuiltinFunction.python("split_to_array", (rt, args, kwargs) -> {
            Object[] a = Args.bind("split_to_array", args, kwargs, new String[] {"x", "default", "separator"},
                    new Object[] {Args.REQUIRED, "", ","});
            return splitToArray(a[0], a[1], a[2]);
        }));
        functions.put("enumerate_with_last", BuiltinFunction.python("enumerate_with_last", (rt, args, kwargs) -> {
            Object[] a = Args.bind("enumerate_with_last", args, kwargs, new String[] {"arr"},
                    new Object[] {Args.REQUIRED});
            long length = runtime.len(a[0]);
            List<Object> items = runtime.toList(a[0]);
            List<Object> result = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                result.add(PyTuple.of(length == i + 1, items.get(i)));
            }
            return new PyList(result);
        }));
        functions.put("day_diff", BuiltinFunction.python("day_diff", (rt, args, kwargs) -> {
            Object[] a = Args.bind("day_diff", args, kwargs, new String[] {"d0", "d1", "default"},
                    new Object[] {Args.REQUIRED, Args.REQUIRED, PyNone.NONE});
            try {
                return dateDiff("days", a[0], a[1], "%Y-%m-%d", PyNone.NONE, PyNone.NONE, false);
            } catch (PyError e) {
                throw PyError.template("invalid date format in function `day_diff`, it must be ISO format date "
                        + "YYYY-MM-DD, e.g. 2018-09-26. For other fotmats, try `date_diff_in_days`",
                        DOCS + "#date_diff_in_days");
            }
        }));
        for (String unit : List.of("days", "hours", "minutes", "seconds")) {
            String name = "date_diff_in_" + unit;
            String defaultFormat = unit.equals("days") ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S";
            functions.put(name, BuiltinFunction.python(name, (rt, args, kwargs) -> {
                Object[] a = Args.bind(name, args, kwargs, new String[] {"d0", "d1", "date_format", "default",
                    "backup_date_format", "none_if_error"},
                        new Object[] {Args.REQUIRED, Args.REQUIRED, defaultFormat, PyNone.NONE, PyNone.NONE, false});
                return dateDiff(unit, a[0], a[1], a[2], a[3], a[4], PyRuntime.truthy(a[5]));
            }));
        }
        functions.put("sql_unescape", BuiltinFunction.python("sql_unescape", (rt, args, kwargs) -> {
            Object[] a = Args.bind("sql_unescape", args, kwargs, new String[] {"x", "what"},
                    new Object[] {Args.REQUIRED, ""});
            return sqlUnescape(a[0], a[1]);
        }));
        if (testMode) {
            BuiltinFunction dummy = BuiltinFunction.python("dummy", (rt, args, kwargs) -> new TestModeComment());
            functions.put("error", dummy);
            functions.put("custom_error", dummy);
        } else {
            functions.put("error", BuiltinFunction.python("error", (rt, args, kwargs) -> {
                Object[] a = Args.bind("error", args, kwargs, new String[] {"s", "code"},
                        new Object[] {Args.REQUIRED, BigInteger.valueOf(400)});
                throw PyError.of(new PyExceptionValue(PyType.VALUE_ERROR, List.of(a[0])), runtime.str(a[0]));
            }));
            functions.put("custom_error", BuiltinFunction.python("custom_error", (rt, args, kwargs) -> {
                Object[] a = Args.bind("custom_error", args, kwargs, new String[] {"s", "code"},
                        new Object[] {Args.REQUIRED, BigInteger.valueOf(400)});
                int code = 500;
                if (PyRuntime.isInt(a[1])) {
                    BigInteger value = PyRuntime.intValue(a[1]);
                    if (value.compareTo(BigInteger.valueOf(100)) >= 0 && value.compareTo(BigInteger.valueOf(599)) <= 0) {
                        code = value.intValue();
                    }
                }
                throw PyError.custom(a[0], runtime.str(a[0]), code);
            }));
        }
        functions.put("max_threads", BuiltinFunction.python("set_max_threads", (rt, args, kwargs) -> {
            Object[] a = Args.bind("set_max_threads", args, kwargs, new String[] {"x"}, new Object[] {Args.REQUIRED});
            String text = SqlRendering.commentText(runtime.str(a[0]));
            try {
                BigInteger threads = PyRuntime.intValue(runtime.call(PyType.INT, List.of(a[0]), Map.of()));
                if (threads.bitLength() > 31) {
                    throw PyError.of(PyType.OVERFLOW_ERROR, "max_threads out of range");
                }
                state.maxThreads = threads.intValue();
                return new SqlExpression("-- max_threads " + text + "\n");
            } catch (PyError e) {
                return new SqlExpression("-- max_threads: wrong argument " + text + "\n");
            }
        }));
        functions.put("backend_hint", BuiltinFunction.python("set_backend_hint", (rt, args, kwargs) -> {
            Object[] a = Args.bind("set_backend_hint", args, kwargs, new String[] {"hint"},
                    new Object[] {Args.REQUIRED});
            Object hint = a[0];
            state.backendHint = hint instanceof PyNone || Boolean.FALSE.equals(hint) ? null : runtime.str(hint);
            return new SqlExpression("-- backend_hint " + SqlRendering.commentText(runtime.str(hint)) + "\n");
        }));
        functions.put("cache_ttl", BuiltinFunction.python("set_cache_ttl", (rt, args, kwargs) -> {
            Object[] a = Args.bind("set_cache_ttl", args, kwargs, new String[] {"ttl_expression"},
                    new Object[] {Args.REQUIRED});
            Object ttl = a[0];
            if (!List.of("5s", "1m", "5m", "30m", "1h").stream().anyMatch(valid -> PyRuntime.eq(valid, ttl))) {
                throw PyError.template("Invalid TTL cache expression, valid expressions are "
                        + "('5s', '1m', '5m', '30m', '1h')", null);
            }
            state.cacheTtl = PyRuntime.strValue(ttl);
            return new SqlExpression("-- cache_ttl " + state.cacheTtl + "\n");
        }));
        functions.put("activate", BuiltinFunction.python("set_activate", (rt, args, kwargs) -> {
            Object[] a = Args.bind("set_activate", args, kwargs, new String[] {"feature"},
                    new Object[] {Args.REQUIRED});
            Object feature = a[0];
            if (!PyRuntime.eq(feature, "analyzer") && !PyRuntime.eq(feature, "parallel_replicas")) {
                throw PyError.template("'" + runtime.str(feature) + "' is not a valid 'activate' argument", null);
            }
            state.activate = PyRuntime.strValue(feature);
            return new SqlExpression("-- activate " + state.activate + "\n");
        }));
        functions.put("disable", BuiltinFunction.python("set_disable_feature", (rt, args, kwargs) -> {
            Object[] a = Args.bind("set_disable_feature", args, kwargs, new String[] {"feature"},
                    new Object[] {Args.REQUIRED});
            Object feature = a[0];
            // Tinybird tests `feature not in "analyzer"`: a substring test
            if (!runtime.contains("analyzer", feature)) {
                throw PyError.template("'" + runtime.str(feature) + "' is not a valid 'disable' argument", null);
            }
            state.disable = PyRuntime.strValue(feature);
            return new SqlExpression("-- disable " + state.disable + "\n");
        }));
        BuiltinFunction secret = BuiltinFunction.python("set_tb_secret", (rt, args, kwargs) -> {
            Object[] a = Args.bind("set_tb_secret", args, kwargs, new String[] {"x", "default"},
                    new Object[] {Args.REQUIRED, PyNone.NONE});
            return secret(a[0], a[1]);
        });
        functions.put("tb_secret", secret);
        functions.put("tb_var", secret);
    }

    // --------------------------------------------------------------------------------------------- type functions

    @FunctionalInterface
    private interface Transform {
        Object apply(Object value);
    }

    /**
     * Tinybird's {@code transform_type(tester, transform, placeholder)}: the signature {@code _f(x, default=None,
     * defined=True, required=None, description=None, enum=None, example=None, format=None)}.
     *
     * <p>Safety: {@code String} and the date types return the value as a Python {@code str}, which the output
     * conversion quotes and escapes ({@link SqlRendering}); the date testers only check a prefix, so a suffix such as
     * {@code ' OR 1=1} stays inside the quoted literal. Numeric types return numbers built by Python's {@code int()}
     * or {@code float()} from a validated text, so their SQL ({@code toInt32('7')}, {@code 7}, {@code 1.5}) is made of
     * digits only, whatever the request text was.
     */
    private BuiltinFunction typeFunction(String placeholderKey, String tester, Transform transform) {
        Object placeholder = tester.equals("String") ? "__no_value__"
                : testMode ? TEST_PLACEHOLDERS.getOrDefault(placeholderKey,
                        INTEGER_RANGES.containsKey(placeholderKey) ? BigInteger.ZERO : PyNone.NONE)
                : PyNone.NONE;
        return BuiltinFunction.python("_f", (rt, args, kwargs) -> {
            Object[] a = Args.bind("_f", args, kwargs, TYPE_PARAMETERS, new Object[] {Args.REQUIRED, PyNone.NONE, true,
                PyNone.NONE, PyNone.NONE, PyNone.NONE, PyNone.NONE, PyNone.NONE});
            Object x = a[0];
            Object defaultValue = a[1];
            if (x instanceof Placeholder) {
                x = PyRuntime.truthy(defaultValue) ? defaultValue : placeholder;
            } else if (x instanceof PyNone) {
                x = defaultValue;
                if (x instanceof PyNone) {
                    if (PyRuntime.truthy(a[2])) {
                        throw PyError.template(REQUIRED_PARAM_NOT_DEFINED, DOCS);
                    }
                    return PyNone.NONE;
                }
            }
            if (tester.equals("String")) {
                if (!(x instanceof PyNone)) {
                    return transform.apply(x);
                }
            } else if (test(tester, runtime.str(x))) {
                return transform.apply(x);
            }
            throw PyError.template("Error validating '" + runtime.str(x) + "' to type " + tester, DOCS);
        });
    }

    /** Tinybird's {@code testers}: whether the text is a valid value of the type. */
    boolean test(String type, String text) {
        switch (type) {
            case "DateTime64":
                return DATETIME64_1.matcher(text).lookingAt() || DATETIME64_2.matcher(text).lookingAt();
            case "DateTime":
                return DATETIME_1.matcher(text).lookingAt() || DATETIME_2.matcher(text).lookingAt();
            case "Date":
                return DATE.matcher(text).lookingAt();
            case "Float32":
            case "Float64":
                return text.indexOf('_') < 0 && PyFloats.parse(text, true) != null;
            case "Bool":
                return BOOL_VALUES.contains(text);
            default:
                BigInteger[] range = INTEGER_RANGES.get(type);
                if (range == null) {
                    return false;
                }
                boolean signAllowed = type.startsWith("Int") || type.equals("UInt128") || type.equals("UInt256");
                if (!(signAllowed ? SIGNED : UNSIGNED).matcher(text).lookingAt()) {
                    return false;
                }
                BigInteger value = PyBuiltins.parseInt(text, 10);
                return value.compareTo(range[0]) >= 0 && value.compareTo(range[1]) < 0;
        }
    }

    /** Whether Tinybird has a tester for the type (the Array element types that are validated). */
    private static boolean hasTester(String type) {
        return INTEGER_RANGES.containsKey(type) || List.of("DateTime64", "DateTime", "Date", "Float32", "Float64",
                "Bool").contains(type);
    }

    private double toFloat(Object value) {
        return PyRuntime.floatValue(runtime.call(PyType.FLOAT, List.of(value), Map.of()));
    }

    private BigInteger toInt(Object value) {
        return PyRuntime.intValue(runtime.call(PyType.INT, List.of(value), Map.of()));
    }

    /** Tinybird's {@code boolean(x, default)}: 1 or 0 — never request text. */
    private Object bool(Object x, Object defaultValue) {
        if (x instanceof PyNone) {
            return defaultValue instanceof PyNone ? BigInteger.ZERO : bool(defaultValue, PyNone.NONE);
        }
        if (x instanceof Placeholder) {
            return bool(defaultValue, PyNone.NONE);
        }
        if (PyRuntime.isStr(x)) {
            String text = PyRuntime.strValue(x);
            if (text.equals("0") || text.toLowerCase(java.util.Locale.ROOT).equals("false")) {
                return BigInteger.ZERO;
            }
        }
        return PyRuntime.truthy(x) ? BigInteger.ONE : BigInteger.ZERO;
    }

    /**
     * {@code Array(x, 'Type', default, defined=True)}: {@code [v1,v2]} with every element validated by the element
     * type's tester and rendered by {@code expression_wrapper}.
     *
     * <p>Safety: each element is converted on its own, exactly like a scalar of its type: strings become one quoted,
     * escaped literal each (a {@code ,} inside a list element stays inside its literal), numbers are re-printed by
     * Python, symbols are back-quoted. The brackets and commas are the only text not derived from an element.
     */
    private Object array(PyRuntime rt, List<Object> args, Map<String, Object> kwargs) {
        Object[] a = Args.bind("_f", args, kwargs, ARRAY_PARAMETERS, new Object[] {Args.REQUIRED, PyNone.NONE,
            PyNone.NONE, true, PyNone.NONE, PyNone.NONE, PyNone.NONE, PyNone.NONE, PyNone.NONE});
        List<Object> elements = arrayElements(a[0], a[1], a[2], a[3]);
        if (elements == null) {
            return PyNone.NONE;
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(runtime.str(elements.get(i)));
            runtime.checkStringLength(out.length());
        }
        return new SqlExpression(out.append(']').toString());
    }

    /**
     * The elements of {@code Array(x, type, default, defined)} after {@code expression_wrapper}: quoted strings (as
     * {@link String}s holding the SQL text) or other values; null when {@code defined=False} and no value.
     */
    List<Object> arrayElements(Object x, Object type, Object defaultValue, Object defined) {
        String typeName = PyRuntime.isStr(type) ? PyRuntime.strValue(type) : null;
        // Tinybird looks the type up in a dict: an unhashable type (a list) raises TypeError
        new PyKey(type);
        try {
            if (x instanceof Placeholder) {
                if (PyRuntime.truthy(defaultValue)) {
                    x = defaultValue;
                } else if (PyRuntime.truthy(type) && typeName != null && arrayTypes.containsKey(typeName)) {
                    if (typeName.equals("String")) {
                        x = "";
                    } else {
                        Object dummy = runtime.call(arrayTypes.get(typeName), List.of(x), Map.of());
                        String text = runtime.str(dummy);
                        x = text + "," + text;
                    }
                } else {
                    x = "";
                }
            } else if (x instanceof PyNone) {
                x = defaultValue;
                if (x instanceof PyNone) {
                    if (PyRuntime.truthy(defined)) {
                        throw PyError.template(REQUIRED_PARAM_NOT_DEFINED, DOCS);
                    }
                    return null;
                }
            }
            List<Object> values;
            if (x instanceof PyList list) {
                values = list.items;
            } else if (PyRuntime.isStr(x)) {
                values = new ArrayList<>(PyMethods.split(PyRuntime.strValue(x), ",", -1));
            } else {
                throw PyError.of(PyType.ATTRIBUTE_ERROR,
                        "'" + PyRuntime.typeName(x) + "' object has no attribute 'split'");
            }
            runtime.checkCollectionSize(values.size());
            List<Object> rendered = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                runtime.step();
                Object t = values.get(i);
                String text = runtime.str(t);
                Object converted;
                if (typeName != null && hasTester(typeName)) {
                    if (!test(typeName, text)) {
                        throw PyError.template("Error validating [" + runtime.str(x) + "][" + i + "] ("
                                + (PyRuntime.eq(t, "") ? "empty string" : text) + ") to type " + typeName, DOCS);
                    }
                    Object function = arrayTypes.get(typeName);
                    if (function == null) {
                        throw PyError.keyError(typeName, PyRuntime.reprString(typeName, false));
                    }
                    converted = runtime.call(function, List.of(t), Map.of());
                } else {
                    Object function = typeName == null ? null : arrayTypes.get(typeName);
                    converted = function == null ? t : runtime.call(function, List.of(t), Map.of());
                }
                rendered.add(wrap(converted, text));
            }
            return rendered;
        } catch (PyError e) {
            if (e.type().isSubclassOf(PyType.ATTRIBUTE_ERROR)) {
                throw PyError.template("transform type function Array is not well defined", DOCS);
            }
            throw e;
        }
    }

    /** Tinybird's {@code expression_wrapper(x, name)} without the final {@code str()}. */
    private static Object wrap(Object value, String name) {
        if (value instanceof String s) {
            return SqlRendering.quoteString(s);
        }
        if (value instanceof Placeholder) {
            return "'__no_value__'";
        }
        if (value instanceof TestModeComment) {
            return TestModeComment.RENDERED;
        }
        if (value instanceof PyNone) {
            throw SqlRendering.nullExpression(name);
        }
        return value;
    }

    private Object json(Object x, Object defaultValue) {
        if (x instanceof Placeholder) {
            x = PyRuntime.truthy(defaultValue) ? defaultValue : "__no_value__";
        }
        String value = "";
        try {
            if (x instanceof PyNone) {
                x = PyRuntime.isStr(defaultValue) ? defaultValue : "{}";
            }
            if (PyRuntime.isStr(x)) {
                String text = PyRuntime.strValue(x);
                value = text.codePointCount(0, text.length()) > 16
                        ? text.substring(0, text.offsetByCodePoints(0, 16)) + "..." : text;
                return PyJson.loads(runtime, text);
            }
            return x;
        } catch (PyError e) {
            throw PyError.template("Error parsing JSON: '" + value + "' - " + e.text(), null);
        }
    }

    // --------------------------------------------------------------------------------------------- identifiers

    /** {@code sqlescape(x)}: only strings have {@code translate}. */
    private String escapeIdentifier(Object x) {
        if (!PyRuntime.isStr(x)) {
            throw PyError.of(PyType.ATTRIBUTE_ERROR,
                    "'" + PyRuntime.typeName(x) + "' object has no attribute 'translate'");
        }
        return SqlRendering.escapeIdentifier(PyRuntime.strValue(x));
    }

    /**
     * {@code symbol(x, quote)}, {@code Symbol}, {@code Column}. Safety: the identifier escape table escapes the quote
     * characters {@code `} and {@code '} and every backslash, and removes {@code "}, so the value cannot end the
     * quoted identifier; only these three quotes are accepted.
     */
    private Object symbol(Object x, Object quote) {
        if (x instanceof Placeholder) {
            return new SqlSymbol("`placeholder`");
        }
        if (!PyRuntime.isStr(quote) || !List.of("`", "\"", "'").contains(PyRuntime.strValue(quote))) {
            throw PyError.template("symbol() quote must be one of '`', '\"' or \"'\"", DOCS);
        }
        String q = PyRuntime.strValue(quote);
        return new SqlSymbol(q + escapeIdentifier(x) + q);
    }

    /**
     * {@code column(x, default)}: {@code `a`.`b`}. Safety: each dot-separated part is back-quoted and escaped as in
     * {@link #symbol}; the dots between parts are the only unquoted text.
     */
    private Object column(Object x, Object defaultValue) {
        if (x instanceof PyNone || x instanceof Placeholder) {
            if (defaultValue instanceof PyNone) {
                throw PyError.template("Missing column() default value, use "
                        + "`column(column_name, 'default_column_name')`", DOCS + "#column");
            }
            x = defaultValue;
        }
        if (PyRuntime.isStr(x)) {
            List<String> parts = new ArrayList<>();
            for (String part : PyMethods.split(PyRuntime.strValue(x), ".", -1)) {
                parts.add("`" + SqlRendering.escapeIdentifier(part) + "`");
            }
            return new SqlSymbol(String.join(".", parts));
        }
        return new SqlSymbol("`" + escapeIdentifier(x) + "`");
    }

    /**
     * {@code columns(x, default, fn)}: {@code `a`,`b`} or {@code fn(`a`) as a,...}. Safety: names are quoted as by
     * {@link #column}; the alias is raw only when it is a bare identifier (letters, digits, underscore), otherwise
     * quoted; {@code fn} must be a function name with optional literal parameters and no quotes.
     */
    private Object columns(Object x, Object defaultValue, Object fn) {
        if (x instanceof PyNone || x instanceof Placeholder) {
            if (defaultValue instanceof PyNone) {
                throw PyError.template("Missing columns() default value, use "
                        + "`columns(column_names, 'default_column_name')`", DOCS + "#columns");
            }
            x = defaultValue;
        }
        if (!PyRuntime.isStr(x)) {
            throw PyError.template("The 'columns' function expects a String not an Array", DOCS + "#columns");
        }
        List<String> names = new ArrayList<>();
        PyMethods.split(PyRuntime.strValue(x), ",", -1).forEach(name -> names.add(PyStrings.strip(name, null)));
        runtime.checkCollectionSize(names.size());
        List<String> rendered = new ArrayList<>();
        String function = PyRuntime.truthy(fn) ? runtime.str(fn) : null;
        if (function != null && !FUNCTION_NAME.matcher(function).matches()) {
            throw PyError.template("Invalid function name '" + function + "' in columns()", DOCS + "#columns");
        }
        for (String name : names) {
            String identifier = ((SqlSymbol) column(name, name)).text();
            if (function == null) {
                rendered.add(identifier);
            } else {
                String alias = SqlRendering.BARE_IDENTIFIER.matcher(name).matches()
                        ? name : "`" + SqlRendering.escapeIdentifier(name) + "`";
                rendered.add(function + "(" + identifier + ") as " + alias);
            }
        }
        return new SqlExpression(String.join(",", rendered));
    }

    /**
     * {@code table(x)}: the table name, unquoted as Tinybird writes it so that table replacement finds it. Safety: a
     * name that is not a bare (dotted) identifier after escaping is back-quoted part by part.
     */
    private Object table(Object x) {
        if (x instanceof Placeholder) {
            return new SqlSymbol("placeholder");
        }
        String escaped = escapeIdentifier(x);
        if (DOTTED_IDENTIFIER.matcher(escaped).matches()) {
            return new SqlSymbol(escaped);
        }
        List<String> parts = new ArrayList<>();
        for (String part : PyMethods.split(escaped, ".", -1)) {
            parts.add("`" + part + "`");
        }
        return new SqlSymbol(String.join(".", parts));
    }

    // --------------------------------------------------------------------------------------------- helpers

    /**
     * {@code sql_and(col=v, col__in=..., ...)}: {@code col = v and ...}. Safety: column names and operators come from
     * the template's keyword names (Python identifiers), values are converted by {@code expression_wrapper} like
     * <code>{{ }}</code> does: strings quoted and escaped, helper results (already safe) raw.
     */
    private Object sqlAnd(Map<String, Object> kwargs) {
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<String, Object> entry : kwargs.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof PyNone) {
                continue;
            }
            String key = entry.getKey();
            int split = key.lastIndexOf("__");
            String name = split < 0 ? key : key.substring(0, split);
            String operator = "=";
            if (split >= 0) {
                String suffix = key.substring(split + 2);
                operator = switch (suffix) {
                    case "in" -> "in";
                    case "not_in" -> "not in";
                    case "gt" -> ">";
                    case "lt" -> "<";
                    case "gte" -> ">=";
                    case "lte" -> "<=";
                    default -> throw PyError.template("operand " + suffix + " not supported", DOCS + "#sql_and");
                };
            }
            conditions.add(name + " " + operator + " " + runtime.str(wrap(value, key)));
        }
        return new SqlExpression(String.join(" and ", conditions));
    }

    /**
     * {@code split_to_array(x, default, separator)}: a Python list of stripped strings. Safety: the list is data for
     * the template; rendered directly it becomes its Python repr, whose strings are single ClickHouse tokens (see
     * {@link SqlRendering}), or with the escaping flag one escaped literal per element.
     */
    private Object splitToArray(Object x, Object defaultValue, Object separator) {
        if (x instanceof Placeholder || x instanceof PyNone) {
            x = defaultValue;
        }
        if (!PyRuntime.isStr(x)) {
            throw PyError.template("First argument of split_to_array has to be a value that can be split to a list "
                    + "of elements, but found a PlaceHolder with no value instead", DOCS + "#split_to_array");
        }
        String sep = separator instanceof PyNone ? null : PyRuntime.isStr(separator)
                ? PyRuntime.strValue(separator) : null;
        if (!(separator instanceof PyNone) && sep == null) {
            throw PyError.of(PyType.TYPE_ERROR, "must be str or None, not " + PyRuntime.typeName(separator));
        }
        List<String> parts = PyMethods.split(PyRuntime.strValue(x), sep, -1);
        runtime.checkCollectionSize(parts.size());
        List<Object> stripped = new ArrayList<>(parts.size());
        parts.forEach(part -> stripped.add(PyStrings.strip(part, null)));
        return new PyList(stripped);
    }

    private Object dateDiff(String unit, Object d0, Object d1, Object format, Object defaultValue, Object backup,
            boolean noneIfError) {
        if (d0 instanceof Placeholder || d1 instanceof Placeholder) {
            return PyRuntime.truthy(defaultValue) ? defaultValue : BigInteger.ZERO;
        }
        try {
            long micros;
            try {
                PyStrptime.DateTime from = parseDate(d0, format, backup);
                PyStrptime.DateTime to = parseDate(d1, format, backup);
                micros = to.absoluteDifferenceMicros(from);
            } catch (PyError e) {
                if (noneIfError) {
                    return PyNone.NONE;
                }
                throw PyError.template("invalid date_format in function date_diff_* function", DOCS);
            }
            double seconds = BigDecimal.valueOf(micros, 6).doubleValue();
            double divisor = switch (unit) {
                case "days" -> 86400.0;
                case "hours" -> 3600.0;
                case "minutes" -> 60.0;
                default -> 1.0;
            };
            return PyBuiltins.floatToInt(seconds / divisor);
        } catch (PyError e) {
            throw PyError.template(switch (unit) {
                case "days" -> "invalid date format in function `date_diff_in_days`, it must be ISO format date "
                        + "YYYY-MM-DD, e.g. 2018-09-26";
                case "hours" -> "invalid date_format in function `date_diff_in_hours`, defaults to YYYY-MM-DD "
                        + "hh:mm:ss. Or %Y-%m-%d %H:%M:%S [.ssssss]Z, e.g. ms: 2022-12-19T18:42:22.591Z "
                        + "s:2022-12-19T18:42:22Z";
                default -> "invalid date_format in function `date_diff_in_seconds`, defaults to YYYY-MM-DD "
                        + "hh:mm:ss. Or %Y-%m-%d %H:%M:%S [.ssssss]Z, e.g. ms: 2022-12-19T18:42:22.591Z "
                        + "s:2022-12-19T18:42:22Z";
            }, DOCS + "#date_diff_in_" + unit);
        }
    }

    private static PyStrptime.DateTime parseDate(Object text, Object format, Object backup) {
        List<Object> formats = new ArrayList<>(List.of(format));
        if (PyRuntime.truthy(backup)) {
            formats.add(backup);
        }
        for (Object candidate : formats) {
            try {
                return PyStrptime.parse(text, candidate);
            } catch (PyError e) {
                if (!e.type().isSubclassOf(PyType.VALUE_ERROR)) {
                    throw e;
                }
            }
        }
        throw PyError.template("invalid date_format in function date_diff_* function", DOCS);
    }

    /**
     * {@code sql_unescape(x, what)}: the quoted, escaped string with the escaping of {@code what} undone (for LIKE
     * wildcards). Safety: the result is checked to still be one string literal — every backslash escapes a character
     * and no quote is left unescaped — otherwise rendering fails.
     */
    private Object sqlUnescape(Object x, Object what) {
        if (!PyRuntime.isStr(x)) {
            throw PyError.of(PyType.ATTRIBUTE_ERROR,
                    "'" + PyRuntime.typeName(x) + "' object has no attribute 'translate'");
        }
        String character = runtime.str(what);
        String body = SqlRendering.escapeString(PyRuntime.strValue(x)).replace("\\" + character, character);
        if (!SqlRendering.isSafeStringBody(body)) {
            throw PyError.template("sql_unescape() cannot unescape " + PyRuntime.reprString(character, false)
                    + " in this value: the string literal would end early", DOCS);
        }
        return new SqlExpression("'" + body + "'");
    }

    /**
     * {@code tb_secret(name, default)} / {@code tb_var}. Safety: the secret value is never put in the SQL: it is
     * referenced as the ClickHouse query parameter <code>{name: String}</code> and bound server-side
     * ({@link RenderResult#queryParameters()}); the name must be an identifier. A default is returned as a value and
     * rendered like any other (strings quoted).
     */
    private Object secret(Object x, Object defaultValue) {
        String name = PyRuntime.isStr(x) ? PyRuntime.strValue(x) : null;
        String error = String.format(SECRET_ERROR, runtime.str(x));
        if (name == null || !SqlRendering.BARE_IDENTIFIER.matcher(name).matches()) {
            throw PyError.template(error, null);
        }
        String value = secrets.containsKey(name) ? secrets.get(name) : secrets.get("tb_secret_" + name);
        if (value != null) {
            state.queryParameters.put(name, value);
            return new SqlSymbol("{" + name + ": String}");
        }
        if (!(defaultValue instanceof PyNone)) {
            return defaultValue;
        }
        if (testMode && runtime.options.secretsInTestMode()) {
            return new SqlSymbol("{" + name + ": String}");
        }
        throw PyError.template(error, null);
    }
}

package org.tinybirdmaven.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Python builtins templates can use: the pure functions and constructors of {@code TemplateNames}' allowed list
 * (without {@code hash}, whose values for strings are randomised per process in CPython), plus {@code callable} and
 * the exception classes. Builtins that give access to code or the interpreter ({@code eval}, {@code getattr}, {@code open}, ...)
 * do not exist here: such names resolve like any unknown name (to a parameter that was not sent), so calling them
 * fails as calling {@code None} does. ({@code bool} is not here either: Tinybird replaces it by its
 * {@code Boolean} type function.)
 */
final class PyBuiltins {

    private static final Map<String, Object> BUILTINS = new HashMap<>();

    static {
        PyType.STR.constructor(new BuiltinFunction("str", PyBuiltins::str));
        PyType.INT.constructor(new BuiltinFunction("int", PyBuiltins::toInt));
        PyType.FLOAT.constructor(new BuiltinFunction("float", PyBuiltins::toFloat));
        PyType.BOOL.constructor(new BuiltinFunction("bool", (runtime, args, kwargs) -> {
            Args.noKeywords("bool", kwargs);
            Args.count("bool", args, 0, 1);
            return !args.isEmpty() && PyRuntime.truthy(args.get(0));
        }));
        PyType.LIST.constructor(new BuiltinFunction("list", (runtime, args, kwargs) -> {
            Args.noKeywords("list", kwargs);
            Args.count("list", args, 0, 1);
            return args.isEmpty() ? new PyList() : new PyList(runtime.toList(args.get(0)));
        }));
        PyType.TUPLE.constructor(new BuiltinFunction("tuple", (runtime, args, kwargs) -> {
            Args.noKeywords("tuple", kwargs);
            Args.count("tuple", args, 0, 1);
            return args.isEmpty() ? PyTuple.EMPTY : new PyTuple(runtime.toList(args.get(0)));
        }));
        BuiltinFunction setConstructor = new BuiltinFunction("set", (runtime, args, kwargs) -> {
            Args.noKeywords("set", kwargs);
            Args.count("set", args, 0, 1);
            return args.isEmpty() ? new PySet() : toSet(runtime, args.get(0));
        });
        PyType.SET.constructor(setConstructor);
        PyType.FROZENSET.constructor(setConstructor);
        PyType.DICT.constructor(new BuiltinFunction("dict", (runtime, args, kwargs) -> {
            Args.count("dict", args, 0, 1);
            PyDict dict = args.isEmpty() ? new PyDict() : copy(toDict(runtime, args.get(0)));
            kwargs.forEach(dict::put);
            runtime.checkCollectionSize(dict.map.size());
            return dict;
        }));
        for (PyType type : List.of(PyType.STR, PyType.INT, PyType.FLOAT, PyType.LIST, PyType.TUPLE, PyType.DICT,
                PyType.SET, PyType.FROZENSET)) {
            BUILTINS.put(type.name(), type);
        }
        PyType.NAMED_EXCEPTIONS.forEach(type -> BUILTINS.put(type.name(), type));

        add("abs", (runtime, args, kwargs) -> {
            one("abs", args, kwargs);
            Object x = args.get(0);
            if (PyRuntime.isInt(x)) {
                return PyRuntime.intValue(x).abs();
            }
            if (PyRuntime.isFloat(x)) {
                return Math.abs(PyRuntime.floatValue(x));
            }
            throw PyError.of(PyType.TYPE_ERROR, "bad operand type for abs(): '" + PyRuntime.typeName(x) + "'");
        });
        add("all", (runtime, args, kwargs) -> {
            one("all", args, kwargs);
            Iterator<Object> iterator = runtime.iterate(args.get(0));
            while (iterator.hasNext()) {
                if (!PyRuntime.truthy(iterator.next())) {
                    return false;
                }
            }
            return true;
        });
        add("any", (runtime, args, kwargs) -> {
            one("any", args, kwargs);
            Iterator<Object> iterator = runtime.iterate(args.get(0));
            while (iterator.hasNext()) {
                if (PyRuntime.truthy(iterator.next())) {
                    return true;
                }
            }
            return false;
        });
        add("ascii", (runtime, args, kwargs) -> {
            one("ascii", args, kwargs);
            return PyFormat.ascii(runtime, args.get(0));
        });
        add("bin", (runtime, args, kwargs) -> radix("bin", args, kwargs, 2, "0b"));
        add("oct", (runtime, args, kwargs) -> radix("oct", args, kwargs, 8, "0o"));
        add("hex", (runtime, args, kwargs) -> radix("hex", args, kwargs, 16, "0x"));
        add("callable", (runtime, args, kwargs) -> {
            one("callable", args, kwargs);
            return args.get(0) instanceof PyCallable || args.get(0) instanceof Placeholder;
        });
        add("chr", (runtime, args, kwargs) -> {
            one("chr", args, kwargs);
            BigInteger code = integerArgument(args.get(0));
            if (code.signum() < 0 || code.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
                throw PyError.of(PyType.VALUE_ERROR, "chr() arg not in range(0x110000)");
            }
            return new String(Character.toChars(code.intValue()));
        });
        add("ord", (runtime, args, kwargs) -> {
            one("ord", args, kwargs);
            Object c = args.get(0);
            if (!PyRuntime.isStr(c)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "ord() expected string of length 1, but " + PyRuntime.typeName(c) + " found");
            }
            String s = PyRuntime.strValue(c);
            int length = s.codePointCount(0, s.length());
            if (length != 1) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "ord() expected a character, but string of length " + length + " found");
            }
            return BigInteger.valueOf(s.codePointAt(0));
        });
        add("divmod", (runtime, args, kwargs) -> {
            Args.noKeywords("divmod", kwargs);
            Args.count("divmod", args, 2, 2);
            return PyTuple.of(runtime.binary(Expr.BinaryOperator.FLOOR_DIVIDE, args.get(0), args.get(1)),
                    runtime.binary(Expr.BinaryOperator.MODULO, args.get(0), args.get(1)));
        });
        add("enumerate", (runtime, args, kwargs) -> {
            Object[] a = Args.bind("enumerate", args, kwargs, new String[] {"iterable", "start"},
                    new Object[] {Args.REQUIRED, BigInteger.ZERO});
            Iterator<Object> iterator = runtime.iterate(a[0]);
            BigInteger[] counter = {integerArgument(a[1])};
            return new PyIterator("enumerate") {
                @Override
                protected Object compute() {
                    if (!iterator.hasNext()) {
                        return END;
                    }
                    BigInteger index = counter[0];
                    counter[0] = index.add(BigInteger.ONE);
                    return PyTuple.of(index, iterator.next());
                }
            };
        });
        add("filter", (runtime, args, kwargs) -> {
            Args.noKeywords("filter", kwargs);
            Args.count("filter", args, 2, 2);
            Object function = args.get(0);
            Iterator<Object> iterator = runtime.iterate(args.get(1));
            return new PyIterator("filter") {
                @Override
                protected Object compute() {
                    while (iterator.hasNext()) {
                        Object item = iterator.next();
                        Object test = function instanceof PyNone ? item
                                : runtime.call(function, List.of(item), Map.of());
                        if (PyRuntime.truthy(test)) {
                            return item;
                        }
                    }
                    return END;
                }
            };
        });
        add("map", (runtime, args, kwargs) -> {
            Args.noKeywords("map", kwargs);
            if (args.size() < 2) {
                throw PyError.of(PyType.TYPE_ERROR, "map() must have at least two arguments.");
            }
            Object function = args.get(0);
            List<Iterator<Object>> iterators = new ArrayList<>();
            args.subList(1, args.size()).forEach(iterable -> iterators.add(runtime.iterate(iterable)));
            return new PyIterator("map") {
                @Override
                protected Object compute() {
                    List<Object> values = new ArrayList<>();
                    for (Iterator<Object> iterator : iterators) {
                        if (!iterator.hasNext()) {
                            return END;
                        }
                        values.add(iterator.next());
                    }
                    return runtime.call(function, values, Map.of());
                }
            };
        });
        add("zip", (runtime, args, kwargs) -> {
            Object[] strict = Args.bind("zip", List.of(), kwargs, new String[] {"strict"}, new Object[] {false});
            List<Iterator<Object>> iterators = new ArrayList<>();
            args.forEach(iterable -> iterators.add(runtime.iterate(iterable)));
            boolean checkLengths = PyRuntime.truthy(strict[0]);
            return new PyIterator("zip") {
                @Override
                protected Object compute() {
                    if (iterators.isEmpty()) {
                        return END;
                    }
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < iterators.size(); i++) {
                        Iterator<Object> iterator = iterators.get(i);
                        if (!iterator.hasNext()) {
                            if (checkLengths && (i > 0 || iterators.stream().skip(1).anyMatch(Iterator::hasNext))) {
                                throw PyError.of(PyType.VALUE_ERROR, "zip() argument " + (i > 0 ? i + 1 : 2)
                                        + " is " + (i > 0 ? "shorter" : "longer") + " than argument"
                                        + (i > 1 ? "s 1-" + i : " 1"));
                            }
                            return END;
                        }
                        values.add(iterator.next());
                    }
                    return new PyTuple(values);
                }
            };
        });
        add("isinstance", (runtime, args, kwargs) -> {
            Args.noKeywords("isinstance", kwargs);
            Args.count("isinstance", args, 2, 2);
            return isInstance(args.get(0), args.get(1), "isinstance");
        });
        add("issubclass", (runtime, args, kwargs) -> {
            Args.noKeywords("issubclass", kwargs);
            Args.count("issubclass", args, 2, 2);
            if (!(args.get(0) instanceof PyType type)) {
                throw PyError.of(PyType.TYPE_ERROR, "issubclass() arg 1 must be a class");
            }
            return isSubclass(type, args.get(1));
        });
        add("iter", (runtime, args, kwargs) -> {
            one("iter", args, kwargs);
            Object value = args.get(0);
            return value instanceof PyIterator ? value : PyIterator.of(iteratorName(value), runtime.iterate(value));
        });
        add("next", (runtime, args, kwargs) -> {
            Args.noKeywords("next", kwargs);
            Args.count("next", args, 1, 2);
            if (!(args.get(0) instanceof PyIterator iterator)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "'" + PyRuntime.typeName(args.get(0)) + "' object is not an iterator");
            }
            if (iterator.hasNext()) {
                runtime.step();
                return iterator.next();
            }
            if (args.size() > 1) {
                return args.get(1);
            }
            throw PyError.bare(PyType.STOP_ITERATION);
        });
        add("len", (runtime, args, kwargs) -> {
            one("len", args, kwargs);
            return BigInteger.valueOf(runtime.len(args.get(0)));
        });
        add("max", (runtime, args, kwargs) -> extreme(runtime, "max", args, kwargs));
        add("min", (runtime, args, kwargs) -> extreme(runtime, "min", args, kwargs));
        add("pow", (runtime, args, kwargs) -> {
            Object[] a = Args.bind("pow", args, kwargs, new String[] {"base", "exp", "mod"},
                    new Object[] {Args.REQUIRED, Args.REQUIRED, PyNone.NONE});
            return power(runtime, a[0], a[1], a[2]);
        });
        add("range", (runtime, args, kwargs) -> {
            Args.noKeywords("range", kwargs);
            Args.count("range", args, 1, 3);
            BigInteger start = BigInteger.ZERO;
            BigInteger step = BigInteger.ONE;
            BigInteger stop;
            if (args.size() == 1) {
                stop = integerArgument(args.get(0));
            } else {
                start = integerArgument(args.get(0));
                stop = integerArgument(args.get(1));
                if (args.size() == 3) {
                    step = integerArgument(args.get(2));
                    if (step.signum() == 0) {
                        throw PyError.of(PyType.VALUE_ERROR, "range() arg 3 must not be zero");
                    }
                }
            }
            return new PyRange(start, stop, step);
        });
        add("repr", (runtime, args, kwargs) -> {
            one("repr", args, kwargs);
            return runtime.repr(args.get(0));
        });
        add("reversed", (runtime, args, kwargs) -> {
            one("reversed", args, kwargs);
            Object value = args.get(0);
            List<Object> items;
            if (value instanceof PyList || value instanceof PyTuple || PyRuntime.isStr(value)
                    || value instanceof PyDict || value instanceof PyRange || value instanceof DictView) {
                if (value instanceof PyRange range && range.length().bitLength() > 31) {
                    throw new RenderLimitException("Template value exceeds the limit of "
                            + runtime.options.maxCollectionSize() + " elements");
                }
                items = runtime.toList(value);
            } else {
                throw PyError.of(PyType.TYPE_ERROR, "'" + PyRuntime.typeName(value) + "' object is not reversible");
            }
            java.util.Collections.reverse(items);
            return PyIterator.of("reversed", items.iterator());
        });
        add("round", (runtime, args, kwargs) -> {
            Object[] a = Args.bind("round", args, kwargs, new String[] {"number", "ndigits"},
                    new Object[] {Args.REQUIRED, PyNone.NONE});
            return round(a[0], a[1]);
        });
        add("slice", (runtime, args, kwargs) -> {
            Args.noKeywords("slice", kwargs);
            Args.count("slice", args, 1, 3);
            if (args.size() == 1) {
                return new PySlice(PyNone.NONE, args.get(0), PyNone.NONE);
            }
            return new PySlice(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : PyNone.NONE);
        });
        add("sorted", (runtime, args, kwargs) -> {
            Args.count("sorted", args, 1, 1);
            Object[] a = Args.bind("sorted", List.of(), kwargs, new String[] {"key", "reverse"},
                    new Object[] {PyNone.NONE, false});
            return new PyList(sort(runtime, runtime.toList(args.get(0)), a[0], PyRuntime.truthy(a[1])));
        });
        add("sum", (runtime, args, kwargs) -> {
            Object[] a = Args.bind("sum", args, kwargs, new String[] {"iterable", "start"},
                    new Object[] {Args.REQUIRED, BigInteger.ZERO});
            Object total = a[1];
            if (PyRuntime.isStr(total)) {
                throw PyError.of(PyType.TYPE_ERROR, "sum() can't sum strings [use ''.join(seq) instead]");
            }
            Iterator<Object> iterator = runtime.iterate(a[0]);
            while (iterator.hasNext()) {
                total = runtime.binary(Expr.BinaryOperator.ADD, total, iterator.next());
            }
            return total;
        });
    }

    private PyBuiltins() {}

    private static void add(String name, BuiltinFunction.Body body) {
        BUILTINS.put(name, new BuiltinFunction(name, body));
    }

    /** The builtin called {@code name}, or null. */
    static Object lookup(String name) {
        return BUILTINS.get(name);
    }

    private static void one(String name, List<Object> args, Map<String, Object> kwargs) {
        Args.noKeywords(name, kwargs);
        Args.count(name, args, 1, 1);
    }

    private static String iteratorName(Object value) {
        if (value instanceof PyList) {
            return "list_iterator";
        }
        if (value instanceof PyTuple) {
            return "tuple_iterator";
        }
        if (PyRuntime.isStr(value)) {
            return "str_ascii_iterator";
        }
        if (value instanceof PyRange) {
            return "range_iterator";
        }
        if (value instanceof PySet) {
            return "set_iterator";
        }
        return "iterator";
    }

    /** An int argument where Python requires {@code __index__}. */
    static BigInteger integerArgument(Object value) {
        if (!PyRuntime.isInt(value)) {
            throw PyError.of(PyType.TYPE_ERROR,
                    "'" + PyRuntime.typeName(value) + "' object cannot be interpreted as an integer");
        }
        return PyRuntime.intValue(value);
    }

    private static Object radix(String name, List<Object> args, Map<String, Object> kwargs, int radix,
            String prefix) {
        one(name, args, kwargs);
        BigInteger value = integerArgument(args.get(0));
        return (value.signum() < 0 ? "-" : "") + prefix + value.abs().toString(radix);
    }

    // --------------------------------------------------------------------------------------------- constructors

    private static Object str(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs) {
        Object[] a = Args.bind("str", args, kwargs, new String[] {"object"}, new Object[] {""});
        return runtime.str(a[0]);
    }

    private static Object toInt(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs) {
        Args.count("int", args, 0, 2);
        Object[] a = Args.bind("int", args, kwargs, new String[] {"x", "base"},
                new Object[] {BigInteger.ZERO, PyNone.NONE});
        Object x = a[0];
        if (!(a[1] instanceof PyNone)) {
            if (!PyRuntime.isStr(x)) {
                throw PyError.of(PyType.TYPE_ERROR, "int() can't convert non-string with explicit base");
            }
            BigInteger base = integerArgument(a[1]);
            if (!(base.signum() == 0 || base.compareTo(BigInteger.TWO) >= 0 && base.compareTo(
                    BigInteger.valueOf(36)) <= 0)) {
                throw PyError.of(PyType.VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
            }
            return runtime.checkInt(parseInt(PyRuntime.strValue(x), base.intValue()));
        }
        if (PyRuntime.isInt(x)) {
            return PyRuntime.intValue(x);
        }
        if (PyRuntime.isFloat(x)) {
            return floatToInt(PyRuntime.floatValue(x));
        }
        if (PyRuntime.isStr(x)) {
            return runtime.checkInt(parseInt(PyRuntime.strValue(x), 10));
        }
        throw PyError.of(PyType.TYPE_ERROR, "int() argument must be a string, a bytes-like object or a real number, "
                + "not '" + PyRuntime.typeName(x) + "'");
    }

    /** {@code int(float)}: truncation toward zero. */
    static BigInteger floatToInt(double value) {
        if (Double.isNaN(value)) {
            throw PyError.of(PyType.VALUE_ERROR, "cannot convert float NaN to integer");
        }
        if (Double.isInfinite(value)) {
            throw PyError.of(PyType.OVERFLOW_ERROR, "cannot convert float infinity to integer");
        }
        return new BigDecimal(value).toBigInteger();
    }

    /**
     * {@code int(text, base)}: surrounding whitespace, a sign, underscores between digits, Unicode digits, and with
     * base 0 (or a matching base) the {@code 0x}/{@code 0o}/{@code 0b} prefixes.
     */
    static BigInteger parseInt(String text, int base) {
        String s = PyStrings.strip(text, null);
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = base;
        if (i + 1 < s.length() && s.charAt(i) == '0') {
            char p = Character.toLowerCase(s.charAt(i + 1));
            int prefixRadix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (prefixRadix != 0 && (base == 0 || base == prefixRadix)) {
                radix = prefixRadix;
                i += 2;
                if (i < s.length() && s.charAt(i) == '_') {
                    i++;
                }
            }
        }
        if (radix == 0) {
            radix = 10;
        }
        StringBuilder digits = new StringBuilder();
        boolean lastUnderscore = true;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (lastUnderscore) {
                    throw invalidLiteral(text, base);
                }
                lastUnderscore = true;
                continue;
            }
            int digit = Character.digit(c, radix);
            if (digit < 0 || (c > 127 && !Character.isDigit(c))) {
                throw invalidLiteral(text, base);
            }
            digits.append(Character.forDigit(digit, radix));
            lastUnderscore = false;
        }
        if (digits.length() == 0 || lastUnderscore) {
            throw invalidLiteral(text, base);
        }
        if (base == 0 && radix == 10 && digits.length() > 1 && digits.charAt(0) == '0'
                && !digits.toString().matches("0+")) {
            throw invalidLiteral(text, base);
        }
        if (digits.length() > 4300) {
            throw PyError.of(PyType.VALUE_ERROR, "Exceeds the limit (4300 digits) for integer string conversion: "
                    + "value has " + digits.length() + " digits; use sys.set_int_max_str_digits() to increase the limit");
        }
        BigInteger value = new BigInteger(digits.toString(), radix);
        return negative ? value.negate() : value;
    }

    private static PyError invalidLiteral(String text, int base) {
        return PyError.of(PyType.VALUE_ERROR,
                "invalid literal for int() with base " + base + ": " + PyRuntime.reprString(text, false));
    }

    private static Object toFloat(PyRuntime runtime, List<Object> args, Map<String, Object> kwargs) {
        Args.noKeywords("float", kwargs);
        Args.count("float", args, 0, 1);
        if (args.isEmpty()) {
            return 0.0;
        }
        Object x = args.get(0);
        if (PyRuntime.isNumber(x)) {
            return PyRuntime.floatValue(x);
        }
        if (PyRuntime.isStr(x)) {
            Double value = PyFloats.parse(PyRuntime.strValue(x), true);
            if (value == null) {
                throw PyError.of(PyType.VALUE_ERROR,
                        "could not convert string to float: " + PyRuntime.reprString(PyRuntime.strValue(x), false));
            }
            return value;
        }
        throw PyError.of(PyType.TYPE_ERROR,
                "float() argument must be a string or a real number, not '" + PyRuntime.typeName(x) + "'");
    }

    static PySet toSet(PyRuntime runtime, Object iterable) {
        PySet set = new PySet();
        Iterator<Object> iterator = runtime.iterate(iterable);
        while (iterator.hasNext()) {
            set.add(iterator.next());
            runtime.checkCollectionSize(set.elements.size());
        }
        return set;
    }

    private static PyDict copy(PyDict dict) {
        PyDict copy = new PyDict();
        copy.map.putAll(dict.map);
        return copy;
    }

    /** A dict from a mapping or from an iterable of key/value pairs. */
    static PyDict toDict(PyRuntime runtime, Object source) {
        if (source instanceof PyDict dict) {
            return dict;
        }
        PyDict dict = new PyDict();
        Iterator<Object> iterator = runtime.iterate(source);
        int index = 0;
        while (iterator.hasNext()) {
            Object element = iterator.next();
            if (!(element instanceof PyList || element instanceof PyTuple || PyRuntime.isStr(element)
                    || element instanceof PySet || element instanceof PyDict || element instanceof PyRange
                    || element instanceof PyIterator || element instanceof DictView)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "cannot convert dictionary update sequence element #" + index + " to a sequence");
            }
            List<Object> pair = runtime.toList(element);
            if (pair.size() != 2) {
                throw PyError.of(PyType.VALUE_ERROR, "dictionary update sequence element #" + index + " has length "
                        + pair.size() + "; 2 is required");
            }
            dict.put(pair.get(0), pair.get(1));
            runtime.checkCollectionSize(dict.map.size());
            index++;
        }
        return dict;
    }

    // --------------------------------------------------------------------------------------------- isinstance

    static boolean isInstance(Object value, Object classInfo, String function) {
        if (classInfo instanceof PyTuple tuple) {
            for (Object item : tuple.items) {
                if (isInstance(value, item, function)) {
                    return true;
                }
            }
            return false;
        }
        if (!(classInfo instanceof PyType type)) {
            throw PyError.of(PyType.TYPE_ERROR,
                    function + "() arg 2 must be a type, a tuple of types, or a union");
        }
        if (type == PyType.STR) {
            return PyRuntime.isStr(value);
        }
        if (type == PyType.INT) {
            return PyRuntime.isInt(value);
        }
        if (type == PyType.BOOL) {
            return value instanceof Boolean;
        }
        if (type == PyType.FLOAT) {
            return PyRuntime.isFloat(value);
        }
        if (type == PyType.LIST) {
            return value instanceof PyList;
        }
        if (type == PyType.TUPLE) {
            return value instanceof PyTuple;
        }
        if (type == PyType.DICT) {
            return value instanceof PyDict;
        }
        if (type == PyType.SET || type == PyType.FROZENSET) {
            return value instanceof PySet;
        }
        return value instanceof PyExceptionValue exception && exception.type().isSubclassOf(type);
    }

    private static boolean isSubclass(PyType type, Object classInfo) {
        if (classInfo instanceof PyTuple tuple) {
            return tuple.items.stream().anyMatch(item -> isSubclass(type, item));
        }
        if (!(classInfo instanceof PyType other)) {
            throw PyError.of(PyType.TYPE_ERROR, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
        }
        return type.isSubclassOf(other);
    }

    // --------------------------------------------------------------------------------------------- numbers

    private static Object extreme(PyRuntime runtime, String name, List<Object> args, Map<String, Object> kwargs) {
        Object key = kwargs.getOrDefault("key", PyNone.NONE);
        boolean hasDefault = kwargs.containsKey("default");
        for (String keyword : kwargs.keySet()) {
            if (!keyword.equals("key") && !keyword.equals("default")) {
                throw PyError.of(PyType.TYPE_ERROR,
                        name + "() got an unexpected keyword argument '" + keyword + "'");
            }
        }
        if (args.isEmpty()) {
            throw PyError.of(PyType.TYPE_ERROR, name + " expected at least 1 argument, got 0");
        }
        List<Object> items;
        if (args.size() == 1) {
            items = runtime.toList(args.get(0));
        } else {
            if (hasDefault) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "Cannot specify a default for " + name + "() with multiple positional arguments");
            }
            items = args;
        }
        if (items.isEmpty()) {
            if (hasDefault) {
                return kwargs.get("default");
            }
            throw PyError.of(PyType.VALUE_ERROR, name + "() arg is an empty sequence");
        }
        Expr.ComparisonOperator better = name.equals("max") ? Expr.ComparisonOperator.GREATER
                : Expr.ComparisonOperator.LESS;
        Object best = items.get(0);
        Object bestKey = key instanceof PyNone ? best : runtime.call(key, List.of(best), Map.of());
        for (Object item : items.subList(1, items.size())) {
            runtime.step();
            Object itemKey = key instanceof PyNone ? item : runtime.call(key, List.of(item), Map.of());
            if (runtime.order(better, itemKey, bestKey)) {
                best = item;
                bestKey = itemKey;
            }
        }
        return best;
    }

    private static Object power(PyRuntime runtime, Object base, Object exponent, Object modulus) {
        if (!PyRuntime.isNumber(base) || !PyRuntime.isNumber(exponent)) {
            throw PyError.of(PyType.TYPE_ERROR, "unsupported operand type(s) for ** or pow(): '"
                    + PyRuntime.typeName(base) + "' and '" + PyRuntime.typeName(exponent) + "'");
        }
        if (!(modulus instanceof PyNone)) {
            if (!PyRuntime.isInt(base) || !PyRuntime.isInt(exponent) || !PyRuntime.isInt(modulus)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "pow() 3rd argument not allowed unless all arguments are integers");
            }
            BigInteger m = PyRuntime.intValue(modulus);
            if (m.signum() == 0) {
                throw PyError.of(PyType.VALUE_ERROR, "pow() 3rd argument cannot be 0");
            }
            BigInteger e = PyRuntime.intValue(exponent);
            BigInteger result = PyRuntime.intValue(base).modPow(e, m.abs());
            if (m.signum() < 0 && result.signum() != 0) {
                result = result.add(m);
            }
            return result;
        }
        if (PyRuntime.isInt(base) && PyRuntime.isInt(exponent) && PyRuntime.intValue(exponent).signum() >= 0) {
            BigInteger b = PyRuntime.intValue(base);
            BigInteger e = PyRuntime.intValue(exponent);
            if (b.abs().compareTo(BigInteger.ONE) <= 0) {
                return b.signum() < 0 && e.testBit(0) ? b : b.signum() == 0 && e.signum() > 0 ? BigInteger.ZERO
                        : b.abs().equals(BigInteger.ONE) || e.signum() == 0 ? BigInteger.ONE : b;
            }
            if (e.compareTo(BigInteger.valueOf(runtime.options.maxIntegerBits())) > 0
                    || (long) b.bitLength() * e.longValue() > runtime.options.maxIntegerBits() + 64L) {
                return runtime.checkInt(BigInteger.ONE.shiftLeft(runtime.options.maxIntegerBits() + 1));
            }
            return runtime.checkInt(b.pow(e.intValue()));
        }
        double b = PyRuntime.floatValue(base);
        double e = PyRuntime.floatValue(exponent);
        if (b == 0.0 && e < 0) {
            throw PyError.of(PyType.ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
        }
        if (b < 0 && e != Math.rint(e) && !Double.isInfinite(e)) {
            throw PyError.of(PyType.VALUE_ERROR, "complex results are not supported in templates");
        }
        double result = Math.pow(b, e);
        if (Double.isInfinite(result) && !Double.isInfinite(b) && !Double.isInfinite(e)) {
            throw PyError.of(PyType.OVERFLOW_ERROR, "(34, 'Numerical result out of range')");
        }
        return result;
    }

    /** {@code round(number, ndigits)}: half to even on the exact value, as Python does. */
    static Object round(Object number, Object digits) {
        if (PyRuntime.isInt(number)) {
            BigInteger value = PyRuntime.intValue(number);
            if (digits instanceof PyNone) {
                return value;
            }
            BigInteger n = integerArgument(digits);
            if (n.signum() >= 0) {
                return value;
            }
            if (n.negate().compareTo(BigInteger.valueOf(5000)) > 0) {
                return BigInteger.ZERO;
            }
            return new BigDecimal(value).setScale(n.intValue(), RoundingMode.HALF_EVEN).toBigInteger();
        }
        if (PyRuntime.isFloat(number)) {
            double value = PyRuntime.floatValue(number);
            if (digits instanceof PyNone) {
                return floatToInt(Math.rint(value));
            }
            BigInteger n = integerArgument(digits);
            if (Double.isNaN(value) || Double.isInfinite(value) || value == 0.0) {
                return value;
            }
            if (n.compareTo(BigInteger.valueOf(400)) > 0) {
                return value;
            }
            if (n.compareTo(BigInteger.valueOf(-400)) < 0) {
                return Math.copySign(0.0, value);
            }
            double result = new BigDecimal(value).setScale(n.intValue(), RoundingMode.HALF_EVEN).doubleValue();
            if (Double.isInfinite(result)) {
                throw PyError.of(PyType.OVERFLOW_ERROR, "rounded value too large to represent");
            }
            return result == 0.0 ? Math.copySign(0.0, value) : result;
        }
        throw PyError.of(PyType.TYPE_ERROR,
                "type " + PyRuntime.typeName(number) + " doesn't define __round__ method");
    }

    /**
     * Python's stable sort with an optional key function; {@code reverse} keeps equal elements in their original
     * order, as Python does. Only {@code <} is used, so inconsistent orders (NaN) never fail.
     */
    static List<Object> sort(PyRuntime runtime, List<Object> items, Object key, boolean reverse) {
        List<Object> keys = new ArrayList<>(items.size());
        for (Object item : items) {
            keys.add(key instanceof PyNone ? item : runtime.call(key, List.of(item), Map.of()));
        }
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Integer[] buffer = new Integer[order.length];
        mergeSort(runtime, order, buffer, 0, order.length, keys, reverse);
        List<Object> sorted = new ArrayList<>(items.size());
        for (Integer index : order) {
            sorted.add(items.get(index));
        }
        return sorted;
    }

    private static void mergeSort(PyRuntime runtime, Integer[] order, Integer[] buffer, int from, int to,
            List<Object> keys, boolean reverse) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(runtime, order, buffer, from, middle, keys, reverse);
        mergeSort(runtime, order, buffer, middle, to, keys, reverse);
        int i = from;
        int j = middle;
        int k = from;
        while (i < middle && j < to) {
            runtime.step();
            Object left = keys.get(order[i]);
            Object right = keys.get(order[j]);
            boolean rightFirst = reverse
                    ? runtime.order(Expr.ComparisonOperator.LESS, left, right)
                    : runtime.order(Expr.ComparisonOperator.LESS, right, left);
            buffer[k++] = rightFirst ? order[j++] : order[i++];
        }
        while (i < middle) {
            buffer[k++] = order[i++];
        }
        while (j < to) {
            buffer[k++] = order[j++];
        }
        System.arraycopy(buffer, from, order, from, to - from);
    }
}

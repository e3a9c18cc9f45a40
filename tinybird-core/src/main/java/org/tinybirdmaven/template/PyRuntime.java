package org.tinybirdmaven.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Python semantics of the template interpreter: types, truthiness, equality and ordering, {@code str}/{@code repr},
 * operators, indexing, iteration, attribute access and calls, plus the resource budget every operation draws from.
 *
 * <p>Value model (all immutable unless stated): {@link PyNone}, {@code Boolean}, {@code BigInteger} (int),
 * {@code Double} (float), {@code String} (str), {@link PyList} (mutable), {@link PyTuple}, {@link PyDict} (mutable),
 * {@link PySet} (mutable), {@link PyRange}, {@link PyIterator}, {@link DictView}, {@link PyCallable} and
 * {@link PyType}, {@link PyExceptionValue}, and Tinybird's own {@link TypedInt}, {@link TypedFloat},
 * {@link SqlExpression}, {@link SqlSymbol}, {@link Placeholder}, {@link TestModeComment}.
 *
 * <p>Messages follow CPython 3.11, which Tinybird runs, because templates may show them to API users.
 */
final class PyRuntime {

    private static final BigInteger SMALL_INT_MIN = BigInteger.valueOf(-5);
    private static final BigInteger SMALL_INT_MAX = BigInteger.valueOf(256);
    private static final BigInteger TWO_TO_53 = BigInteger.ONE.shiftLeft(53);

    static {
        // the builtin types get their constructors when PyBuiltins is initialised
        PyBuiltins.lookup("str");
    }

    final RenderOptions options;
    final RenderMode mode;
    private long steps;
    private long loopIterations;
    private int callDepth;

    PyRuntime(RenderOptions options, RenderMode mode) {
        this.options = options;
        this.mode = mode;
    }

    // ------------------------------------------------------------------------------------------------ budget

    /** Counts one evaluation step. */
    void step() {
        if (++steps > options.maxSteps()) {
            throw new RenderLimitException(
                    "Template evaluation exceeds the limit of " + options.maxSteps() + " steps");
        }
    }

    /** Counts one iteration of a template loop. */
    void loopIteration() {
        if (++loopIterations > options.maxLoopIterations()) {
            throw new RenderLimitException(
                    "Template loops exceed the limit of " + options.maxLoopIterations() + " iterations");
        }
        step();
    }

    void checkCollectionSize(long size) {
        if (size > options.maxCollectionSize()) {
            throw new RenderLimitException("Template value exceeds the limit of " + options.maxCollectionSize()
                    + " elements");
        }
    }

    void checkStringLength(long length) {
        if (length > options.maxStringLength()) {
            throw new RenderLimitException("Template value exceeds the limit of " + options.maxStringLength()
                    + " characters");
        }
    }

    BigInteger checkInt(BigInteger value) {
        if (value.bitLength() > options.maxIntegerBits()) {
            throw new RenderLimitException("Template integer exceeds the limit of " + options.maxIntegerBits()
                    + " bits");
        }
        return value;
    }

    void enterCall() {
        if (++callDepth > options.maxCallDepth()) {
            callDepth = 0;
            throw new RenderLimitException("Template calls exceed the maximum depth of " + options.maxCallDepth());
        }
    }

    void exitCall() {
        callDepth--;
    }

    // ------------------------------------------------------------------------------------------------ type info

    static String typeName(Object value) {
        if (value instanceof PyNone) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof PyList) {
            return "list";
        }
        if (value instanceof PyTuple) {
            return "tuple";
        }
        if (value instanceof PyDict) {
            return "dict";
        }
        if (value instanceof PySet) {
            return "set";
        }
        if (value instanceof TypedInt) {
            return "Integer";
        }
        if (value instanceof TypedFloat) {
            return "Float";
        }
        if (value instanceof SqlExpression) {
            return "Expression";
        }
        if (value instanceof SqlSymbol) {
            return "Symbol";
        }
        if (value instanceof Placeholder) {
            return "Placeholder";
        }
        if (value instanceof TestModeComment) {
            return "Comment";
        }
        if (value instanceof PyRange) {
            return "range";
        }
        if (value instanceof PySlice) {
            return "slice";
        }
        if (value instanceof PyIterator iterator) {
            return iterator.typeName();
        }
        if (value instanceof DictView view) {
            return view.kind().typeName;
        }
        if (value instanceof PyExceptionValue exception) {
            return exception.type().name();
        }
        if (value instanceof PyCallable callable) {
            return callable.typeName();
        }
        return value.getClass().getSimpleName();
    }

    /** bool, int or Tinybird's Integer */
    static boolean isInt(Object value) {
        return value instanceof BigInteger || value instanceof Boolean || value instanceof TypedInt;
    }

    static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof TypedFloat;
    }

    static boolean isNumber(Object value) {
        return isInt(value) || isFloat(value);
    }

    /** str or Tinybird's Expression (a str subclass) */
    static boolean isStr(Object value) {
        return value instanceof String || value instanceof SqlExpression;
    }

    static BigInteger intValue(Object value) {
        if (value instanceof BigInteger i) {
            return i;
        }
        if (value instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return ((TypedInt) value).value();
    }

    static String strValue(Object value) {
        return value instanceof String s ? s : ((SqlExpression) value).text();
    }

    /** The float value of any number; ints too large for a float raise {@code OverflowError}. */
    static double floatValue(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof TypedFloat f) {
            return f.value();
        }
        BigInteger i = intValue(value);
        if (i.bitLength() > 1024) {
            throw PyError.of(PyType.OVERFLOW_ERROR, "int too large to convert to float");
        }
        double d = i.doubleValue();
        if (Double.isInfinite(d)) {
            throw PyError.of(PyType.OVERFLOW_ERROR, "int too large to convert to float");
        }
        return d;
    }

    static BigInteger integer(long value) {
        return BigInteger.valueOf(value);
    }

    /** A Java int index from a Python int, for sizes and indexes of in-memory sequences. */
    static long indexValue(Object value, String what) {
        if (!isInt(value)) {
            throw PyError.of(PyType.TYPE_ERROR, what);
        }
        BigInteger i = intValue(value);
        if (i.bitLength() > 62) {
            return i.signum() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
        return i.longValue();
    }

    // ------------------------------------------------------------------------------------------------ truth, ==

    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof PyNone) {
            return false;
        }
        if (value instanceof BigInteger i) {
            return i.signum() != 0;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Double d) {
            return d != 0.0;
        }
        if (value instanceof TypedInt t) {
            return t.value().signum() != 0;
        }
        if (value instanceof TypedFloat f) {
            return f.value() != 0.0;
        }
        if (value instanceof SqlExpression e) {
            return !e.text().isEmpty();
        }
        if (value instanceof PyList list) {
            return !list.items.isEmpty();
        }
        if (value instanceof PyTuple tuple) {
            return !tuple.items.isEmpty();
        }
        if (value instanceof PyDict dict) {
            return !dict.map.isEmpty();
        }
        if (value instanceof PySet set) {
            return !set.elements.isEmpty();
        }
        if (value instanceof PyRange range) {
            return range.length().signum() != 0;
        }
        if (value instanceof DictView view) {
            return !view.dict().map.isEmpty();
        }
        return true;
    }

    /** Python's {@code ==} for the builtin types (no user classes exist in templates). */
    static boolean eq(Object a, Object b) {
        if (a == b) {
            return !(a instanceof Double d && d.isNaN());
        }
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        if (isStr(a) && isStr(b)) {
            return strValue(a).equals(strValue(b));
        }
        if (a instanceof PyList x && b instanceof PyList y) {
            return sequenceEquals(x.items, y.items);
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            return sequenceEquals(x.items, y.items);
        }
        if (a instanceof PyDict x && b instanceof PyDict y) {
            if (x.map.size() != y.map.size()) {
                return false;
            }
            for (Map.Entry<PyKey, Object> entry : x.map.entrySet()) {
                if (!y.map.containsKey(entry.getKey()) || !eq(entry.getValue(), y.map.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof PySet x && b instanceof PySet y) {
            return x.elements.size() == y.elements.size() && x.elements.containsAll(y.elements);
        }
        if (a instanceof PyRange x && b instanceof PyRange y) {
            BigInteger length = x.length();
            if (!length.equals(y.length())) {
                return false;
            }
            if (length.signum() == 0) {
                return true;
            }
            return x.start().equals(y.start()) && (length.equals(BigInteger.ONE) || x.step().equals(y.step()));
        }
        if (a instanceof PyExceptionValue || b instanceof PyExceptionValue) {
            return false;
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y);
        }
        return false;
    }

    private static boolean sequenceEquals(List<Object> x, List<Object> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!eq(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Numeric comparison with Python's exactness between ints and floats; NaN compares as unordered (2). */
    static int compareNumbers(Object a, Object b) {
        boolean aFloat = isFloat(a);
        boolean bFloat = isFloat(b);
        if (!aFloat && !bFloat) {
            return intValue(a).compareTo(intValue(b));
        }
        if (aFloat && bFloat) {
            double x = floatOf(a);
            double y = floatOf(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return 2;
            }
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (aFloat) {
            return compareFloatWithInt(floatOf(a), intValue(b));
        }
        int reversed = compareFloatWithInt(floatOf(b), intValue(a));
        return reversed == 2 ? 2 : -reversed;
    }

    private static int compareFloatWithInt(double f, BigInteger i) {
        if (Double.isNaN(f)) {
            return 2;
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? 1 : -1;
        }
        return new BigDecimal(f).compareTo(new BigDecimal(i));
    }

    private static double floatOf(Object value) {
        return value instanceof Double d ? d : ((TypedFloat) value).value();
    }

    /** Python's {@code is}: identity, with CPython's shared {@code None}, booleans and small ints. */
    static boolean is(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.booleanValue() == y.booleanValue();
        }
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return x.equals(y) && x.compareTo(SMALL_INT_MIN) >= 0 && x.compareTo(SMALL_INT_MAX) <= 0;
        }
        return false;
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=} */
    boolean order(Expr.ComparisonOperator operator, Object a, Object b) {
        int result = orderCompare(operator, a, b);
        if (result == 2) {
            return false;
        }
        return switch (operator) {
            case LESS -> result < 0;
            case LESS_OR_EQUAL -> result <= 0;
            case GREATER -> result > 0;
            default -> result >= 0;
        };
    }

    /** -1, 0, 1, or 2 for unordered (NaN); TypeError for types without an order. */
    private int orderCompare(Expr.ComparisonOperator operator, Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (isStr(a) && isStr(b)) {
            return Integer.signum(compareCodePoints(strValue(a), strValue(b)));
        }
        if (a instanceof PyList x && b instanceof PyList y) {
            return compareSequences(operator, x.items, y.items);
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            return compareSequences(operator, x.items, y.items);
        }
        if (a instanceof PySet x && b instanceof PySet y) {
            boolean xInY = y.elements.containsAll(x.elements);
            boolean yInX = x.elements.containsAll(y.elements);
            if (xInY && yInX) {
                return 0;
            }
            if (xInY) {
                return -1;
            }
            if (yInX) {
                return 1;
            }
            return 2;
        }
        throw PyError.of(PyType.TYPE_ERROR, "'" + operator.symbol() + "' not supported between instances of '"
                + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private int compareSequences(Expr.ComparisonOperator operator, List<Object> x, List<Object> y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            if (!eq(x.get(i), y.get(i))) {
                if (order(Expr.ComparisonOperator.LESS, x.get(i), y.get(i))) {
                    return -1;
                }
                return orderCompare(operator, x.get(i), y.get(i)) == 2 ? 2 : 1;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Sorting order for {@code sorted}, {@code min}, {@code max}, {@code list.sort}. */
    int sortCompare(Object a, Object b) {
        if (order(Expr.ComparisonOperator.LESS, a, b)) {
            return -1;
        }
        if (order(Expr.ComparisonOperator.LESS, b, a)) {
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ str, repr

    String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof SqlExpression e) {
            return e.text();
        }
        if (value instanceof BigInteger i) {
            return i.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof PyNone) {
            return "None";
        }
        if (value instanceof Double d) {
            return PyFloats.repr(d);
        }
        if (value instanceof TypedInt t) {
            return "to" + t.type() + "('" + t.value() + "')";
        }
        if (value instanceof TypedFloat f) {
            return "to" + f.type() + "('" + PyFloats.repr(f.value()) + "')";
        }
        if (value instanceof SqlSymbol symbol) {
            return symbol.text();
        }
        if (value instanceof Placeholder) {
            return "__no_value__";
        }
        if (value instanceof TestModeComment comment) {
            return comment.toString();
        }
        if (value instanceof PyExceptionValue exception) {
            return exceptionStr(exception);
        }
        return repr(value);
    }

    String exceptionStr(PyExceptionValue exception) {
        List<Object> args = exception.args();
        if (args.isEmpty()) {
            return "";
        }
        if (args.size() == 1) {
            return exception.type().isSubclassOf(PyType.KEY_ERROR) ? repr(args.get(0)) : str(args.get(0));
        }
        return repr(new PyTuple(args));
    }

    String repr(Object value) {
        StringBuilder out = new StringBuilder();
        repr(value, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    private void append(StringBuilder out, String text) {
        checkStringLength((long) out.length() + text.length());
        out.append(text);
    }

    private void repr(Object value, StringBuilder out, Set<Object> active) {
        if (value instanceof String s) {
            append(out, reprString(s, false));
        } else if (value instanceof SqlExpression e) {
            append(out, reprString(e.text(), false));
        } else if (value instanceof BigInteger || value instanceof Boolean || value instanceof PyNone) {
            append(out, str(value));
        } else if (value instanceof Double d) {
            append(out, PyFloats.repr(d));
        } else if (value instanceof TypedInt t) {
            append(out, t.value().toString());
        } else if (value instanceof TypedFloat f) {
            append(out, PyFloats.repr(f.value()));
        } else if (value instanceof PyList list) {
            reprItems(list, list.items, "[", "]", out, active);
        } else if (value instanceof PyTuple tuple) {
            reprItems(tuple, tuple.items, "(", tuple.items.size() == 1 ? ",)" : ")", out, active);
        } else if (value instanceof PySet set) {
            if (set.elements.isEmpty()) {
                append(out, "set()");
            } else {
                List<Object> items = new ArrayList<>();
                set.elements.forEach(key -> items.add(key.value));
                reprItems(set, items, "{", "}", out, active);
            }
        } else if (value instanceof PyDict dict) {
            if (!active.add(dict)) {
                append(out, "{...}");
                return;
            }
            append(out, "{");
            boolean first = true;
            for (Map.Entry<PyKey, Object> entry : dict.map.entrySet()) {
                if (!first) {
                    append(out, ", ");
                }
                first = false;
                repr(entry.getKey().value, out, active);
                append(out, ": ");
                repr(entry.getValue(), out, active);
            }
            append(out, "}");
            active.remove(dict);
        } else if (value instanceof DictView view) {
            append(out, view.kind().typeName + "(");
            reprItems(view, viewItems(view), "[", "]", out, active);
            append(out, ")");
        } else if (value instanceof PyRange range) {
            append(out, "range(" + range.start() + ", " + range.stop()
                    + (range.step().equals(BigInteger.ONE) ? "" : ", " + range.step()) + ")");
        } else if (value instanceof PyExceptionValue exception) {
            append(out, exception.type().name());
            reprItems(exception, exception.args(), "(", ")", out, active);
        } else if (value instanceof PySlice slice) {
            append(out, "slice(");
            repr(slice.start(), out, active);
            append(out, ", ");
            repr(slice.stop(), out, active);
            append(out, ", ");
            repr(slice.step(), out, active);
            append(out, ")");
        } else if (value instanceof PyType type) {
            append(out, type.toString());
        } else if (value instanceof Lambda) {
            append(out, "<function <lambda>>");
        } else if (value instanceof BoundMethod method) {
            append(out, "<built-in method " + method.name() + " of " + typeName(method.self()) + " object>");
        } else if (value instanceof PyCallable callable) {
            append(out, callable.typeName().equals("function")
                    ? "<function " + callable.name() + ">"
                    : "<built-in function " + callable.name() + ">");
        } else if (value instanceof Placeholder) {
            append(out, "<tinybird.sql_template.Placeholder object>");
        } else if (value instanceof SqlSymbol) {
            append(out, "<tinybird.sql_template.Symbol object>");
        } else if (value instanceof TestModeComment) {
            append(out, "<tinybird.sql_template.Comment object>");
        } else if (value instanceof PyIterator iterator) {
            append(out, "<" + iterator.typeName() + " object>");
        } else {
            append(out, String.valueOf(value));
        }
    }

    private void reprItems(Object owner, List<Object> items, String open, String close, StringBuilder out,
            Set<Object> active) {
        if (!active.add(owner)) {
            append(out, open + "..." + close);
            return;
        }
        append(out, open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                append(out, ", ");
            }
            repr(items.get(i), out, active);
        }
        append(out, close);
        active.remove(owner);
    }

    /** Python's {@code repr(str)} ({@code ascii} escapes every non-ASCII character as {@code ascii()} does). */
    static String reprString(String s, boolean ascii) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < ' ' || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x7f) {
                out.append((char) c);
            } else if (!ascii && isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one code point. */
    static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    // ------------------------------------------------------------------------------------------------ operators

    Object unary(Expr.UnaryOperator operator, Object operand) {
        switch (operator) {
            case NOT:
                return !truthy(operand);
            case NEGATE:
                if (isInt(operand)) {
                    return checkInt(intValue(operand).negate());
                }
                if (isFloat(operand)) {
                    return -floatOf(operand);
                }
                throw PyError.of(PyType.TYPE_ERROR, "bad operand type for unary -: '" + typeName(operand) + "'");
            case PLUS:
                if (isInt(operand)) {
                    return intValue(operand);
                }
                if (isFloat(operand)) {
                    return floatOf(operand);
                }
                throw PyError.of(PyType.TYPE_ERROR, "bad operand type for unary +: '" + typeName(operand) + "'");
            default:
                if (isInt(operand)) {
                    return intValue(operand).not();
                }
                throw PyError.of(PyType.TYPE_ERROR, "bad operand type for unary ~: '" + typeName(operand) + "'");
        }
    }

    Object binary(Expr.BinaryOperator operator, Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return arithmetic(operator, a, b);
        }
        switch (operator) {
            case ADD:
                return add(a, b);
            case MULTIPLY:
                return multiply(a, b);
            case MODULO:
                if (isStr(a)) {
                    return PyFormat.percent(this, strValue(a), b);
                }
                break;
            case SUBTRACT:
                if (a instanceof PySet x && b instanceof PySet y) {
                    return PyMethods.setDifference(this, x, y);
                }
                break;
            case BIT_OR:
            case BIT_AND:
            case BIT_XOR:
                if (a instanceof PySet x && b instanceof PySet y) {
                    return PyMethods.setOperation(this, operator, x, y);
                }
                if (operator == Expr.BinaryOperator.BIT_OR && a instanceof PyDict x && b instanceof PyDict y) {
                    PyDict merged = new PyDict();
                    merged.map.putAll(x.map);
                    merged.map.putAll(y.map);
                    checkCollectionSize(merged.map.size());
                    return merged;
                }
                break;
            default:
                break;
        }
        throw unsupported(operator, a, b);
    }

    private static PyError unsupported(Expr.BinaryOperator operator, Object a, Object b) {
        return PyError.of(PyType.TYPE_ERROR, "unsupported operand type(s) for " + operator.symbol() + ": '"
                + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private Object add(Object a, Object b) {
        if (a instanceof Placeholder) {
            return new Placeholder();
        }
        if (isStr(a)) {
            if (!isStr(b)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "can only concatenate str (not \"" + typeName(b) + "\") to str");
            }
            String x = strValue(a);
            String y = strValue(b);
            checkStringLength((long) x.length() + y.length());
            return x + y;
        }
        if (a instanceof PyList x) {
            if (!(b instanceof PyList y)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "can only concatenate list (not \"" + typeName(b) + "\") to list");
            }
            checkCollectionSize((long) x.items.size() + y.items.size());
            PyList result = new PyList(x.items);
            result.items.addAll(y.items);
            return result;
        }
        if (a instanceof PyTuple x) {
            if (!(b instanceof PyTuple y)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "can only concatenate tuple (not \"" + typeName(b) + "\") to tuple");
            }
            checkCollectionSize((long) x.items.size() + y.items.size());
            List<Object> items = new ArrayList<>(x.items);
            items.addAll(y.items);
            return new PyTuple(items);
        }
        throw unsupported(Expr.BinaryOperator.ADD, a, b);
    }

    private Object multiply(Object a, Object b) {
        Object sequence = isInt(a) ? b : a;
        Object count = isInt(a) ? a : b;
        if (!(isStr(sequence) || sequence instanceof PyList || sequence instanceof PyTuple)) {
            throw unsupported(Expr.BinaryOperator.MULTIPLY, a, b);
        }
        if (!isInt(count)) {
            throw PyError.of(PyType.TYPE_ERROR, "can't multiply sequence by non-int of type '" + typeName(count)
                    + "'");
        }
        BigInteger times = intValue(count).max(BigInteger.ZERO);
        if (isStr(sequence)) {
            String text = strValue(sequence);
            if (text.isEmpty() || times.signum() == 0) {
                return "";
            }
            BigInteger length = times.multiply(integer(text.length()));
            checkStringLength(length.min(integer(Long.MAX_VALUE)).longValue());
            return text.repeat(times.intValue());
        }
        List<Object> items = sequence instanceof PyList list ? list.items : ((PyTuple) sequence).items;
        if (items.isEmpty() || times.signum() == 0) {
            return sequence instanceof PyList ? new PyList() : PyTuple.EMPTY;
        }
        BigInteger size = times.multiply(integer(items.size()));
        checkCollectionSize(size.min(integer(Long.MAX_VALUE)).longValue());
        List<Object> result = new ArrayList<>(size.intValue());
        for (int i = 0; i < times.intValue(); i++) {
            result.addAll(items);
        }
        return sequence instanceof PyList ? new PyList(result) : new PyTuple(result);
    }

    private Object arithmetic(Expr.BinaryOperator operator, Object a, Object b) {
        boolean ints = isInt(a) && isInt(b);
        if (ints) {
            BigInteger x = intValue(a);
            BigInteger y = intValue(b);
            switch (operator) {
                case ADD:
                    return checkInt(x.add(y));
                case SUBTRACT:
                    return checkInt(x.subtract(y));
                case MULTIPLY:
                    if ((long) x.bitLength() + y.bitLength() > options.maxIntegerBits() + 1L) {
                        return checkInt(BigInteger.ONE.shiftLeft(options.maxIntegerBits() + 1));
                    }
                    return checkInt(x.multiply(y));
                case DIVIDE:
                    return trueDivide(x, y);
                case FLOOR_DIVIDE:
                    if (y.signum() == 0) {
                        throw PyError.of(PyType.ZERO_DIVISION_ERROR, "integer division or modulo by zero");
                    }
                    return floorDivMod(x, y)[0];
                case MODULO:
                    if (y.signum() == 0) {
                        throw PyError.of(PyType.ZERO_DIVISION_ERROR, "integer division or modulo by zero");
                    }
                    return floorDivMod(x, y)[1];
                case BIT_AND:
                    return a instanceof Boolean p && b instanceof Boolean q ? p & q : x.and(y);
                case BIT_OR:
                    return a instanceof Boolean p && b instanceof Boolean q ? p | q : x.or(y);
                case BIT_XOR:
                    return a instanceof Boolean p && b instanceof Boolean q ? p ^ q : x.xor(y);
                case LEFT_SHIFT:
                    if (y.signum() < 0) {
                        throw PyError.of(PyType.VALUE_ERROR, "negative shift count");
                    }
                    if (x.signum() == 0) {
                        return BigInteger.ZERO;
                    }
                    if (y.compareTo(integer(options.maxIntegerBits())) > 0) {
                        return checkInt(BigInteger.ONE.shiftLeft(options.maxIntegerBits() + 1));
                    }
                    return checkInt(x.shiftLeft(y.intValue()));
                case RIGHT_SHIFT:
                    if (y.signum() < 0) {
                        throw PyError.of(PyType.VALUE_ERROR, "negative shift count");
                    }
                    if (y.compareTo(integer(options.maxIntegerBits() + 1L)) > 0) {
                        return x.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO;
                    }
                    return x.shiftRight(y.intValue());
                default:
                    throw unsupported(operator, a, b);
            }
        }
        switch (operator) {
            case ADD:
            case SUBTRACT:
            case MULTIPLY:
            case DIVIDE:
            case FLOOR_DIVIDE:
            case MODULO:
                break;
            default:
                throw unsupported(operator, a, b);
        }
        double x = floatValue(a);
        double y = floatValue(b);
        return switch (operator) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> {
                if (y == 0.0) {
                    throw PyError.of(PyType.ZERO_DIVISION_ERROR, "float division by zero");
                }
                yield x / y;
            }
            case FLOOR_DIVIDE -> {
                if (y == 0.0) {
                    throw PyError.of(PyType.ZERO_DIVISION_ERROR, "float floor division by zero");
                }
                yield floatDivMod(x, y)[0];
            }
            default -> {
                if (y == 0.0) {
                    throw PyError.of(PyType.ZERO_DIVISION_ERROR, "float modulo");
                }
                yield floatDivMod(x, y)[1];
            }
        };
    }

    /** Python's int true division: correctly rounded. */
    static double trueDivide(BigInteger x, BigInteger y) {
        if (y.signum() == 0) {
            throw PyError.of(PyType.ZERO_DIVISION_ERROR, "division by zero");
        }
        if (x.abs().compareTo(TWO_TO_53) <= 0 && y.abs().compareTo(TWO_TO_53) <= 0) {
            return x.doubleValue() / y.doubleValue();
        }
        double result = new BigDecimal(x).divide(new BigDecimal(y), MathContext.DECIMAL128).doubleValue();
        if (Double.isInfinite(result)) {
            throw PyError.of(PyType.OVERFLOW_ERROR, "integer division result too large for a float");
        }
        return result;
    }

    /** Floor division and modulo with the sign of the divisor. */
    static BigInteger[] floorDivMod(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
            qr[0] = qr[0].subtract(BigInteger.ONE);
            qr[1] = qr[1].add(y);
        }
        return qr;
    }

    /** CPython's {@code float_divmod}. */
    static double[] floatDivMod(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0.0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floorDiv;
        if (div != 0.0) {
            floorDiv = Math.floor(div);
            if (div - floorDiv > 0.5) {
                floorDiv += 1.0;
            }
        } else {
            floorDiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floorDiv, mod};
    }

    // ------------------------------------------------------------------------------------------------ containers

    boolean contains(Object container, Object item) {
        if (isStr(container)) {
            if (!isStr(item)) {
                throw PyError.of(PyType.TYPE_ERROR,
                        "'in <string>' requires string as left operand, not " + typeName(item));
            }
            return strValue(container).contains(strValue(item));
        }
        if (container instanceof PyDict dict) {
            return dict.map.containsKey(new PyKey(item));
        }
        if (container instanceof PySet set) {
            return set.contains(item);
        }
        if (container instanceof DictView view && view.kind() == DictView.Kind.KEYS) {
            return view.dict().map.containsKey(new PyKey(item));
        }
        if (container instanceof PyRange range) {
            if (isInt(item)) {
                BigInteger value = intValue(item);
                BigInteger offset = value.subtract(range.start());
                BigInteger[] qr = offset.divideAndRemainder(range.step());
                return qr[1].signum() == 0 && qr[0].signum() >= 0 && qr[0].compareTo(range.length()) < 0;
            }
        }
        if (container instanceof PyList || container instanceof PyTuple || container instanceof PyRange
                || container instanceof DictView || container instanceof PyIterator
                || container instanceof Placeholder) {
            Iterator<Object> iterator = iterate(container);
            while (iterator.hasNext()) {
                Object element = iterator.next();
                if (is(element, item) || eq(element, item)) {
                    return true;
                }
            }
            return false;
        }
        throw PyError.of(PyType.TYPE_ERROR, "argument of type '" + typeName(container) + "' is not iterable");
    }

    long len(Object value) {
        if (isStr(value)) {
            String s = strValue(value);
            return s.codePointCount(0, s.length());
        }
        if (value instanceof PyList list) {
            return list.items.size();
        }
        if (value instanceof PyTuple tuple) {
            return tuple.items.size();
        }
        if (value instanceof PyDict dict) {
            return dict.map.size();
        }
        if (value instanceof PySet set) {
            return set.elements.size();
        }
        if (value instanceof DictView view) {
            return view.dict().map.size();
        }
        if (value instanceof PyRange range) {
            BigInteger length = range.length();
            if (length.bitLength() > 63) {
                throw PyError.of(PyType.OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
            }
            return length.longValue();
        }
        throw PyError.of(PyType.TYPE_ERROR, "object of type '" + typeName(value) + "' has no len()");
    }

    Object getItem(Object container, Object index) {
        if (container instanceof PyDict dict) {
            Object value = dict.get(index);
            if (value == null) {
                throw PyError.keyError(index, repr(index));
            }
            return value;
        }
        if (container instanceof Placeholder) {
            if (order(Expr.ComparisonOperator.GREATER, index, BigInteger.TWO)) {
                throw PyError.bare(PyType.INDEX_ERROR);
            }
            return new Placeholder();
        }
        if (isStr(container) || container instanceof PyList || container instanceof PyTuple
                || container instanceof PyRange) {
            String kind = isStr(container) ? "string" : typeName(container);
            if (index instanceof PySlice slice) {
                return slice(container, slice);
            }
            if (!isInt(index)) {
                String what = isStr(container) ? "string indices must be integers, not '" + typeName(index) + "'"
                        : kind + " indices must be integers or slices, not " + typeName(index);
                throw PyError.of(PyType.TYPE_ERROR, what);
            }
            if (container instanceof PyRange range) {
                BigInteger i = intValue(index);
                BigInteger length = range.length();
                if (i.signum() < 0) {
                    i = i.add(length);
                }
                if (i.signum() < 0 || i.compareTo(length) >= 0) {
                    throw PyError.of(PyType.INDEX_ERROR, "range object index out of range");
                }
                return range.at(i);
            }
            long i = indexValue(index, "");
            if (isStr(container)) {
                String s = strValue(container);
                int length = s.codePointCount(0, s.length());
                if (i < 0) {
                    i += length;
                }
                if (i < 0 || i >= length) {
                    throw PyError.of(PyType.INDEX_ERROR, "string index out of range");
                }
                int offset = length == s.length() ? (int) i : s.offsetByCodePoints(0, (int) i);
                return new String(Character.toChars(s.codePointAt(offset)));
            }
            List<Object> items = sequenceItems(container);
            if (i < 0) {
                i += items.size();
            }
            if (i < 0 || i >= items.size()) {
                throw PyError.of(PyType.INDEX_ERROR, kind + " index out of range");
            }
            return items.get((int) i);
        }
        if (container instanceof PyType type) {
            throw PyError.of(PyType.TYPE_ERROR, "type '" + type.name() + "' is not subscriptable");
        }
        throw PyError.of(PyType.TYPE_ERROR, "'" + typeName(container) + "' object is not subscriptable");
    }

    /** The elements of a str (one-character strings), list or tuple. */
    static List<Object> sequenceItems(Object sequence) {
        if (sequence instanceof PyList list) {
            return list.items;
        }
        if (sequence instanceof PyTuple tuple) {
            return tuple.items;
        }
        String s = strValue(sequence);
        List<Object> characters = new ArrayList<>(s.length());
        s.codePoints().forEach(c -> characters.add(new String(Character.toChars(c))));
        return characters;
    }

    private Object slice(Object container, PySlice slice) {
        if (container instanceof PyRange range) {
            long[] bounds = slice.indices(this, len(range));
            BigInteger start = range.at(integer(bounds[0]));
            BigInteger step = range.step().multiply(integer(bounds[2]));
            return new PyRange(start, start.add(step.multiply(integer(bounds[3]))), step);
        }
        List<Object> items = sequenceItems(container);
        long[] bounds = slice.indices(this, items.size());
        List<Object> result = new ArrayList<>((int) bounds[3]);
        for (long i = bounds[0], n = 0; n < bounds[3]; i += bounds[2], n++) {
            result.add(items.get((int) i));
        }
        if (isStr(container)) {
            StringBuilder text = new StringBuilder();
            result.forEach(c -> text.append((String) c));
            return text.toString();
        }
        return container instanceof PyList ? new PyList(result) : new PyTuple(result);
    }

    /** Iterates a value with Python's rules; every element costs one evaluation step. */
    Iterator<Object> iterate(Object value) {
        Iterator<Object> raw = rawIterator(value);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return raw.hasNext();
            }

            @Override
            public Object next() {
                step();
                return raw.next();
            }
        };
    }

    private Iterator<Object> rawIterator(Object value) {
        if (value instanceof PyList list) {
            return new Iterator<>() {
                private int index;

                @Override
                public boolean hasNext() {
                    return index < list.items.size();
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return list.items.get(index++);
                }
            };
        }
        if (value instanceof PyTuple tuple) {
            return tuple.items.iterator();
        }
        if (isStr(value)) {
            return sequenceItems(value).iterator();
        }
        if (value instanceof PyDict dict) {
            List<Object> keys = new ArrayList<>(dict.map.size());
            dict.map.keySet().forEach(key -> keys.add(key.value));
            return keys.iterator();
        }
        if (value instanceof PySet set) {
            List<Object> elements = new ArrayList<>(set.elements.size());
            set.elements.forEach(key -> elements.add(key.value));
            return elements.iterator();
        }
        if (value instanceof DictView view) {
            return viewItems(view).iterator();
        }
        if (value instanceof PyRange range) {
            return new Iterator<>() {
                private BigInteger next = range.start();
                private BigInteger remaining = range.length();

                @Override
                public boolean hasNext() {
                    return remaining.signum() > 0;
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    BigInteger current = next;
                    next = next.add(range.step());
                    remaining = remaining.subtract(BigInteger.ONE);
                    return current;
                }
            };
        }
        if (value instanceof PyIterator iterator) {
            return iterator;
        }
        if (value instanceof Placeholder) {
            // Python's legacy iteration protocol: p[0], p[1], p[2], then IndexError
            return List.<Object>of(new Placeholder(), new Placeholder(), new Placeholder()).iterator();
        }
        throw PyError.of(PyType.TYPE_ERROR, "'" + typeName(value) + "' object is not iterable");
    }

    List<Object> viewItems(DictView view) {
        List<Object> items = new ArrayList<>(view.dict().map.size());
        for (Map.Entry<PyKey, Object> entry : view.dict().map.entrySet()) {
            items.add(switch (view.kind()) {
                case KEYS -> entry.getKey().value;
                case VALUES -> entry.getValue();
                case ITEMS -> PyTuple.of(entry.getKey().value, entry.getValue());
            });
        }
        return items;
    }

    /** All elements of an iterable, within the collection size limit. */
    List<Object> toList(Object iterable) {
        if (iterable instanceof PyList list) {
            for (int i = 0; i < list.items.size(); i++) {
                step();
            }
            return new ArrayList<>(list.items);
        }
        List<Object> items = new ArrayList<>();
        Iterator<Object> iterator = iterate(iterable);
        while (iterator.hasNext()) {
            items.add(iterator.next());
            checkCollectionSize(items.size());
        }
        return items;
    }

    // ------------------------------------------------------------------------------------------------ calls

    Object getAttribute(Object value, String name) {
        if (name.startsWith("__")) {
            throw new RenderLimitException("Access to attribute \"" + name + "\" is forbidden in templates");
        }
        return PyMethods.attribute(this, value, name);
    }

    Object call(Object callee, List<Object> args, Map<String, Object> kwargs) {
        if (callee instanceof PyCallable callable) {
            return callable.call(this, args, kwargs);
        }
        if (callee instanceof Placeholder placeholder) {
            throw PyError.template("'" + placeholder.name() + "' is not a valid function, line "
                    + (placeholder.line() == 0 ? "unknown" : placeholder.line()), TinybirdFunctions.DOCS);
        }
        throw PyError.of(PyType.TYPE_ERROR, "'" + typeName(callee) + "' object is not callable");
    }

    /** Converts a value given by the caller (request parameters, secrets) to a template value. */
    static Object fromJava(Object value) {
        if (value == null) {
            return PyNone.NONE;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof BigInteger
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof List<?> list) {
            PyList result = new PyList();
            list.forEach(item -> result.items.add(fromJava(item)));
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            PyDict result = new PyDict();
            map.forEach((key, item) -> result.put(fromJava(key), fromJava(item)));
            return result;
        }
        return value.toString();
    }
}

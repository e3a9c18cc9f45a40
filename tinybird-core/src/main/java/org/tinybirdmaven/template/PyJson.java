package org.tinybirdmaven.template;

import java.math.BigInteger;
import java.util.Map;

/**
 * Python's {@code json.loads} (for the {@code JSON} type function) with its error messages, such as
 * {@code Expecting value: line 1 column 1 (char 0)}, and {@code json.dumps} (for {@code custom_error} payloads).
 */
final class PyJson {

    private final PyRuntime runtime;
    private final String text;
    private int depth;

    private PyJson(PyRuntime runtime, String text) {
        this.runtime = runtime;
        this.text = text;
    }

    /** Parses JSON text into template values; errors are {@code ValueError}s with Python's message. */
    static Object loads(PyRuntime runtime, String text) {
        PyJson parser = new PyJson(runtime, text);
        int start = parser.skipWhitespace(0);
        Object[] result = parser.value(start);
        int end = parser.skipWhitespace((Integer) result[1]);
        if (end != text.length()) {
            throw parser.error("Extra data", end);
        }
        return result[0];
    }

    private PyError error(String message, int position) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return PyError.of(PyType.VALUE_ERROR, message + ": line " + line + " column " + (position - lineStart + 1)
                + " (char " + position + ")");
    }

    private int skipWhitespace(int position) {
        int i = position;
        while (i < text.length() && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** {value, end offset} */
    private Object[] value(int position) {
        runtime.step();
        if (position >= text.length()) {
            throw error("Expecting value", position);
        }
        char c = text.charAt(position);
        switch (c) {
            case '"':
                return string(position + 1);
            case '{':
                return object(position + 1);
            case '[':
                return array(position + 1);
            case 'n':
                if (text.startsWith("null", position)) {
                    return new Object[] {PyNone.NONE, position + 4};
                }
                break;
            case 't':
                if (text.startsWith("true", position)) {
                    return new Object[] {true, position + 4};
                }
                break;
            case 'f':
                if (text.startsWith("false", position)) {
                    return new Object[] {false, position + 5};
                }
                break;
            case 'N':
                if (text.startsWith("NaN", position)) {
                    return new Object[] {Double.NaN, position + 3};
                }
                break;
            case 'I':
                if (text.startsWith("Infinity", position)) {
                    return new Object[] {Double.POSITIVE_INFINITY, position + 8};
                }
                break;
            case '-':
                if (text.startsWith("-Infinity", position)) {
                    return new Object[] {Double.NEGATIVE_INFINITY, position + 9};
                }
                break;
            default:
                break;
        }
        Object[] number = number(position);
        if (number == null) {
            throw error("Expecting value", position);
        }
        return number;
    }

    private Object[] number(int position) {
        int i = position;
        if (i < text.length() && text.charAt(i) == '-') {
            i++;
        }
        int integerStart = i;
        if (i < text.length() && text.charAt(i) == '0') {
            i++;
        } else if (i < text.length() && text.charAt(i) >= '1' && text.charAt(i) <= '9') {
            while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                i++;
            }
        } else {
            return null;
        }
        boolean isFloat = false;
        if (i + 1 < text.length() && text.charAt(i) == '.' && isAsciiDigit(text.charAt(i + 1))) {
            isFloat = true;
            i += 2;
            while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < text.length() && isAsciiDigit(text.charAt(j))) {
                while (j < text.length() && isAsciiDigit(text.charAt(j))) {
                    j++;
                }
                isFloat = true;
                i = j;
            }
        }
        String literal = text.substring(position, i);
        if (isFloat) {
            return new Object[] {Double.parseDouble(literal), i};
        }
        if (i - integerStart > 4300) {
            throw PyError.of(PyType.VALUE_ERROR, "Exceeds the limit (4300 digits) for integer string conversion");
        }
        return new Object[] {runtime.checkInt(new BigInteger(literal)), i};
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object[] string(int position) {
        StringBuilder out = new StringBuilder();
        int begin = position - 1;
        int i = position;
        while (true) {
            if (i >= text.length()) {
                throw error("Unterminated string starting at", begin);
            }
            char c = text.charAt(i);
            if (c == '"') {
                runtime.checkStringLength(out.length());
                return new Object[] {out.toString(), i + 1};
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw error("Unterminated string starting at", begin);
                }
                char escape = text.charAt(i + 1);
                switch (escape) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        int code = hex4(i + 2, i);
                        i += 4;
                        out.append((char) code);
                    }
                    default -> throw error("Invalid \\escape", i);
                }
                i += 2;
                continue;
            }
            if (c < 0x20) {
                throw error("Invalid control character at", i);
            }
            out.append(c);
            i++;
        }
    }

    private int hex4(int start, int escapeStart) {
        if (start + 4 > text.length()) {
            throw error("Invalid \\uXXXX escape", escapeStart + 1);
        }
        int code = 0;
        for (int k = 0; k < 4; k++) {
            int digit = Character.digit(text.charAt(start + k), 16);
            if (digit < 0 || text.charAt(start + k) > 127) {
                throw error("Invalid \\uXXXX escape", escapeStart + 1);
            }
            code = code * 16 + digit;
        }
        return code;
    }

    private Object[] object(int position) {
        enter(position);
        PyDict dict = new PyDict();
        int i = skipWhitespace(position);
        if (i < text.length() && text.charAt(i) == '}') {
            depth--;
            return new Object[] {dict, i + 1};
        }
        while (true) {
            if (i >= text.length() || text.charAt(i) != '"') {
                throw error("Expecting property name enclosed in double quotes", i);
            }
            Object[] key = string(i + 1);
            i = skipWhitespace((Integer) key[1]);
            if (i >= text.length() || text.charAt(i) != ':') {
                throw error("Expecting ':' delimiter", i);
            }
            i = skipWhitespace(i + 1);
            Object[] value = value(i);
            dict.put(key[0], value[0]);
            runtime.checkCollectionSize(dict.map.size());
            i = skipWhitespace((Integer) value[1]);
            if (i < text.length() && text.charAt(i) == '}') {
                depth--;
                return new Object[] {dict, i + 1};
            }
            if (i >= text.length() || text.charAt(i) != ',') {
                throw error("Expecting ',' delimiter", i);
            }
            i = skipWhitespace(i + 1);
        }
    }

    private Object[] array(int position) {
        enter(position);
        PyList list = new PyList();
        int i = skipWhitespace(position);
        if (i < text.length() && text.charAt(i) == ']') {
            depth--;
            return new Object[] {list, i + 1};
        }
        while (true) {
            Object[] value = value(i);
            list.items.add(value[0]);
            runtime.checkCollectionSize(list.items.size());
            i = skipWhitespace((Integer) value[1]);
            if (i < text.length() && text.charAt(i) == ']') {
                depth--;
                return new Object[] {list, i + 1};
            }
            if (i >= text.length() || text.charAt(i) != ',') {
                throw error("Expecting ',' delimiter", i);
            }
            i = skipWhitespace(i + 1);
        }
    }

    private void enter(int position) {
        if (++depth > 200) {
            throw new RenderLimitException("JSON value nests deeper than 200 levels");
        }
    }

    // --------------------------------------------------------------------------------------------- dumps

    /** {@code json.dumps(value)} with Python's defaults ({@code ensure_ascii}, {@code ", "} and {@code ": "}). */
    static String dumps(PyRuntime runtime, Object value) {
        StringBuilder out = new StringBuilder();
        dump(runtime, value, out, 0);
        return out.toString();
    }

    private static void dump(PyRuntime runtime, Object value, StringBuilder out, int depth) {
        if (depth > 200) {
            throw PyError.of(PyType.RECURSION_ERROR, "maximum recursion depth exceeded while encoding a JSON object");
        }
        runtime.checkStringLength(out.length());
        if (value instanceof PyNone) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (PyRuntime.isInt(value)) {
            out.append(PyRuntime.intValue(value));
        } else if (PyRuntime.isFloat(value)) {
            double d = PyRuntime.floatValue(value);
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PyFloats.repr(d));
        } else if (PyRuntime.isStr(value)) {
            quote(PyRuntime.strValue(value), out);
        } else if (value instanceof PyList || value instanceof PyTuple) {
            out.append('[');
            boolean first = true;
            for (Object item : value instanceof PyList list ? list.items : ((PyTuple) value).items) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                dump(runtime, item, out, depth + 1);
            }
            out.append(']');
        } else if (value instanceof PyDict dict) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<PyKey, Object> entry : dict.map.entrySet()) {
                Object key = entry.getKey().value;
                String keyText;
                if (PyRuntime.isStr(key)) {
                    keyText = PyRuntime.strValue(key);
                } else if (key instanceof Boolean b) {
                    keyText = b ? "true" : "false";
                } else if (key instanceof PyNone) {
                    keyText = "null";
                } else if (PyRuntime.isNumber(key)) {
                    keyText = PyRuntime.isInt(key) ? PyRuntime.intValue(key).toString()
                            : PyFloats.repr(PyRuntime.floatValue(key));
                } else {
                    throw PyError.of(PyType.TYPE_ERROR, "keys must be str, int, float, bool or None, not "
                            + PyRuntime.typeName(key));
                }
                if (!first) {
                    out.append(", ");
                }
                first = false;
                quote(keyText, out);
                out.append(": ");
                dump(runtime, entry.getValue(), out, depth + 1);
            }
            out.append('}');
        } else {
            throw PyError.of(PyType.TYPE_ERROR,
                    "Object of type " + PyRuntime.typeName(value) + " is not JSON serializable");
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

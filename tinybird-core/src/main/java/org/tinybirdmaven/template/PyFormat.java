package org.tinybirdmaven.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Python's value formatting: the format-spec mini-language of f-strings ({@code f"{x:>10.2f}"}) and printf-style
 * {@code str % args}. ({@code str.format} is not available: Tinybird forbids the name {@code format}.)
 */
final class PyFormat {

    private PyFormat() {}

    /** A parsed format spec {@code [[fill]align][sign][z][#][0][width][grouping][.precision][type]}. */
    private static final class Spec {
        char fill = ' ';
        char align;
        char sign = '-';
        boolean alternate;
        int width = -1;
        char grouping;
        int precision = -1;
        char type;
        boolean zeroPadding;
    }

    // --------------------------------------------------------------------------------------------- format(v, spec)

    /** {@code format(value, spec)} as used by f-string replacement fields. */
    static String format(PyRuntime runtime, Object value, String spec) {
        if (spec.isEmpty()) {
            return runtime.str(value);
        }
        Spec s = parse(spec);
        if (PyRuntime.isStr(value)) {
            return formatString(PyRuntime.strValue(value), s);
        }
        if (PyRuntime.isInt(value)) {
            if (s.type == 0 || "bcdoxXn".indexOf(s.type) >= 0) {
                if (s.precision >= 0) {
                    throw PyError.of(PyType.VALUE_ERROR, "Precision not allowed in integer format specifier");
                }
                return formatInteger(PyRuntime.intValue(value), s);
            }
            if ("eEfFgG%".indexOf(s.type) >= 0) {
                return formatFloat(PyRuntime.floatValue(value), s);
            }
            throw unknownCode(s.type, typeName(value));
        }
        if (PyRuntime.isFloat(value)) {
            if (s.type == 0 || "eEfFgGn%".indexOf(s.type) >= 0) {
                return formatFloat(PyRuntime.floatValue(value), s);
            }
            throw unknownCode(s.type, "float");
        }
        throw PyError.of(PyType.TYPE_ERROR,
                "unsupported format string passed to " + PyRuntime.typeName(value) + ".__format__");
    }

    private static String typeName(Object value) {
        return value instanceof Boolean ? "bool" : "int";
    }

    private static PyError unknownCode(char type, String typeName) {
        return PyError.of(PyType.VALUE_ERROR, "Unknown format code '" + type + "' for object of type '" + typeName
                + "'");
    }

    private static Spec parse(String text) {
        Spec spec = new Spec();
        int i = 0;
        int n = text.length();
        if (n >= 2 && "<>=^".indexOf(text.charAt(1)) >= 0) {
            spec.fill = text.charAt(0);
            spec.align = text.charAt(1);
            i = 2;
        } else if (n >= 1 && "<>=^".indexOf(text.charAt(0)) >= 0) {
            spec.align = text.charAt(0);
            i = 1;
        }
        if (i < n && "+- ".indexOf(text.charAt(i)) >= 0) {
            spec.sign = text.charAt(i++);
        }
        if (i < n && text.charAt(i) == 'z') {
            i++;
        }
        if (i < n && text.charAt(i) == '#') {
            spec.alternate = true;
            i++;
        }
        if (i < n && text.charAt(i) == '0') {
            spec.zeroPadding = true;
            i++;
        }
        int start = i;
        while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i > start) {
            spec.width = parseCount(text.substring(start, i));
        }
        if (i < n && (text.charAt(i) == ',' || text.charAt(i) == '_')) {
            spec.grouping = text.charAt(i++);
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            start = i;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw PyError.of(PyType.VALUE_ERROR, "Format specifier missing precision");
            }
            spec.precision = parseCount(text.substring(start, i));
        }
        if (i < n) {
            spec.type = text.charAt(i++);
        }
        if (i < n) {
            throw PyError.of(PyType.VALUE_ERROR, "Invalid format specifier '" + text + "' for object of type 'str'");
        }
        if (spec.zeroPadding && spec.align == 0) {
            spec.fill = '0';
            spec.align = '=';
        }
        return spec;
    }

    private static int parseCount(String digits) {
        if (digits.length() > 6) {
            throw new RenderLimitException("Template format width exceeds the limit");
        }
        return Integer.parseInt(digits);
    }

    private static String formatString(String value, Spec spec) {
        if (spec.type != 0 && spec.type != 's') {
            throw unknownCode(spec.type, "str");
        }
        if (spec.sign != '-') {
            throw PyError.of(PyType.VALUE_ERROR, "Sign not allowed in string format specifier");
        }
        if (spec.alternate) {
            throw PyError.of(PyType.VALUE_ERROR, "Alternate form (#) not allowed in string format specifier");
        }
        if (spec.align == '=') {
            throw PyError.of(PyType.VALUE_ERROR, "'=' alignment not allowed in string format specifier");
        }
        String text = value;
        if (spec.precision >= 0 && text.codePointCount(0, text.length()) > spec.precision) {
            text = text.substring(0, text.offsetByCodePoints(0, spec.precision));
        }
        return pad("", text, spec, '<');
    }

    private static String formatInteger(BigInteger value, Spec spec) {
        char type = spec.type == 0 ? 'd' : spec.type;
        String prefix = "";
        String digits;
        BigInteger magnitude = value.abs();
        switch (type) {
            case 'b' -> {
                digits = magnitude.toString(2);
                prefix = spec.alternate ? "0b" : "";
            }
            case 'o' -> {
                digits = magnitude.toString(8);
                prefix = spec.alternate ? "0o" : "";
            }
            case 'x' -> {
                digits = magnitude.toString(16);
                prefix = spec.alternate ? "0x" : "";
            }
            case 'X' -> {
                digits = magnitude.toString(16).toUpperCase();
                prefix = spec.alternate ? "0X" : "";
            }
            case 'c' -> {
                if (spec.sign != '-') {
                    throw PyError.of(PyType.VALUE_ERROR, "Sign not allowed with integer format specifier 'c'");
                }
                if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
                    throw PyError.of(PyType.OVERFLOW_ERROR, "%c arg not in range(0x110000)");
                }
                return pad("", new String(Character.toChars(value.intValue())), spec, '<');
            }
            default -> digits = magnitude.toString();
        }
        if (spec.grouping != 0) {
            if (spec.grouping == ',' && type != 'd' && type != 'n') {
                throw PyError.of(PyType.VALUE_ERROR, "Cannot specify ',' with '" + type + "'.");
            }
            digits = group(digits, spec.grouping, type == 'd' || type == 'n' ? 3 : 4);
        }
        return number(value.signum() < 0, prefix, digits, spec);
    }

    private static String formatFloat(double value, Spec spec) {
        boolean negative = value < 0 || value == 0.0 && 1 / value < 0;
        double magnitude = Math.abs(value);
        String body;
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            String word = Double.isNaN(value) ? "nan" : "inf";
            body = Character.isUpperCase(spec.type) ? word.toUpperCase() : word;
            if (spec.type == '%') {
                body = body + "%";
            }
            negative = !Double.isNaN(value) && value < 0;
            Spec copy = spec;
            if (copy.fill == '0' && copy.align == '=') {
                copy.fill = ' ';
            }
            return number(negative, "", body, copy);
        }
        switch (spec.type) {
            case 'f', 'F' -> body = fixed(magnitude, spec.precision < 0 ? 6 : spec.precision, spec.alternate);
            case 'e', 'E' -> body = exponent(magnitude, spec.precision < 0 ? 6 : spec.precision, spec.alternate,
                    spec.type);
            case 'g', 'G', 'n' -> body = general(magnitude, spec.precision < 0 ? 6 : spec.precision, spec.alternate,
                    spec.type == 'G' ? 'E' : 'e', false);
            case '%' -> body = fixed(magnitude * 100, spec.precision < 0 ? 6 : spec.precision, spec.alternate) + "%";
            default -> {
                if (spec.precision < 0) {
                    body = PyFloats.repr(magnitude);
                } else {
                    body = general(magnitude, spec.precision, spec.alternate, 'e', true);
                }
            }
        }
        if (spec.grouping != 0) {
            int end = body.length();
            for (int i = 0; i < body.length(); i++) {
                if (!Character.isDigit(body.charAt(i))) {
                    end = i;
                    break;
                }
            }
            body = group(body.substring(0, end), spec.grouping, 3) + body.substring(end);
        }
        return number(negative, "", body, spec);
    }

    static String fixed(double magnitude, int precision, boolean alternate) {
        String text = PyFloats.fixed(magnitude, precision).toPlainString();
        return alternate && precision == 0 ? text + "." : text;
    }

    static String exponent(double magnitude, int precision, boolean alternate, char e) {
        BigDecimal exact = new BigDecimal(magnitude);
        int exponent;
        String digits;
        if (magnitude == 0.0) {
            exponent = 0;
            digits = "0".repeat(precision + 1);
        } else {
            BigDecimal rounded = exact.round(new java.math.MathContext(precision + 1, java.math.RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().toString();
            exponent = digits.length() - 1 - rounded.scale();
            if (digits.length() < precision + 1) {
                digits = digits + "0".repeat(precision + 1 - digits.length());
            } else if (digits.length() > precision + 1) {
                digits = digits.substring(0, precision + 1);
            }
        }
        StringBuilder out = new StringBuilder().append(digits.charAt(0));
        if (precision > 0 || alternate) {
            out.append('.');
        }
        out.append(digits, 1, digits.length());
        out.append(e).append(exponent < 0 ? '-' : '+');
        String magnitudeText = Integer.toString(Math.abs(exponent));
        if (magnitudeText.length() < 2) {
            out.append('0');
        }
        return out.append(magnitudeText).toString();
    }

    /**
     * The {@code g} presentation (and, with {@code noType}, the float format without a type letter, which keeps a
     * digit after the point and switches to exponent notation one digit earlier).
     */
    static String general(double magnitude, int precision, boolean alternate, char e, boolean noType) {
        int p = precision == 0 ? 1 : precision;
        if (magnitude == 0.0) {
            String zero = noType ? "0.0" : alternate ? "0." + "0".repeat(p - 1) : "0";
            return p == 1 && alternate && !noType ? "0." : zero;
        }
        BigDecimal rounded = new BigDecimal(magnitude).round(
                new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        int threshold = noType ? p - 1 : p;
        String text;
        if (exp < -4 || exp >= threshold) {
            text = exponent(magnitude, p - 1, alternate, e);
            if (!alternate) {
                int ePosition = text.indexOf(e);
                String mantissa = text.substring(0, ePosition);
                if (mantissa.indexOf('.') >= 0) {
                    mantissa = mantissa.replaceAll("0+$", "");
                    if (mantissa.endsWith(".")) {
                        mantissa = mantissa.substring(0, mantissa.length() - 1);
                    }
                }
                text = mantissa + text.substring(ePosition);
            }
        } else {
            text = PyFloats.fixed(magnitude, Math.max(p - 1 - exp, 0)).toPlainString();
            if (!alternate && text.indexOf('.') >= 0) {
                text = text.replaceAll("0+$", "");
                if (text.endsWith(".")) {
                    text = text.substring(0, text.length() - 1);
                }
            }
            if (noType && text.indexOf('.') < 0) {
                text = text + ".0";
            }
        }
        return text;
    }

    private static String group(String digits, char separator, int size) {
        StringBuilder out = new StringBuilder();
        int first = digits.length() % size;
        if (first == 0) {
            first = size;
        }
        out.append(digits, 0, Math.min(first, digits.length()));
        for (int i = first; i < digits.length(); i += size) {
            out.append(separator).append(digits, i, i + size);
        }
        return out.toString();
    }

    private static String number(boolean negative, String prefix, String digits, Spec spec) {
        String sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
        return pad(sign + prefix, digits, spec, '>');
    }

    private static String pad(String signAndPrefix, String body, Spec spec, char defaultAlign) {
        int length = signAndPrefix.codePointCount(0, signAndPrefix.length()) + body.codePointCount(0, body.length());
        if (spec.width <= length) {
            return signAndPrefix + body;
        }
        int padding = spec.width - length;
        String fill = String.valueOf(spec.fill);
        char align = spec.align == 0 ? defaultAlign : spec.align;
        return switch (align) {
            case '<' -> signAndPrefix + body + fill.repeat(padding);
            case '^' -> fill.repeat(padding / 2) + signAndPrefix + body + fill.repeat(padding - padding / 2);
            case '=' -> signAndPrefix + fill.repeat(padding) + body;
            default -> fill.repeat(padding) + signAndPrefix + body;
        };
    }

    // --------------------------------------------------------------------------------------------- str % args

    /** {@code format % args}: printf-style formatting. */
    static String percent(PyRuntime runtime, String format, Object args) {
        List<Object> values;
        PyDict mapping = null;
        if (args instanceof PyTuple tuple) {
            values = tuple.items;
        } else {
            values = List.of(args);
            if (args instanceof PyDict dict) {
                mapping = dict;
            }
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        boolean usedMapping = false;
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            if (i >= n) {
                throw PyError.of(PyType.VALUE_ERROR, "incomplete format");
            }
            Object keyed = null;
            if (format.charAt(i) == '(') {
                if (mapping == null) {
                    throw PyError.of(PyType.TYPE_ERROR, "format requires a mapping");
                }
                int depth = 1;
                int keyStart = ++i;
                while (i < n && depth > 0) {
                    if (format.charAt(i) == '(') {
                        depth++;
                    } else if (format.charAt(i) == ')') {
                        depth--;
                    }
                    i++;
                }
                if (depth > 0) {
                    throw PyError.of(PyType.VALUE_ERROR, "incomplete format key");
                }
                String key = format.substring(keyStart, i - 1);
                keyed = mapping.get(key);
                if (keyed == null) {
                    throw PyError.keyError(key, PyRuntime.reprString(key, false));
                }
                usedMapping = true;
            }
            Spec spec = new Spec();
            boolean leftAlign = false;
            while (i < n && "-+ #0".indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i)) {
                    case '-' -> leftAlign = true;
                    case '+' -> spec.sign = '+';
                    case ' ' -> spec.sign = spec.sign == '+' ? '+' : ' ';
                    case '#' -> spec.alternate = true;
                    default -> spec.zeroPadding = true;
                }
                i++;
            }
            if (i < n && format.charAt(i) == '*') {
                if (next >= values.size()) {
                    throw PyError.of(PyType.TYPE_ERROR, "not enough arguments for format string");
                }
                Object width = values.get(next++);
                if (!PyRuntime.isInt(width)) {
                    throw PyError.of(PyType.TYPE_ERROR, "* wants int");
                }
                spec.width = (int) Math.min(PyRuntime.indexValue(width, ""), 1_000_000);
                if (spec.width < 0) {
                    leftAlign = true;
                    spec.width = -spec.width;
                }
                i++;
            } else {
                int digitsStart = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > digitsStart) {
                    spec.width = parseCount(format.substring(digitsStart, i));
                }
            }
            if (i < n && format.charAt(i) == '.') {
                i++;
                if (i < n && format.charAt(i) == '*') {
                    if (next >= values.size()) {
                        throw PyError.of(PyType.TYPE_ERROR, "not enough arguments for format string");
                    }
                    Object precision = values.get(next++);
                    if (!PyRuntime.isInt(precision)) {
                        throw PyError.of(PyType.TYPE_ERROR, "* wants int");
                    }
                    spec.precision = (int) Math.max(0, Math.min(PyRuntime.indexValue(precision, ""), 1_000_000));
                    i++;
                } else {
                    int digitsStart = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    spec.precision = i > digitsStart ? parseCount(format.substring(digitsStart, i)) : 0;
                }
            }
            while (i < n && "hlL".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                throw PyError.of(PyType.VALUE_ERROR, "incomplete format");
            }
            char type = format.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            Object value;
            if (keyed != null) {
                value = keyed;
            } else {
                if (next >= values.size()) {
                    throw PyError.of(PyType.TYPE_ERROR, "not enough arguments for format string");
                }
                value = values.get(next++);
            }
            spec.align = leftAlign ? '<' : '>';
            if (spec.zeroPadding && !leftAlign) {
                spec.align = '=';
                spec.fill = '0';
            }
            out.append(convert(runtime, value, type, spec, format, start));
            runtime.checkStringLength(out.length());
        }
        if (!usedMapping && mapping == null && next < values.size()) {
            throw PyError.of(PyType.TYPE_ERROR, "not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static String convert(PyRuntime runtime, Object value, char type, Spec spec, String format, int index) {
        switch (type) {
            case 's', 'r', 'a' -> {
                String text = type == 's' ? runtime.str(value)
                        : type == 'r' ? runtime.repr(value)
                        : ascii(runtime, value);
                if (spec.precision >= 0 && text.length() > spec.precision) {
                    text = text.substring(0, spec.precision);
                }
                spec.fill = ' ';
                return pad("", text, spec, '>');
            }
            case 'd', 'i', 'u', 'o', 'x', 'X' -> {
                BigInteger integer;
                if (PyRuntime.isInt(value)) {
                    integer = PyRuntime.intValue(value);
                } else if (PyRuntime.isFloat(value)) {
                    if (type != 'd' && type != 'i' && type != 'u') {
                        throw PyError.of(PyType.TYPE_ERROR, "%" + type + " format: an integer is required, not float");
                    }
                    integer = PyBuiltins.floatToInt(PyRuntime.floatValue(value));
                } else {
                    throw PyError.of(PyType.TYPE_ERROR, "%" + type + " format: "
                            + (type == 'd' || type == 'i' || type == 'u' ? "a real number" : "an integer")
                            + " is required, not " + PyRuntime.typeName(value));
                }
                String digits = switch (type) {
                    case 'o' -> integer.abs().toString(8);
                    case 'x' -> integer.abs().toString(16);
                    case 'X' -> integer.abs().toString(16).toUpperCase();
                    default -> integer.abs().toString();
                };
                if (spec.precision > digits.length()) {
                    digits = "0".repeat(spec.precision - digits.length()) + digits;
                }
                String prefix = !spec.alternate ? "" : type == 'o' ? "0o" : type == 'x' ? "0x" : type == 'X' ? "0X" : "";
                return number(integer.signum() < 0, prefix, digits, spec);
            }
            case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                if (!PyRuntime.isNumber(value)) {
                    throw PyError.of(PyType.TYPE_ERROR, "must be real number, not " + PyRuntime.typeName(value));
                }
                Spec copy = spec;
                copy.type = type;
                return formatFloat(PyRuntime.floatValue(value), copy);
            }
            case 'c' -> {
                String text;
                if (PyRuntime.isInt(value)) {
                    BigInteger code = PyRuntime.intValue(value);
                    if (code.signum() < 0 || code.compareTo(BigInteger.valueOf(0x10ffff)) > 0) {
                        throw PyError.of(PyType.OVERFLOW_ERROR, "%c arg not in range(0x110000)");
                    }
                    text = new String(Character.toChars(code.intValue()));
                } else if (PyRuntime.isStr(value) && runtime.len(value) == 1) {
                    text = PyRuntime.strValue(value);
                } else {
                    throw PyError.of(PyType.TYPE_ERROR, "%c requires int or char");
                }
                spec.fill = ' ';
                return pad("", text, spec, '>');
            }
            default -> throw PyError.of(PyType.VALUE_ERROR, "unsupported format character '" + type + "' (0x"
                    + Integer.toHexString(type) + ") at index " + (format.indexOf(type, index)));
        }
    }

    static String ascii(PyRuntime runtime, Object value) {
        if (PyRuntime.isStr(value)) {
            return PyRuntime.reprString(PyRuntime.strValue(value), true);
        }
        String repr = runtime.repr(value);
        StringBuilder out = new StringBuilder();
        repr.codePoints().forEach(c -> {
            if (c < 0x80) {
                out.append((char) c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        });
        return out.toString();
    }
}

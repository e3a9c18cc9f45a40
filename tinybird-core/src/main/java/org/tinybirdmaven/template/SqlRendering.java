package org.tinybirdmaven.template;

import java.util.regex.Pattern;

/**
 * How values become SQL text (spec §4.3), and why the result is safe.
 *
 * <p><b>Strings.</b> A Python {@code str} is written as a ClickHouse string literal {@code '...'} in which every
 * character of Tinybird's escape table is escaped: NUL→{@code \0}, CR→{@code \r}, BS→{@code \b}, TAB→{@code \t},
 * 0x1A→{@code \z}, LF→{@code \n}, {@code "}→{@code \"}, {@code '}→{@code \'}, {@code \}→{@code \\},
 * {@code %}→{@code \%}, {@code `}→{@code \`}. Safety: in a ClickHouse quoted literal a quote can only end the
 * literal when it is not preceded by an escaping backslash. After escaping, every {@code '} is preceded by a
 * backslash, and that backslash cannot itself be escaped because every backslash of the value became {@code \\};
 * so the literal ends exactly at the closing quote written here, whatever the value. Control characters that could
 * confuse a reader (line breaks, NUL) are escaped too.
 *
 * <p><b>Identifiers.</b> {@code column}, {@code columns}, {@code symbol}/{@code Symbol}/{@code Column} write
 * {@code `...`} with the identifier table of Tinybird ({@link #escapeIdentifier}), which escapes {@code `} and
 * {@code \} (and {@code '}) with a backslash and removes {@code "}: by the same argument the back-quoted identifier
 * ends at the closing back quote written here. Removing {@code "} also makes {@code "}-quoted symbols safe.
 *
 * <p><b>Everything else</b> is written with Python's {@code str()}, which can only produce safe text for the values
 * involved: digits, sign, {@code .}, {@code e}, {@code inf}/{@code nan} for numbers; {@code toInt32('10')} for typed
 * integers (the digits come from Python's {@code int()}, never from the request text); {@code True}/{@code False};
 * helper results ({@code Expression}, {@code Symbol}) that were built from escaped parts; and Python's {@code repr}
 * of lists, tuples and dicts, whose strings are always single tokens in ClickHouse too ({@code '...'} with
 * backslash escapes, or {@code "..."} when the text holds a {@code '} but no {@code "}, which ClickHouse reads as one
 * quoted identifier).
 */
final class SqlRendering {

    /** A bare identifier that needs no quoting; used where Tinybird writes names raw. */
    static final Pattern BARE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SqlRendering() {}

    /** Tinybird's {@code sqlescape_for_string_expression}: for the contents of {@code '...'} literals. */
    static String escapeString(String value) {
        return escape(value, true);
    }

    /** Tinybird's {@code sqlescape}: for identifiers; like {@link #escapeString} but {@code "} is removed. */
    static String escapeIdentifier(String value) {
        return escape(value, false);
    }

    private static String escape(String value, boolean keepDoubleQuotes) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\0' -> out.append("\\0");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\u001a' -> out.append("\\z");
                case '\n' -> out.append("\\n");
                case '"' -> {
                    if (keepDoubleQuotes) {
                        out.append("\\\"");
                    }
                }
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '%' -> out.append("\\%");
                case '`' -> out.append("\\`");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code 'escaped'} */
    static String quoteString(String value) {
        return "'" + escapeString(value) + "'";
    }

    /**
     * Whether {@code body} can sit between single quotes as one ClickHouse string literal: every backslash escapes
     * the next character, and no quote is left unescaped.
     */
    static boolean isSafeStringBody(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return false;
                }
                i++;
            } else if (c == '\'') {
                return false;
            }
        }
        return true;
    }

    /** Removes line breaks from text placed in a {@code --} SQL comment, so that it cannot end the comment. */
    static String commentText(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Tinybird's {@code expression_wrapper} followed by Tornado's {@code str()}: the SQL text of a
     * <code>{{ expression }}</code>.
     *
     * @param source the expression as written, for the "evaluated to null" error
     */
    static String output(PyRuntime runtime, Object value, String source, boolean escapeArrays) {
        if (value instanceof String s) {
            return quoteString(s);
        }
        if (value instanceof Placeholder) {
            return "'__no_value__'";
        }
        if (value instanceof TestModeComment) {
            return TestModeComment.RENDERED;
        }
        if (value instanceof PyNone) {
            throw nullExpression(source);
        }
        if (value instanceof PyList list && escapeArrays) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object item = list.items.get(i);
                out.append(PyRuntime.isStr(item) ? quoteString(PyRuntime.strValue(item)) : runtime.str(item));
                runtime.checkStringLength(out.length());
            }
            return out.append(']').toString();
        }
        if (value instanceof PyExceptionValue exception) {
            // Tinybird writes str(e) raw; it may contain request values, so it is quoted here
            return quoteString(runtime.exceptionStr(exception));
        }
        return runtime.str(value);
    }

    /** {@code expression "<source>" evaluated to null}, the source cut to 20 characters. */
    static PyError nullExpression(String source) {
        String name = PyStrings.strip(source, null);
        if (name.codePointCount(0, name.length()) > 20) {
            name = name.substring(0, name.offsetByCodePoints(0, 20)) + "...";
        }
        return PyError.template("expression \"" + name + "\" evaluated to null", TinybirdFunctions.DOCS);
    }
}

package org.tinybirdmaven.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code table('name')} / {@code TABLE("name")} calls with a literal argument inside a template region.
 *
 * <p>The region body is Python: strings are skipped so that their text is never taken for a call, and
 * {@code x.table(…)} (attribute access) is not the template helper. Anything malformed simply ends the search; the
 * template engine reports it.
 */
final class TemplateTables {

    /** The literal argument of one call: its decoded value and its span, quotes included. */
    record Call(String value, int literalStart, int literalEnd) {}

    private TemplateTables() {}

    static List<Call> find(String sql, SqlToken region) {
        List<Call> calls = new ArrayList<>(0);
        int end = region.end() - 2;
        int i = region.offset() + 2;
        while (i < end) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringEnd(sql, i, end);
            } else if (isIdentifierStart(c)) {
                int wordEnd = i + 1;
                while (wordEnd < end && isIdentifierPart(sql.charAt(wordEnd))) {
                    wordEnd++;
                }
                if (isTableHelper(sql, i, wordEnd)) {
                    Call call = literalArgument(sql, wordEnd, end);
                    if (call != null) {
                        calls.add(call);
                    }
                }
                i = wordEnd;
            } else {
                i++;
            }
        }
        return calls;
    }

    private static boolean isTableHelper(String sql, int start, int end) {
        return end - start == 5
                && (sql.startsWith("table", start) || sql.startsWith("TABLE", start))
                && !precededByDot(sql, start);
    }

    private static boolean precededByDot(String sql, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
            i--;
        }
        return i >= 0 && sql.charAt(i) == '.';
    }

    /** {@code (}, a string literal, then {@code )} or {@code ,}; whitespace allowed between them. */
    private static Call literalArgument(String sql, int i, int end) {
        i = skipWhitespace(sql, i, end);
        if (i >= end || sql.charAt(i) != '(') {
            return null;
        }
        int literalStart = skipWhitespace(sql, i + 1, end);
        if (literalStart >= end || (sql.charAt(literalStart) != '\'' && sql.charAt(literalStart) != '"')) {
            return null;
        }
        int literalEnd = stringEnd(sql, literalStart, end);
        if (literalEnd > end) {
            return null;
        }
        int after = skipWhitespace(sql, literalEnd, end);
        if (after >= end || (sql.charAt(after) != ')' && sql.charAt(after) != ',')) {
            return null;
        }
        return new Call(decode(sql, literalStart, literalEnd), literalStart, literalEnd);
    }

    /** End of the Python string starting at {@code start}; {@code end + 1} when it is not closed. */
    private static int stringEnd(String sql, int start, int end) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < end) {
            char c = sql.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
        return end + 1;
    }

    private static String decode(String sql, int literalStart, int literalEnd) {
        StringBuilder value = new StringBuilder(literalEnd - literalStart);
        for (int i = literalStart + 1; i < literalEnd - 1; i++) {
            char c = sql.charAt(i);
            if (c == '\\') {
                char escaped = sql.charAt(++i);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case '\\', '\'', '"' -> value.append(escaped);
                    default -> value.append('\\').append(escaped);
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private static int skipWhitespace(String sql, int i, int end) {
        while (i < end && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

package org.tinybirdmaven.schema;

import java.util.ArrayList;
import java.util.List;

/** Small helpers for SQL fragments (keys, index arguments) that respect quotes, parentheses and brackets. */
final class SqlText {

    private SqlText() {
    }

    /** True for the characters that open a string or a quoted identifier. */
    static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '`';
    }

    /**
     * The offset of the quote closing the one at {@code open}, honouring backslash escapes, or {@code end} when it
     * is not closed before {@code end}.
     */
    static int closingQuote(String sql, int open, int end) {
        char quote = sql.charAt(open);
        for (int i = open + 1; i < end; i++) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return end;
    }

    /**
     * Splits {@code sql} at the commas that are outside quotes, parentheses and brackets; parts are stripped.
     * Blank text gives an empty list.
     */
    static List<String> splitTopLevel(String sql) {
        List<String> parts = new ArrayList<>();
        if (sql.isBlank()) {
            return parts;
        }
        int depth = 0;
        int partStart = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (isQuote(c)) {
                i = closingQuote(sql, i, sql.length());
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(sql.substring(partStart, i).strip());
                partStart = i + 1;
            }
        }
        parts.add(sql.substring(partStart).strip());
        return parts;
    }

    /**
     * The offset of the parenthesis closing the one at {@code open}, searching up to {@code end}, or -1 when it is
     * not closed.
     */
    static int closingParenthesis(String sql, int open, int end) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            char c = sql.charAt(i);
            if (isQuote(c)) {
                i = closingQuote(sql, i, end);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}

package org.tinybirdmaven.sql;

import java.util.ArrayList;
import java.util.List;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Single-pass tokenizer for the ClickHouse SQL dialect with Tinybird template regions.
 *
 * <p>Lexical rules follow ClickHouse's own lexer:
 * <ul>
 *   <li>comments ({@code --} and {@code //} to end of line, {@code # } and {@code #!} to end of line, nested
 *       <code>/* … *&#47;</code>) and whitespace produce no tokens; a {@code #} followed by anything else is an operator;</li>
 *   <li>{@code 'strings'}, {@code "identifiers"} and {@code `identifiers`} end at the matching quote; a doubled quote or
 *       a backslash escapes the next character;</li>
 *   <li>{@code $tag$ … $tag$} (tag made of letters, digits and {@code _}, possibly empty) is a heredoc; a {@code $} that
 *       does not open one starts a word ({@code $name}) or is an operator;</li>
 *   <li>numbers may be hexadecimal ({@code 0x1F}), binary ({@code 0b101}), decimal with exponent and contain {@code _}
 *       separators; a number immediately followed by letters is a word ({@code 1st}); right after a dot only digits
 *       are taken, so {@code t.1.2} is tuple access.</li>
 * </ul>
 *
 * <p>Template regions ({@code {{ … }}}, {@code {% … %}}, {@code {# … #}}) are recognised first, wherever they are,
 * because the template engine renders the text before ClickHouse sees it. A region ends at the first closing
 * delimiter (the engine does not look at quotes inside it). Regions found inside a string literal, a quoted identifier,
 * a heredoc or a comment do not end it; they are reported as tokens of their own right after the token containing them
 * (so their offsets lie inside it). As in the engine, <code>{{!</code>, <code>{%!</code> and <code>{#!</code> are not regions,
 * and of three or more consecutive <code>{</code> the last two open the region.
 *
 * <p>An unterminated string, quoted identifier, heredoc, block comment or template region is a
 * {@link SyntaxException} at its opening position. Nothing else is an error: unknown characters become operators.
 */
public final class SqlLexer {

    private final String sql;
    private final int length;
    private final List<SqlToken> tokens = new ArrayList<>();
    /** Template regions met while scanning the current string, identifier or comment: start and end offsets. */
    private final List<int[]> nestedRegions = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int positionScanned;

    private SqlLexer(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /** Splits {@code sql} into tokens, in order of their offsets. */
    public static List<SqlToken> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < length) {
            char c = sql.charAt(pos);
            switch (c) {
                case ' ', '\t', '\n', '\r', '\f', '\u000B' -> pos++;
                case '\'' -> quoted(SqlToken.Kind.STRING, "unterminated string literal");
                case '"', '`' -> quoted(SqlToken.Kind.QUOTED_IDENTIFIER, "unterminated quoted identifier");
                case '(' -> emit(SqlToken.Kind.LEFT_PAREN, pos + 1);
                case ')' -> emit(SqlToken.Kind.RIGHT_PAREN, pos + 1);
                case ',' -> emit(SqlToken.Kind.COMMA, pos + 1);
                case '.' -> dot();
                case '-' -> {
                    if (charAt(pos + 1) == '-') {
                        lineComment();
                    } else {
                        operator(charAt(pos + 1) == '>' ? 2 : 1);
                    }
                }
                case '/' -> {
                    if (charAt(pos + 1) == '/') {
                        lineComment();
                    } else if (charAt(pos + 1) == '*') {
                        blockComment();
                    } else {
                        operator(1);
                    }
                }
                case '#' -> {
                    if (charAt(pos + 1) == ' ' || charAt(pos + 1) == '!') {
                        lineComment();
                    } else {
                        operator(1);
                    }
                }
                case '{' -> {
                    if (opensTemplate(pos)) {
                        int start = pos;
                        int end = templateEnd(start);
                        emit(templateKind(start), start, end);
                        pos = end;
                    } else {
                        operator(1);
                    }
                }
                case '$' -> dollar();
                case ':' -> operator(charAt(pos + 1) == ':' ? 2 : 1);
                case '|' -> operator(charAt(pos + 1) == '|' ? 2 : 1);
                case '!', '>', '=' -> operator(charAt(pos + 1) == '=' ? 2 : 1);
                case '<' -> operator(charAt(pos + 1) == '=' || charAt(pos + 1) == '>' ? 2 : 1);
                case '@' -> operator(charAt(pos + 1) == '@' ? 2 : 1);
                default -> {
                    if (c >= '0' && c <= '9') {
                        number();
                    } else if (isWordChar(c)) {
                        emit(SqlToken.Kind.WORD, wordEnd(pos + 1));
                    } else {
                        operator(1);
                    }
                }
            }
        }
    }

    private void quoted(SqlToken.Kind kind, String unterminated) {
        int start = pos;
        char quote = sql.charAt(start);
        int i = start + 1;
        while (true) {
            if (i >= length) {
                throw SyntaxException.at(sql, start, unterminated);
            }
            char c = sql.charAt(i);
            if (c == quote) {
                if (charAt(i + 1) != quote) {
                    i++;
                    break;
                }
                i += 2;
            } else if (c == '\\') {
                // The template engine runs first: a backslash cannot hide a region from it.
                i += opensTemplate(i + 1) ? 1 : 2;
            } else {
                i = skipCharOrRegion(i);
            }
        }
        emit(kind, start, i);
        pos = i;
        emitNestedRegions();
    }

    private void dollar() {
        int start = pos;
        int tagEnd = start + 1;
        while (tagEnd < length && isTagChar(sql.charAt(tagEnd))) {
            tagEnd++;
        }
        if (charAt(tagEnd) == '$') {
            heredoc(start, tagEnd + 1);
        } else if (start + 1 < length && isWordChar(sql.charAt(start + 1))) {
            emit(SqlToken.Kind.WORD, wordEnd(start + 1));
        } else {
            operator(1);
        }
    }

    private void heredoc(int start, int bodyStart) {
        int tagLength = bodyStart - start;
        int i = bodyStart;
        while (true) {
            if (i + tagLength > length) {
                throw SyntaxException.at(sql, start, "unterminated heredoc");
            }
            if (sql.charAt(i) == '$' && sql.regionMatches(i, sql, start, tagLength)) {
                break;
            }
            i = skipCharOrRegion(i);
        }
        emit(SqlToken.Kind.HEREDOC, start, i + tagLength);
        pos = i + tagLength;
        emitNestedRegions();
    }

    private void lineComment() {
        int i = pos;
        while (i < length && sql.charAt(i) != '\n') {
            i = skipCharOrRegion(i);
        }
        pos = i;
        emitNestedRegions();
    }

    private void blockComment() {
        int start = pos;
        int depth = 1;
        int i = start + 2;
        while (depth > 0) {
            if (i + 1 >= length) {
                throw SyntaxException.at(sql, start, "unterminated comment");
            }
            char c = sql.charAt(i);
            if (c == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
            } else {
                i = skipCharOrRegion(i);
            }
        }
        pos = i;
        emitNestedRegions();
    }

    /** Skips one character, or a whole template region (remembered for {@link #emitNestedRegions()}). */
    private int skipCharOrRegion(int i) {
        if (!opensTemplate(i)) {
            return i + 1;
        }
        int end = templateEnd(i);
        nestedRegions.add(new int[] {i, end});
        return end;
    }

    private void emitNestedRegions() {
        for (int[] region : nestedRegions) {
            emit(templateKind(region[0]), region[0], region[1]);
        }
        nestedRegions.clear();
    }

    private boolean opensTemplate(int i) {
        if (charAt(i) != '{') {
            return false;
        }
        char second = charAt(i + 1);
        char third = charAt(i + 2);
        return (second == '{' || second == '%' || second == '#') && third != '!' && !(second == '{' && third == '{');
    }

    private SqlToken.Kind templateKind(int start) {
        return switch (sql.charAt(start + 1)) {
            case '{' -> SqlToken.Kind.TEMPLATE_EXPRESSION;
            case '%' -> SqlToken.Kind.TEMPLATE_STATEMENT;
            default -> SqlToken.Kind.TEMPLATE_COMMENT;
        };
    }

    private int templateEnd(int start) {
        char opener = sql.charAt(start + 1);
        String closer = opener == '{' ? "}}" : opener + "}";
        int close = sql.indexOf(closer, start + 2);
        if (close < 0) {
            throw SyntaxException.at(sql, start, "unterminated template region: missing " + closer);
        }
        return close + 2;
    }

    private void dot() {
        if (isDigit(charAt(pos + 1)) && !followsOperand()) {
            int i = exponentEnd(digitsEnd(pos + 1, false), false);
            emit(wordEnd(i) > i ? SqlToken.Kind.WORD : SqlToken.Kind.NUMBER, wordEnd(i));
        } else {
            emit(SqlToken.Kind.DOT, pos + 1);
        }
    }

    private void number() {
        int i = pos;
        if (lastKind() == SqlToken.Kind.DOT) {
            i = digitsEnd(i, false);
        } else {
            boolean hex = false;
            char prefix = Character.toLowerCase(charAt(i + 1));
            if (sql.charAt(i) == '0' && prefix == 'x' && Character.digit(charAt(i + 2), 16) >= 0) {
                hex = true;
                i += 2;
            } else if (sql.charAt(i) == '0' && prefix == 'b' && (charAt(i + 2) == '0' || charAt(i + 2) == '1')) {
                i += 2;
            }
            i = digitsEnd(i, hex);
            if (charAt(i) == '.') {
                i = digitsEnd(i + 1, hex);
            }
            i = exponentEnd(i, hex);
        }
        int end = wordEnd(i);
        emit(end > i ? SqlToken.Kind.WORD : SqlToken.Kind.NUMBER, end);
    }

    private int digitsEnd(int i, boolean hex) {
        while (i < length) {
            char c = sql.charAt(i);
            if (!(isDigit(c) || c == '_' || (hex && Character.digit(c, 16) >= 0 && c < 128))) {
                break;
            }
            i++;
        }
        return i;
    }

    private int exponentEnd(int i, boolean hex) {
        char marker = Character.toLowerCase(charAt(i));
        if (marker != (hex ? 'p' : 'e')) {
            return i;
        }
        int digits = i + 1;
        if (charAt(digits) == '+' || charAt(digits) == '-') {
            digits++;
        }
        return isDigit(charAt(digits)) ? digitsEnd(digits, false) : i;
    }

    /** After these a dot is a qualifier or tuple access, never the start of a number like {@code .5}. */
    private boolean followsOperand() {
        SqlToken.Kind last = lastKind();
        return last == SqlToken.Kind.WORD
                || last == SqlToken.Kind.QUOTED_IDENTIFIER
                || last == SqlToken.Kind.NUMBER
                || last == SqlToken.Kind.RIGHT_PAREN
                || (last == SqlToken.Kind.OPERATOR && tokens.get(tokens.size() - 1).text().equals("]"));
    }

    private SqlToken.Kind lastKind() {
        return tokens.isEmpty() ? null : tokens.get(tokens.size() - 1).kind();
    }

    private int wordEnd(int i) {
        while (i < length && isWordChar(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private void operator(int width) {
        emit(SqlToken.Kind.OPERATOR, pos + width);
    }

    private void emit(SqlToken.Kind kind, int end) {
        emit(kind, pos, end);
        pos = end;
    }

    private void emit(SqlToken.Kind kind, int start, int end) {
        for (; positionScanned < start; positionScanned++) {
            if (sql.charAt(positionScanned) == '\n') {
                line++;
                lineStart = positionScanned + 1;
            }
        }
        tokens.add(new SqlToken(kind, sql.substring(start, end), start, line, start - lineStart + 1));
    }

    private char charAt(int i) {
        return i < length ? sql.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isTagChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    /** ClickHouse word characters, plus non-ASCII letters so that such names stay whole instead of splitting. */
    private static boolean isWordChar(char c) {
        return isTagChar(c) || c == '$' || (c >= 128 && Character.isLetterOrDigit(c));
    }
}

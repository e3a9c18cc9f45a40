package org.tinybirdmaven.template;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Splits one Python fragment of a template (a tag's contents, or an f-string replacement field) into tokens, with
 * Python's lexical rules and error messages. Offsets are positions in the whole template source.
 *
 * <p>As in Python, a line break outside brackets ends the statement, so it becomes a {@link Kind#NEWLINE} token that
 * no grammar rule accepts (Tornado puts tag contents on one line of generated Python).
 */
final class PythonLexer {

    enum Kind {
        NAME,
        NUMBER,
        STRING,
        OPERATOR,
        NEWLINE,
        END
    }

    /**
     * @param value for NUMBER a {@code BigInteger} or {@code Double}; for STRING the decoded {@code String}, or an
     *     {@link FStringBody} for f-strings
     */
    record Token(Kind kind, String text, int start, int end, Object value) {
        boolean isOperator(String operator) {
            return kind == Kind.OPERATOR && text.equals(operator);
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.NAME && text.equals(keyword);
        }
    }

    /** The part of an f-string token between its quotes; parsed by {@link FStringParser}. */
    record FStringBody(int start, int end, boolean raw) {}

    static final Set<String> KEYWORDS = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    private static final List<String> OPERATORS = List.of(
            "**=", "//=", ">>=", "<<=",
            "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
            "@=", ":=",
            "+", "-", "*", "/", "%", "@", "|", "&", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".",
            ";", "=");

    private static final Set<String> STRING_PREFIXES = Set.of("r", "u", "f", "b", "rb", "br", "fr", "rf");

    private final String source;
    private final int end;
    private final LineMap lines;
    private final boolean insideBrackets;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Integer> openBrackets = new ArrayDeque<>();

    private PythonLexer(String source, int end, LineMap lines, boolean insideBrackets) {
        this.source = source;
        this.end = end;
        this.lines = lines;
        this.insideBrackets = insideBrackets;
    }

    /**
     * @param insideBrackets true for f-string replacement fields, which Python reads as if parenthesised (line
     *     breaks are allowed)
     */
    static List<Token> tokenize(String source, int start, int end, LineMap lines, boolean insideBrackets) {
        PythonLexer lexer = new PythonLexer(source, end, lines, insideBrackets);
        lexer.run(start);
        return lexer.tokens;
    }

    private void run(int start) {
        int i = start;
        while (i < end) {
            char c = source.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
                i++;
            } else if (c == '\n') {
                if (openBrackets.isEmpty() && !insideBrackets) {
                    tokens.add(new Token(Kind.NEWLINE, "\n", i, i + 1, null));
                }
                i++;
            } else if (c == '#') {
                while (i < end && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\\') {
                i = lineContinuation(i);
            } else if (isIdentifierStart(source.codePointAt(i))) {
                i = nameOrString(i);
            } else if (isDecimalDigit(c) || (c == '.' && i + 1 < end && isDecimalDigit(source.charAt(i + 1)))) {
                i = number(i);
            } else if (c == '\'' || c == '"') {
                i = string(i, i, "");
            } else {
                i = operator(i);
            }
        }
        if (!openBrackets.isEmpty()) {
            int opener = openBrackets.getLast();
            throw lines.error(opener, "'" + source.charAt(opener) + "' was never closed");
        }
        tokens.add(new Token(Kind.END, "", end, end, null));
    }

    private int lineContinuation(int i) {
        int next = i + 1;
        if (next < end && source.charAt(next) == '\r') {
            next++;
        }
        if (next < end && source.charAt(next) == '\n') {
            return next + 1;
        }
        throw lines.error(i, "unexpected character after line continuation character");
    }

    private int nameOrString(int start) {
        int i = start;
        while (i < end && isIdentifierPart(source.codePointAt(i))) {
            i += Character.charCount(source.codePointAt(i));
        }
        String word = source.substring(start, i);
        if (i < end && (source.charAt(i) == '\'' || source.charAt(i) == '"')
                && STRING_PREFIXES.contains(word.toLowerCase(Locale.ROOT))) {
            return string(start, i, word.toLowerCase(Locale.ROOT));
        }
        tokens.add(new Token(Kind.NAME, word, start, i, null));
        return i;
    }

    private int string(int start, int quoteStart, String prefix) {
        if (prefix.contains("b")) {
            throw lines.error(start, "bytes literals are not supported in templates");
        }
        char quote = source.charAt(quoteStart);
        boolean triple = quoteStart + 2 < end
                && source.charAt(quoteStart + 1) == quote
                && source.charAt(quoteStart + 2) == quote;
        String unterminated = triple ? "unterminated triple-quoted string literal" : "unterminated string literal";
        String closingTriple = String.valueOf(quote).repeat(3);
        int bodyStart = quoteStart + (triple ? 3 : 1);
        int i = bodyStart;
        while (true) {
            if (i >= end) {
                throw lines.error(start, unterminated);
            }
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\n' && !triple) {
                throw lines.error(start, unterminated);
            } else if (c == quote && (!triple || (i + 3 <= end && source.startsWith(closingTriple, i)))) {
                break;
            } else {
                i++;
            }
        }
        int bodyEnd = i;
        int tokenEnd = bodyEnd + (triple ? 3 : 1);
        boolean raw = prefix.contains("r");
        Object value;
        if (prefix.contains("f")) {
            value = new FStringBody(bodyStart, bodyEnd, raw);
        } else if (raw) {
            value = source.substring(bodyStart, bodyEnd);
        } else {
            value = decodeEscapes(source, bodyStart, bodyEnd, lines);
        }
        tokens.add(new Token(Kind.STRING, source.substring(start, tokenEnd), start, tokenEnd, value));
        return tokenEnd;
    }

    private int number(int start) {
        char first = source.charAt(start);
        if (first == '0' && start + 1 < end && "xXoObB".indexOf(source.charAt(start + 1)) >= 0) {
            return radixNumber(start);
        }
        int i = digits(start, start, PythonLexer::isDecimalDigit, "decimal");
        boolean isFloat = false;
        if (i < end && source.charAt(i) == '.') {
            isFloat = true;
            i = digits(start, i + 1, PythonLexer::isDecimalDigit, "decimal");
        }
        if (i < end && (source.charAt(i) == 'e' || source.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < end && (source.charAt(exponent) == '+' || source.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent >= end || !isDecimalDigit(source.charAt(exponent))) {
                throw lines.error(start, "invalid decimal literal");
            }
            isFloat = true;
            i = digits(start, exponent, PythonLexer::isDecimalDigit, "decimal");
        }
        if (i < end && (source.charAt(i) == 'j' || source.charAt(i) == 'J')) {
            throw lines.error(start, "complex literals are not supported in templates");
        }
        if (i < end && isIdentifierPart(source.codePointAt(i))) {
            throw lines.error(start, "invalid decimal literal");
        }
        String text = source.substring(start, i);
        String digits = text.replace("_", "");
        Object value;
        if (isFloat) {
            value = Double.parseDouble(digits);
        } else {
            if (digits.length() > 1 && digits.charAt(0) == '0' && !digits.chars().allMatch(c -> c == '0')) {
                throw lines.error(start, "leading zeros in decimal integer literals are not permitted;"
                        + " use an 0o prefix for octal integers");
            }
            value = new BigInteger(digits);
        }
        tokens.add(new Token(Kind.NUMBER, text, start, i, value));
        return i;
    }

    private int radixNumber(int start) {
        char marker = Character.toLowerCase(source.charAt(start + 1));
        int radix = marker == 'x' ? 16 : marker == 'o' ? 8 : 2;
        String kind = marker == 'x' ? "hexadecimal" : marker == 'o' ? "octal" : "binary";
        IntPredicate isDigit = c -> Character.digit(c, radix) >= 0;
        int digitsStart = start + 2;
        // Python allows one underscore right after the prefix: 0x_ff
        int firstDigit = digitsStart < end && source.charAt(digitsStart) == '_' ? digitsStart + 1 : digitsStart;
        if (firstDigit >= end || !isDigit.test(source.charAt(firstDigit))) {
            throw lines.error(start, "invalid " + kind + " literal");
        }
        int i = digits(start, firstDigit, isDigit, kind);
        if (i < end && (isIdentifierPart(source.codePointAt(i)))) {
            throw lines.error(start, "invalid " + kind + " literal");
        }
        String text = source.substring(start, i);
        tokens.add(new Token(Kind.NUMBER, text, start, i, new BigInteger(text.substring(2).replace("_", ""), radix)));
        return i;
    }

    /** Reads digits with single underscores between them, from {@code from}; returns the offset after them. */
    private int digits(int tokenStart, int from, IntPredicate isDigit, String kind) {
        int i = from;
        while (i < end) {
            char c = source.charAt(i);
            if (isDigit.test(c)) {
                i++;
            } else if (c == '_') {
                if (i == from || i + 1 >= end || !isDigit.test(source.charAt(i + 1))) {
                    throw lines.error(tokenStart, "invalid " + kind + " literal");
                }
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private int operator(int start) {
        for (String operator : OPERATORS) {
            if (source.startsWith(operator, start) && start + operator.length() <= end) {
                trackBrackets(operator.charAt(0), start);
                tokens.add(new Token(Kind.OPERATOR, operator, start, start + operator.length(), null));
                return start + operator.length();
            }
        }
        int codePoint = source.codePointAt(start);
        if (codePoint < 128 && !Character.isISOControl(codePoint)) {
            throw lines.error(start, "invalid syntax");
        }
        String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
        if (Character.isISOControl(codePoint)
                || Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)) {
            throw lines.error(start, "invalid non-printable character " + hex);
        }
        throw lines.error(start, "invalid character '" + Character.toString(codePoint) + "' (" + hex + ")");
    }

    private void trackBrackets(char c, int offset) {
        if (c == '(' || c == '[' || c == '{') {
            openBrackets.addLast(offset);
        } else if (c == ')' || c == ']' || c == '}') {
            if (openBrackets.isEmpty()) {
                throw lines.error(offset, "unmatched '" + c + "'");
            }
            char opener = source.charAt(openBrackets.removeLast());
            if ("([{".indexOf(opener) != ")]}".indexOf(c)) {
                throw lines.error(offset,
                        "closing parenthesis '" + c + "' does not match opening parenthesis '" + opener + "'");
            }
        }
    }

    /** Decodes the backslash escapes of a non-raw string body. */
    static String decodeEscapes(String source, int start, int end, LineMap lines) {
        StringBuilder out = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            if (source.charAt(i) == '\\') {
                i = appendEscape(source, i, end, out, lines);
            } else {
                out.append(source.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Appends the meaning of the escape sequence at {@code backslash}; returns the offset after it. */
    static int appendEscape(String source, int backslash, int end, StringBuilder out, LineMap lines) {
        int i = backslash + 1;
        if (i >= end) {
            out.append('\\');
            return i;
        }
        char c = source.charAt(i);
        switch (c) {
            case '\n' -> { }
            case '\\', '\'', '"' -> out.append(c);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> {
                return appendHexEscape(source, backslash, 2, "\\xXX", end, out, lines);
            }
            case 'u' -> {
                return appendHexEscape(source, backslash, 4, "\\uXXXX", end, out, lines);
            }
            case 'U' -> {
                return appendHexEscape(source, backslash, 8, "\\UXXXXXXXX", end, out, lines);
            }
            case 'N' -> {
                return appendNamedEscape(source, backslash, end, out, lines);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int j = i;
                    int value = 0;
                    while (j < end && j < i + 3 && source.charAt(j) >= '0' && source.charAt(j) <= '7') {
                        value = value * 8 + source.charAt(j) - '0';
                        j++;
                    }
                    out.append((char) value);
                    return j;
                }
                // Python keeps unknown escapes as written
                out.append('\\').append(c);
            }
        }
        return i + 1;
    }

    private static int appendHexEscape(
            String source, int backslash, int count, String form, int end, StringBuilder out, LineMap lines) {
        int from = backslash + 2;
        int to = from + count;
        if (to > end || !source.substring(from, to).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw lines.error(backslash, "(unicode error) truncated " + form + " escape");
        }
        long codePoint = Long.parseLong(source.substring(from, to), 16);
        if (codePoint > Character.MAX_CODE_POINT) {
            throw lines.error(backslash, "(unicode error) illegal Unicode character");
        }
        out.appendCodePoint((int) codePoint);
        return to;
    }

    private static int appendNamedEscape(String source, int backslash, int end, StringBuilder out, LineMap lines) {
        int open = backslash + 2;
        int close = source.indexOf('}', open);
        if (open >= end || source.charAt(open) != '{' || close < 0 || close >= end) {
            throw lines.error(backslash, "(unicode error) malformed \\N character escape");
        }
        try {
            out.appendCodePoint(Character.codePointOf(source.substring(open + 1, close)));
        } catch (IllegalArgumentException e) {
            throw lines.error(backslash, "(unicode error) unknown Unicode character name");
        }
        return close + 1;
    }

    private static boolean isDecimalDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(int codePoint) {
        return codePoint == '_' || Character.isUnicodeIdentifierStart(codePoint);
    }

    private static boolean isIdentifierPart(int codePoint) {
        return codePoint == '_'
                || (Character.isUnicodeIdentifierPart(codePoint) && !Character.isIdentifierIgnorable(codePoint));
    }
}

package org.tinybirdmaven.sql;

/**
 * One token of a ClickHouse query, as produced by {@link SqlLexer}.
 *
 * @param kind   what the token is
 * @param text   the token exactly as written, delimiters and quotes included
 * @param offset index of the first character in the lexed text
 * @param line   1-based line of the first character
 * @param column 1-based column of the first character
 */
public record SqlToken(Kind kind, String text, int offset, int line, int column) {

    /** Token kinds. Whitespace and SQL comments produce no tokens. */
    public enum Kind {
        /** Bare identifier or keyword ({@code select}, {@code events}, {@code $x}, {@code 1abc}). */
        WORD,
        /** {@code `identifier`} or {@code "identifier"}. */
        QUOTED_IDENTIFIER,
        /** {@code 'string literal'}. */
        STRING,
        /** {@code $$text$$} or {@code $tag$text$tag$}. */
        HEREDOC,
        /** Integer, decimal, hexadecimal or binary number, with optional exponent. */
        NUMBER,
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        /** Qualifier or tuple-access dot. */
        DOT,
        /** Any other symbol: {@code ->}, {@code ::}, {@code ||}, {@code !=}, {@code <>}, {@code <=}, {@code >=},
         * {@code ==}, single-character operators and brackets. */
        OPERATOR,
        /** Template expression {@code {{ … }}}. */
        TEMPLATE_EXPRESSION,
        /** Template statement {@code {% … %}}. */
        TEMPLATE_STATEMENT,
        /** Template comment {@code {# … #}}. */
        TEMPLATE_COMMENT
    }

    /** Offset just after the last character. */
    public int end() {
        return offset + text.length();
    }

    /**
     * The meaning of the token: the unescaped content of a string literal or quoted identifier, the body of a heredoc,
     * the text between the delimiters of a template region, and the text itself for everything else.
     */
    public String value() {
        return switch (kind) {
            case STRING, QUOTED_IDENTIFIER -> unquote(text);
            case HEREDOC -> {
                int tagLength = text.indexOf('$', 1) + 1;
                yield text.substring(tagLength, text.length() - tagLength);
            }
            case TEMPLATE_EXPRESSION, TEMPLATE_STATEMENT, TEMPLATE_COMMENT -> text.substring(2, text.length() - 2);
            default -> text;
        };
    }

    /** ClickHouse escapes: a doubled quote, or a backslash sequence (C-style letters, {@code \xHH}, else the char). */
    private static String unquote(String text) {
        char quote = text.charAt(0);
        int last = text.length() - 1;
        StringBuilder out = new StringBuilder(last);
        for (int i = 1; i < last; i++) {
            char c = text.charAt(i);
            if (c == quote && i + 1 < last && text.charAt(i + 1) == quote) {
                out.append(quote);
                i++;
            } else if (c == '\\' && i + 1 < last) {
                char escaped = text.charAt(++i);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case '0' -> out.append('\0');
                    case 'a' -> out.append('\u0007');
                    case 'v' -> out.append('\u000B');
                    case 'x' -> {
                        if (i + 2 < last && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                            out.append((char) Integer.parseInt(text, i + 1, i + 3, 16));
                            i += 2;
                        } else {
                            out.append('x');
                        }
                    }
                    default -> out.append(escaped);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}

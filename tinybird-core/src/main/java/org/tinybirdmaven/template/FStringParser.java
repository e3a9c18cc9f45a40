package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the body of an f-string token into literal text and replacement fields {@code {expr!c:spec}}, with the
 * rules and messages of Python 3.11 (no backslash or {@code #} in a field, doubled braces for literal braces,
 * replacement fields nested one level inside a format spec). The self-documenting {@code {x=}} form is not
 * supported. Field expressions are handed to {@link ExpressionParser}.
 */
final class FStringParser {

    private final String source;
    private final int end;
    private final boolean raw;
    private final LineMap lines;

    private FStringParser(String source, PythonLexer.FStringBody body, LineMap lines) {
        this.source = source;
        this.end = body.end();
        this.raw = body.raw();
        this.lines = lines;
    }

    /** The parts of the f-string: string {@link Expr.Literal}s and {@link Expr.FormattedValue}s. */
    static List<Expr> parse(String source, PythonLexer.FStringBody body, LineMap lines) {
        List<Expr> parts = new ArrayList<>();
        new FStringParser(source, body, lines).parts(body.start(), false, parts);
        return parts;
    }

    /**
     * Reads literal text and replacement fields from {@code start} to the end of the body, or, inside a format spec,
     * to the <code>}</code> that closes the field; returns the offset where it stopped.
     */
    private int parts(int start, boolean inFormatSpec, List<Expr> parts) {
        StringBuilder literal = new StringBuilder();
        int literalStart = start;
        int i = start;
        while (i < end) {
            char c = source.charAt(i);
            if (c == '\\' && !raw) {
                i = PythonLexer.appendEscape(source, i, end, literal, lines);
            } else if (c == '{' && !inFormatSpec && i + 1 < end && source.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '{') {
                addLiteral(literal, literalStart, parts);
                i = field(i, parts);
                literalStart = i;
            } else if (c == '}' && inFormatSpec) {
                addLiteral(literal, literalStart, parts);
                return i;
            } else if (c == '}') {
                if (i + 1 >= end || source.charAt(i + 1) != '}') {
                    throw lines.error(i, "f-string: single '}' is not allowed");
                }
                literal.append('}');
                i += 2;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (inFormatSpec) {
            throw lines.error(start, "f-string: expecting '}'");
        }
        addLiteral(literal, literalStart, parts);
        return i;
    }

    private void addLiteral(StringBuilder literal, int offset, List<Expr> parts) {
        if (literal.length() > 0) {
            parts.add(new Expr.Literal(literal.toString(), lines.position(offset)));
            literal.setLength(0);
        }
    }

    /** Parses the replacement field opened at {@code open}; returns the offset after its closing brace. */
    private int field(int open, List<Expr> parts) {
        int expressionEnd = expressionEnd(open);
        if (source.substring(open + 1, expressionEnd).isBlank()) {
            throw lines.error(expressionEnd, "f-string: empty expression not allowed");
        }
        Expr value = ExpressionParser.parseReplacementField(source, open + 1, expressionEnd, lines);
        int i = expressionEnd;
        Expr.Conversion conversion = Expr.Conversion.NONE;
        if (source.charAt(i) == '!') {
            conversion = conversion(i + 1);
            i += 2;
            if (i >= end || (source.charAt(i) != ':' && source.charAt(i) != '}')) {
                throw lines.error(Math.min(i, end), "f-string: expecting '}'");
            }
        }
        Expr.FormattedString formatSpec = null;
        if (source.charAt(i) == ':') {
            List<Expr> specParts = new ArrayList<>();
            int specStart = i + 1;
            i = parts(specStart, true, specParts);
            formatSpec = new Expr.FormattedString(specParts, lines.position(specStart));
        }
        parts.add(new Expr.FormattedValue(value, conversion, formatSpec, lines.position(open)));
        return i + 1;
    }

    /** The offset of the <code>}</code>, {@code !} or {@code :} that ends the field's expression. */
    private int expressionEnd(int open) {
        int depth = 0;
        int i = open + 1;
        while (true) {
            if (i >= end) {
                throw lines.error(open, "f-string: expecting '}'");
            }
            char c = source.charAt(i);
            if (c == '\\') {
                throw lines.error(i, "f-string expression part cannot include a backslash");
            } else if (c == '#') {
                throw lines.error(i, "f-string expression part cannot include '#'");
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(i);
                continue;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    if (c == '}') {
                        return i;
                    }
                    throw lines.error(i, "f-string: unmatched '" + c + "'");
                }
                depth--;
            } else if (depth == 0 && c == ':') {
                return i;
            } else if (depth == 0 && c == '!' && (i + 1 >= end || source.charAt(i + 1) != '=')) {
                return i;
            }
            i++;
        }
    }

    private int skipQuoted(int openingQuote) {
        char quote = source.charAt(openingQuote);
        for (int i = openingQuote + 1; i < end; i++) {
            char c = source.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            if (c == '\\') {
                throw lines.error(i, "f-string expression part cannot include a backslash");
            }
        }
        throw lines.error(openingQuote, "f-string: unterminated string");
    }

    private Expr.Conversion conversion(int offset) {
        char c = offset < end ? source.charAt(offset) : '}';
        return switch (c) {
            case 's' -> Expr.Conversion.STR;
            case 'r' -> Expr.Conversion.REPR;
            case 'a' -> Expr.Conversion.ASCII;
            default -> throw lines.error(
                    offset, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        };
    }
}

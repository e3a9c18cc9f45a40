package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.List;

/**
 * First stage of template parsing: splits the source into text and tags, following the scanning rules of Tornado's
 * template reader (which Tinybird's engine forks). Tag contents are not interpreted here.
 *
 * <p>Tornado rules kept on purpose: a tag ends at the first closing delimiter even inside a Python string
 * (<code>{{ '}}' }}</code> is an unterminated string); of three or more opening braces the innermost two open the
 * tag; <code>{{!</code>, <code>{%!</code> and <code>{#!</code> produce the two delimiter characters as text; the
 * operator of a {@code {% %}} tag ends at the first space (not at any whitespace).
 */
final class TemplateLexer {

    sealed interface Chunk permits Text, ExpressionTag, StatementTag {}

    record Text(String text, int offset) implements Chunk {}

    /** {@code {{ ... }}}; {@code [start, end)} is the contents without surrounding whitespace. */
    record ExpressionTag(int tagOffset, int start, int end) implements Chunk {}

    /** {@code {% operator suffix %}}; {@code [suffixStart, suffixEnd)} is the suffix without surrounding whitespace. */
    record StatementTag(int tagOffset, String operator, int suffixStart, int suffixEnd) implements Chunk {
        boolean hasSuffix() {
            return suffixStart < suffixEnd;
        }
    }

    private TemplateLexer() {}

    static List<Chunk> tokenize(String source, LineMap lines) {
        List<Chunk> chunks = new ArrayList<>();
        int length = source.length();
        int position = 0;
        while (true) {
            int curly = findTagStart(source, position);
            if (curly < 0) {
                if (position < length) {
                    chunks.add(new Text(source.substring(position), position));
                }
                return chunks;
            }
            if (curly > position) {
                chunks.add(new Text(source.substring(position, curly), position));
            }
            String brace = source.substring(curly, curly + 2);
            int afterBrace = curly + 2;
            if (afterBrace < length && source.charAt(afterBrace) == '!') {
                chunks.add(new Text(brace, curly));
                position = afterBrace + 1;
                continue;
            }
            switch (brace) {
                case "{#" -> {
                    int end = source.indexOf("#}", afterBrace);
                    if (end < 0) {
                        throw lines.error(curly, "Missing end comment #}");
                    }
                    position = end + 2;
                }
                case "{{" -> {
                    int end = source.indexOf("}}", afterBrace);
                    if (end < 0) {
                        throw lines.error(curly, "Missing end expression }}");
                    }
                    int start = skipWhitespace(source, afterBrace, end);
                    if (start == end) {
                        throw lines.error(curly, "Empty expression");
                    }
                    chunks.add(new ExpressionTag(curly, start, trimEnd(source, start, end)));
                    position = end + 2;
                }
                default -> {
                    int end = source.indexOf("%}", afterBrace);
                    if (end < 0) {
                        throw lines.error(curly, "Missing end block %}");
                    }
                    int start = skipWhitespace(source, afterBrace, end);
                    if (start == end) {
                        throw lines.error(curly, "Empty block tag ({% %})");
                    }
                    chunks.add(statementTag(source, curly, start, trimEnd(source, start, end)));
                    position = end + 2;
                }
            }
        }
    }

    /** Offset of the <code>{</code> that opens the next tag at or after {@code from}, or -1. */
    private static int findTagStart(String source, int from) {
        int length = source.length();
        int curly = from;
        while (true) {
            curly = source.indexOf('{', curly);
            if (curly < 0 || curly + 1 == length) {
                return -1;
            }
            char next = source.charAt(curly + 1);
            if (next != '{' && next != '%' && next != '#') {
                curly++;
            } else if (next == '{' && curly + 2 < length && source.charAt(curly + 2) == '{') {
                curly++;
            } else {
                return curly;
            }
        }
    }

    private static StatementTag statementTag(String source, int tagOffset, int start, int end) {
        int space = source.indexOf(' ', start);
        if (space < 0 || space >= end) {
            return new StatementTag(tagOffset, source.substring(start, end), end, end);
        }
        return new StatementTag(tagOffset, source.substring(start, space), skipWhitespace(source, space, end), end);
    }

    private static int skipWhitespace(String source, int start, int end) {
        int i = start;
        while (i < end && isPythonWhitespace(source.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String source, int start, int end) {
        int i = end;
        while (i > start && isPythonWhitespace(source.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** What Python's {@code str.strip()} removes. */
    private static boolean isPythonWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}

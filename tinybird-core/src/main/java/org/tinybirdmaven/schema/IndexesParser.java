package org.tinybirdmaven.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Parser for the text of an {@code INDEXES >} block: one index per line,
 *
 * <pre>
 * [INDEX] name expression TYPE type[(arguments)] [GRANULARITY n][,]
 * </pre>
 *
 * <p>Blank lines are ignored. The word {@code TYPE} (upper case, between whitespace, outside quotes) must appear
 * exactly once per line, so two indexes on one line are an error. The index type must be one the server accepts:
 * {@code minmax}, {@code set(max_rows)}, {@code bloom_filter[(false_positive_rate)]},
 * {@code ngrambf_v1(n, size, hashes, seed)} or {@code tokenbf_v1(size, hashes, seed)}; the argument count is checked.
 *
 * <p>Choices where the CLI is silent or buggy:
 * <ul>
 * <li>The optional prefix is removed as the <em>word</em> {@code INDEX} (any case, followed by whitespace). The
 * Classic CLI strips the <em>characters</em> {@code I N D E X} from the left, so an index named {@code IDX_user}
 * written without the prefix loses its leading letters there; here it keeps its name.</li>
 * <li>{@code TYPE} is matched in upper case only, so an expression may use a column called {@code type}.</li>
 * <li>An index name used twice is an error (ClickHouse would reject the table).</li>
 * </ul>
 */
public final class IndexesParser {

    private static final String KNOWN_TYPES = "minmax, set, bloom_filter, ngrambf_v1, tokenbf_v1";

    /** Allowed argument count range and its description, per index type. */
    private record Arity(int min, int max, String description) {
    }

    private static final Map<String, Arity> INDEX_TYPES = Map.of(
            "minmax", new Arity(0, 0, "no arguments"),
            "set", new Arity(1, 1, "1 argument (max_rows)"),
            "bloom_filter", new Arity(0, 1, "at most 1 argument (false_positive_rate)"),
            "ngrambf_v1", new Arity(4, 4, "4 arguments (n, size_of_bloom_filter_in_bytes, number_of_hash_functions,"
                    + " random_seed)"),
            "tokenbf_v1", new Arity(3, 3, "3 arguments (size_of_bloom_filter_in_bytes, number_of_hash_functions,"
                    + " random_seed)"));

    private final String text;
    private final Set<String> names = new HashSet<>();
    private int pos;
    private int end;

    private IndexesParser(String text) {
        this.text = text;
    }

    /**
     * Parses an indexes block.
     *
     * @param text the block text (without the {@code INDEXES >} line)
     * @return the indexes in order
     * @throws SyntaxException with the line and column of the offending character in {@code text}
     */
    public static List<Index> parse(String text) {
        IndexesParser parser = new IndexesParser(text);
        List<Index> indexes = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            Index index = parser.line(lineStart, lineEnd);
            if (index != null) {
                indexes.add(index);
            }
            lineStart = lineEnd + 1;
        }
        return List.copyOf(indexes);
    }

    /** Parses {@code text[start, lineEnd)}; null for a blank line. */
    private Index line(int start, int lineEnd) {
        pos = start;
        end = lineEnd;
        skipWhitespace();
        while (end > pos && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (pos == end) {
            return null;
        }
        if (text.charAt(end - 1) == ',') {
            end--;
        }
        if (text.regionMatches(true, pos, "INDEX", 0, 5) && pos + 5 < end
                && Character.isWhitespace(text.charAt(pos + 5))) {
            pos += 5;
            skipWhitespace();
        }
        int nameStart = pos;
        String name = name();
        List<Integer> typeKeywords = typeKeywords();
        if (typeKeywords.isEmpty()) {
            throw error(nameStart, "Missing TYPE in index " + name
                    + ": expected <name> <expression> TYPE <type> [GRANULARITY <n>]");
        }
        if (typeKeywords.size() > 1) {
            throw error(typeKeywords.get(1), "TYPE appears more than once: write one index per line");
        }
        int typeKeyword = typeKeywords.get(0);
        String expression = text.substring(pos, typeKeyword).strip();
        if (expression.isEmpty()) {
            throw error(typeKeyword, "Missing expression for index " + name);
        }
        pos = typeKeyword + "TYPE".length();
        skipWhitespace();
        String type = indexType();
        skipWhitespace();
        Integer granularity = granularity();
        if (!names.add(name)) {
            throw error(nameStart, "Duplicate index name " + name);
        }
        return new Index(name, expression, type, granularity);
    }

    private String name() {
        int start = pos;
        if (text.charAt(pos) == '`') {
            int close = text.indexOf('`', pos + 1);
            if (close < 0 || close >= end) {
                throw error(start, "Unterminated backquoted index name");
            }
            pos = close + 1;
        } else {
            while (pos < end && isIdentifierChar(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos == start || (pos == start + 2 && text.charAt(start) == '`')) {
            throw error(start, "Expected an index name");
        }
        if (pos >= end) {
            throw error(start, "Missing expression and TYPE after index name " + text.substring(start, pos));
        }
        if (!Character.isWhitespace(text.charAt(pos))) {
            throw error(pos, "Invalid character '" + text.charAt(pos) + "' in index name");
        }
        return text.charAt(start) == '`' ? text.substring(start + 1, pos - 1) : text.substring(start, pos);
    }

    /** Offsets of each word {@code TYPE} from {@code pos} to the end of the line, outside quotes. */
    private List<Integer> typeKeywords() {
        List<Integer> found = new ArrayList<>();
        for (int i = pos; i < end; i++) {
            if (SqlText.isQuote(text.charAt(i))) {
                i = SqlText.closingQuote(text, i, end);
            } else if (text.startsWith("TYPE", i) && Character.isWhitespace(text.charAt(i - 1))
                    && (i + 4 >= end || Character.isWhitespace(text.charAt(i + 4)))) {
                found.add(i);
            }
        }
        return found;
    }

    /** The index type and its arguments, validated; normalised to {@code type} or {@code type(args)}. */
    private String indexType() {
        int start = pos;
        while (pos < end && isIdentifierChar(text.charAt(pos))) {
            pos++;
        }
        String type = text.substring(start, pos);
        if (type.isEmpty()) {
            throw error(start, "Missing index type after TYPE: use one of " + KNOWN_TYPES);
        }
        Arity arity = INDEX_TYPES.get(type);
        if (arity == null) {
            throw error(start, "Unknown index type " + type + ": use one of " + KNOWN_TYPES);
        }
        skipWhitespace();
        String arguments = "";
        if (pos < end && text.charAt(pos) == '(') {
            int close = SqlText.closingParenthesis(text, pos, end);
            if (close < 0) {
                throw error(pos, "Missing ')' for this '('");
            }
            arguments = text.substring(pos + 1, close).strip();
            pos = close + 1;
        }
        int count = SqlText.splitTopLevel(arguments).size();
        if (count < arity.min() || count > arity.max()) {
            throw error(start, "Index type " + type + " takes " + arity.description() + ", got " + count);
        }
        return arguments.isEmpty() ? type : type + "(" + arguments + ")";
    }

    private Integer granularity() {
        if (pos >= end) {
            return null;
        }
        String keyword = "GRANULARITY";
        boolean isKeyword = text.regionMatches(true, pos, keyword, 0, keyword.length())
                && (pos + keyword.length() >= end || Character.isWhitespace(text.charAt(pos + keyword.length())));
        if (!isKeyword) {
            throw error(pos, "Unexpected '" + text.substring(pos, end) + "' after the index type:"
                    + " expected GRANULARITY <n>");
        }
        pos += keyword.length();
        skipWhitespace();
        int start = pos;
        while (pos < end && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.isEmpty() || digits.length() > 9 || Integer.parseInt(digits) == 0
                || (pos < end && !Character.isWhitespace(text.charAt(pos)))) {
            throw error(start, "GRANULARITY must be a positive integer");
        }
        skipWhitespace();
        if (pos < end) {
            throw error(pos, "Unexpected '" + text.substring(pos, end) + "' after GRANULARITY " + digits);
        }
        return Integer.valueOf(digits);
    }

    private void skipWhitespace() {
        while (pos < end && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isIdentifierChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private SyntaxException error(int offset, String reason) {
        return SyntaxException.at(text, offset, reason);
    }
}

package org.tinybirdmaven.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Parser for the text of a {@code SCHEMA >} block, following the grammar of the Classic Tinybird CLI:
 *
 * <pre>
 * name [type] [`json:path`] [DEFAULT expr | MATERIALIZED expr] [CODEC(codecs)] [`json:path`] , ...
 * </pre>
 *
 * <ul>
 * <li>{@code --} starts a comment that runs to the end of the line, except inside a {@code `json:...`} path. Like
 * the Classic CLI, the stripper knows no other quoting, so {@code --} inside a string or a backquoted name is a
 * comment too.</li>
 * <li>A name is either backquoted (any text up to the next backquote) or bare, made of ASCII letters, digits and
 * {@code . _ ` * < > + - '}.</li>
 * <li>The type and the DEFAULT/MATERIALIZED expressions run up to the next keyword or top-level comma. A keyword
 * ({@code NULL}, {@code NOT NULL}, {@code DEFAULT}, {@code MATERIALIZED}, {@code ALIAS}, {@code CODEC}, {@code TTL},
 * {@code `json:}) is recognised case-insensitively, only when preceded by whitespace and not followed by an
 * identifier character. {@code NULL} and {@code NOT NULL} end a type but not an expression, where they are
 * ordinary SQL. Parentheses and single- or double-quoted strings (with backslash escapes) nest; square brackets do
 * not, as in the Classic CLI, so a comma inside {@code [...]} at the top level is reported with a hint to use
 * {@code array(...)}. Outside strings only the characters of a bare name plus {@code [ ] ( ) , = ! ? : /} and
 * whitespace are allowed.</li>
 * <li>A jsonpath may come right after the type or after the CODEC; after a DEFAULT/MATERIALIZED expression it is an
 * error (Classic). {@code NULL}, {@code NOT NULL}, {@code ALIAS} and column {@code TTL} are rejected with specific
 * messages. A trailing comma after the last column, or an empty definition between two commas, is an error
 * (Classic).</li>
 * </ul>
 *
 * <p>Choices where the CLI is silent or surprising:
 * <ul>
 * <li>An entry whose bare name is exactly {@code INDEX} is <em>rejected</em>. The Classic CLI silently skips it and,
 * through a bug, every column after it; Forward rejects it. A user writing an index there expects it to exist, so
 * silently dropping it (and later columns) would be worse than an error pointing at the {@code INDEXES} block. A
 * backquoted {@code `INDEX`}, or {@code index} in another case, is an ordinary column name.</li>
 * <li>The type may be omitted only when the column has a DEFAULT or MATERIALIZED expression (ClickHouse derives
 * the type from it); otherwise the error is "Missing type for column x" at the column name. The Classic CLI accepts
 * a bare name and lets the server fail; Forward requires a type or a DEFAULT.</li>
 * <li>Each type is parsed and validated with {@link DataType}; the column keeps its canonical text, so
 * {@code Map(String,UInt64)} becomes {@code Map(String, UInt64)}. Type errors point into the schema.</li>
 * <li>A column name used twice is an error (ClickHouse would reject the table).</li>
 * </ul>
 *
 * <p>Normalisation (both CLIs): a top-level {@code Nullable(T)} becomes {@code type = T, nullable = true}; a
 * {@code DEFAULT NULL} on a nullable column is dropped; keywords are written in upper case; the codec is kept as
 * {@code CODEC(...)}.
 */
public final class SchemaParser {

    private enum Clause {
        NULL("NULL"), NOT_NULL("NOT NULL"), DEFAULT("DEFAULT"), MATERIALIZED("MATERIALIZED"), ALIAS("ALIAS"),
        CODEC("CODEC"), TTL("TTL"), JSONPATH("`json:");

        private final String text;

        Clause(String text) {
            this.text = text;
        }
    }

    /** What {@link #scan} is reading, which decides where it stops. */
    private enum Mode { TYPE, EXPRESSION, CODEC }

    private static final String JSONPATH_MARKER = "`json:";

    private final String text;
    private int pos;

    private SchemaParser(String schemaText) {
        this.text = stripComments(schemaText);
    }

    /**
     * Parses a schema block.
     *
     * @param schemaText the block text (without the {@code SCHEMA >} line); blank or comment-only text gives no
     *                   columns
     * @return the columns in order
     * @throws SyntaxException with the line and column of the offending character in {@code schemaText}
     */
    public static List<Column> parse(String schemaText) {
        return new SchemaParser(schemaText).columns();
    }

    private List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        skipWhitespace();
        if (pos >= text.length()) {
            return List.of();
        }
        while (true) {
            columns.add(column(names));
            if (pos >= text.length()) {
                return List.copyOf(columns);
            }
            int comma = pos++;
            skipWhitespace();
            if (pos >= text.length()) {
                throw error(comma, "Trailing comma after the last column");
            }
        }
    }

    /** Parses one definition; returns with {@code pos} at the separating comma or at the end. */
    private Column column(Set<String> names) {
        int nameStart = pos;
        if (text.charAt(pos) == ',') {
            throw error(pos, "Empty column definition");
        }
        boolean backquoted = text.charAt(pos) == '`';
        String name = name();
        if (!backquoted && name.equals("INDEX")) {
            throw error(nameStart, "INDEX is not allowed in SCHEMA: declare indexes in the INDEXES block");
        }
        if (!names.add(name)) {
            throw error(nameStart, "Duplicate column name " + name);
        }
        skipWhitespace();
        int typeStart = pos;
        scan(Mode.TYPE, "the type of column " + name);
        DataType type = text.substring(typeStart, pos).isBlank() ? null : TypeParser.parse(text, typeStart, pos);

        String jsonpath = null;
        String defaultValue = null;
        String codec = null;
        while (true) {
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) == ',') {
                break;
            }
            Clause clause = clauseAt();
            if (clause == null) {
                throw error(pos, "Unexpected '" + word() + "' in column " + name
                        + ": expected DEFAULT, MATERIALIZED, CODEC, a `json:` path or ','");
            }
            switch (clause) {
                case NULL -> throw error(pos, "NULL column syntax is not supported: use Nullable(T) as the type");
                case NOT_NULL -> throw error(pos,
                        "NOT NULL column syntax is not supported: columns are not nullable unless typed Nullable(T)");
                case ALIAS -> throw error(pos, "ALIAS columns are not supported");
                case TTL -> throw error(pos, "Column TTL is not supported: use ENGINE_TTL for a table TTL");
                case JSONPATH -> {
                    if (jsonpath != null) {
                        throw error(pos, "Column " + name + " has more than one jsonpath");
                    }
                    if (defaultValue != null && codec == null) {
                        throw error(pos, "The jsonpath of column " + name + " must come before its "
                                + defaultValue.substring(0, defaultValue.indexOf(' ')) + " expression");
                    }
                    jsonpath = jsonPath();
                }
                case DEFAULT, MATERIALIZED -> {
                    if (defaultValue != null) {
                        throw error(pos, "Column " + name + " has more than one DEFAULT/MATERIALIZED expression");
                    }
                    if (codec != null) {
                        throw error(pos, clause.text + " must come before CODEC in column " + name);
                    }
                    defaultValue = expression(clause, name);
                }
                case CODEC -> {
                    if (codec != null) {
                        throw error(pos, "Column " + name + " has more than one CODEC");
                    }
                    codec = codec(name);
                }
            }
        }
        if (type == null && defaultValue == null) {
            throw error(nameStart, "Missing type for column " + name);
        }
        return normalised(name, type, jsonpath, defaultValue, codec);
    }

    private static Column normalised(String name, DataType type, String jsonpath, String defaultValue,
            String codec) {
        boolean nullable = type != null && type.family().equals("Nullable");
        String typeText = type == null ? null : nullable ? type.typeArguments().get(0).toString() : type.toString();
        String effectiveDefault = nullable && "DEFAULT NULL".equalsIgnoreCase(defaultValue) ? null : defaultValue;
        return new Column(name, typeText, nullable, jsonpath, effectiveDefault, codec);
    }

    private String name() {
        int start = pos;
        if (text.charAt(pos) == '`') {
            int close = text.indexOf('`', pos + 1);
            if (close < 0) {
                throw error(start, "Unterminated backquoted column name");
            }
            if (close == pos + 1) {
                throw error(start, "Empty column name");
            }
            pos = close + 1;
            return text.substring(start + 1, close);
        }
        while (pos < text.length() && !isWhitespace(text.charAt(pos)) && text.charAt(pos) != ',') {
            char c = text.charAt(pos);
            if (!isNameChar(c)) {
                throw error(pos, "Invalid character '" + c + "' in column name " + text.substring(start, pos)
                        + c + ": write names with other characters between backquotes");
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private String expression(Clause clause, String column) {
        int keywordStart = pos;
        pos += clause.text.length();
        skipWhitespace();
        int start = pos;
        scan(Mode.EXPRESSION, "the " + clause.text + " expression of column " + column);
        String expression = text.substring(start, pos).strip();
        if (expression.isEmpty()) {
            throw error(keywordStart, "Missing expression after " + clause.text + " in column " + column);
        }
        return clause.text + " " + expression;
    }

    private String codec(String column) {
        pos += Clause.CODEC.text.length();
        skipWhitespace();
        if (pos >= text.length() || text.charAt(pos) != '(') {
            throw error(pos, "Expected '(' after CODEC in column " + column);
        }
        int open = pos;
        scan(Mode.CODEC, "the CODEC of column " + column);
        return Clause.CODEC.text + text.substring(open, pos);
    }

    private String jsonPath() {
        int start = pos;
        pos += JSONPATH_MARKER.length();
        int close = text.indexOf('`', pos);
        if (close < 0) {
            throw error(start, "Unterminated jsonpath: missing the closing backquote");
        }
        if (text.substring(pos, close).isBlank()) {
            throw error(start, "Empty jsonpath");
        }
        String path = text.substring(pos, close);
        pos = close + 1;
        return path;
    }

    /**
     * Advances over a type, an expression or a parenthesised codec list, enforcing the character set and nesting
     * of the Classic parser. A type or expression ends before a top-level comma or keyword (or at the end); a codec
     * ends after its closing parenthesis.
     */
    private void scan(Mode mode, String what) {
        Deque<Integer> openParentheses = new ArrayDeque<>();
        int openBrackets = 0;
        char quote = 0;
        int quoteStart = -1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
                pos++;
                continue;
            }
            if (openParentheses.isEmpty() && mode != Mode.CODEC) {
                if (c == ',') {
                    if (openBrackets > 0) {
                        throw error(pos, "A ',' inside [...] is not supported in " + what
                                + ": the schema is split into columns at this comma; write array(...) instead");
                    }
                    return;
                }
                Clause clause = clauseAt();
                if (clause != null && (mode == Mode.TYPE || (clause != Clause.NULL && clause != Clause.NOT_NULL))) {
                    return;
                }
            }
            if (c == '\'' || c == '"') {
                quote = c;
                quoteStart = pos;
            } else if (!isExpressionChar(c)) {
                throw error(pos, "Invalid character '" + c + "' in " + what);
            } else if (c == '(') {
                openParentheses.push(pos);
            } else if (c == ')') {
                if (openParentheses.isEmpty()) {
                    throw error(pos, "Unexpected ')' in " + what);
                }
                openParentheses.pop();
                if (mode == Mode.CODEC && openParentheses.isEmpty()) {
                    pos++;
                    return;
                }
            } else if (c == '[') {
                openBrackets++;
            } else if (c == ']' && openBrackets > 0) {
                openBrackets--;
            }
            pos++;
        }
        if (quote != 0) {
            throw error(quoteStart, "Unterminated string in " + what);
        }
        if (!openParentheses.isEmpty()) {
            throw error(openParentheses.peek(), "Missing ')' for this '(' in " + what);
        }
    }

    /** The clause keyword starting at {@code pos}, or null. */
    private Clause clauseAt() {
        if (pos == 0 || !isWhitespace(text.charAt(pos - 1))) {
            return null;
        }
        if (text.regionMatches(true, pos, JSONPATH_MARKER, 0, JSONPATH_MARKER.length())) {
            return Clause.JSONPATH;
        }
        if (isKeyword(pos, "NOT")) {
            int next = pos + 3;
            while (next < text.length() && isWhitespace(text.charAt(next))) {
                next++;
            }
            return next > pos + 3 && isKeyword(next, "NULL") ? Clause.NOT_NULL : null;
        }
        for (Clause clause : Clause.values()) {
            if (clause != Clause.NOT_NULL && clause != Clause.JSONPATH && isKeyword(pos, clause.text)) {
                return clause;
            }
        }
        return null;
    }

    private boolean isKeyword(int at, String keyword) {
        int after = at + keyword.length();
        return text.regionMatches(true, at, keyword, 0, keyword.length())
                && (after >= text.length() || !isIdentifierChar(text.charAt(after)));
    }

    /** The text from {@code pos} to the next whitespace or comma, for error messages. */
    private String word() {
        int end = pos;
        while (end < text.length() && !isWhitespace(text.charAt(end)) && text.charAt(end) != ',') {
            end++;
        }
        return text.substring(pos, end);
    }

    private void skipWhitespace() {
        while (pos < text.length() && isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxException error(int offset, String reason) {
        return SyntaxException.at(text, offset, reason);
    }

    /**
     * Blanks out {@code --} comments (keeping every offset and line break, so positions still match the original
     * text), except inside {@code `json:...`} paths.
     */
    private static String stripComments(String schemaText) {
        StringBuilder stripped = new StringBuilder(schemaText);
        boolean inJsonPath = false;
        int i = 0;
        while (i < schemaText.length()) {
            char c = schemaText.charAt(i);
            if (inJsonPath) {
                inJsonPath = c != '`';
                i++;
            } else if (schemaText.regionMatches(true, i, JSONPATH_MARKER, 0, JSONPATH_MARKER.length())) {
                inJsonPath = true;
                i += JSONPATH_MARKER.length();
            } else if (schemaText.startsWith("--", i)) {
                while (i < schemaText.length() && schemaText.charAt(i) != '\n') {
                    stripped.setCharAt(i++, ' ');
                }
            } else {
                i++;
            }
        }
        return stripped.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isIdentifierChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isIdentifierChar(c) || "._`*<>+-'".indexOf(c) >= 0;
    }

    private static boolean isExpressionChar(char c) {
        return isNameChar(c) || isWhitespace(c) || "[](),=!?:/".indexOf(c) >= 0;
    }
}

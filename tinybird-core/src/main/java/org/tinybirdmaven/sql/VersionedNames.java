package org.tinybirdmaven.sql;

import java.util.List;
import java.util.Map;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Renames the tables a node's SQL reads, e.g. {@code events} to {@code events__v2} when the local
 * {@code events.datasource} has {@code VERSION 2}.
 *
 * <p>Two strategies, which give different results on purpose:
 * <ul>
 *   <li>{@link #rewrite} reproduces byte for byte what the Classic CLI sends in {@code POST /v0/pipes}: a textual
 *       replacement that only fires where the name stands between blanks and quotes, so {@code (events},
 *       {@code events,}, {@code x.events} or {@code events\r} stay untouched, while a column or a CTE that happens to
 *       be called {@code events} is renamed. Use it wherever the request must match the CLI's (Classic push, diffs
 *       against what the CLI would have pushed).</li>
 *   <li>{@link #rewriteTokens} renames exactly the references {@link SqlTableScanner} finds ({@code FROM}/{@code JOIN}/
 *       {@code IN} tables, {@code joinGet}/{@code dictGet*} literals, {@code table('x')} in templates) however they are
 *       punctuated, and nothing else. Use it wherever the SQL must be correct rather than CLI-identical (the local
 *       server, Forward-style deployments).</li>
 * </ul>
 */
public final class VersionedNames {

    private VersionedNames() {}

    /**
     * The Classic CLI rewrite. For each entry of {@code renames}, in iteration order (so later entries see the result
     * of earlier ones, as in the CLI's loop; pass a {@link java.util.LinkedHashMap} to control it), every occurrence of
     * the key preceded by a run of tab/space/newline/{@code '} characters or the start of the text, and followed by a
     * run of tab/space/newline/{@code '}/{@code )} characters or the end of the text, is replaced by the value.
     *
     * <p>This is the CLI's regular expression {@code ([\t \n']+|^)NAME([\t \n')]+|$)} applied with
     * {@code re.sub}, and its quirks are kept: the boundary runs are consumed, so in {@code events events} only the first
     * is replaced; {@code \r} and other whitespace are not boundaries; the name is not escaped, so a {@code .} in it
     * matches any character but a newline. Other characters of the name are matched literally (Tinybird names cannot
     * contain them); empty names are ignored. Runs in linear time, unlike the backtracking regular expression.
     */
    public static String rewrite(String sql, Map<String, String> renames) {
        String result = sql;
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            if (!rename.getKey().isEmpty()) {
                result = replaceClassic(result, rename.getKey(), rename.getValue());
            }
        }
        return result;
    }

    /**
     * The token-accurate rewrite. Each reference found by {@link SqlTableScanner#scan} is looked up once (all renames
     * apply simultaneously) by its {@link TableReference#qualifiedName()}: {@code events} matches unqualified
     * references only, {@code ws.events} matches that qualified reference only. The value replaces the whole reference
     * and may itself be qualified ({@code d_1.t_2}). Identifiers keep their quoting style (bare, backquoted or
     * double-quoted; a bare name that is not a plain identifier gets backquotes), string literals become
     * single-quoted SQL strings and {@code table('x')} arguments keep their Python quote.
     *
     * @throws SyntaxException when the SQL cannot be scanned
     */
    public static String rewriteTokens(String sql, Map<String, String> renames) {
        List<SqlTableScanner.Occurrence> occurrences = SqlTableScanner.occurrences(sql);
        StringBuilder out = new StringBuilder(sql.length() + 16 * occurrences.size());
        int copied = 0;
        for (SqlTableScanner.Occurrence occurrence : occurrences) {
            String target = renames.get(occurrence.reference().qualifiedName());
            if (target == null) {
                continue;
            }
            out.append(sql, copied, occurrence.start()).append(render(occurrence, target));
            copied = occurrence.end();
        }
        return copied == 0 ? sql : out.append(sql, copied, sql.length()).toString();
    }

    private static String replaceClassic(String text, String name, String replacement) {
        StringBuilder out = null;
        int copied = 0;
        int consumed = 0;
        int limit = text.length() - name.length();
        int at = 0;
        while (at <= limit) {
            boolean leading = at == 0 || (at - 1 >= consumed && isLeadingBoundary(text.charAt(at - 1)));
            int after = at + name.length();
            if (leading && matchesName(text, at, name) && (after == text.length() || isTrailingBoundary(text.charAt(after)))) {
                int runEnd = after;
                while (runEnd < text.length() && isTrailingBoundary(text.charAt(runEnd))) {
                    runEnd++;
                }
                if (out == null) {
                    out = new StringBuilder(text.length() + 16);
                }
                out.append(text, copied, at).append(replacement);
                copied = after;
                consumed = runEnd;
                at = runEnd;
            } else {
                at++;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The name as an unescaped regular expression: {@code .} is any character but a newline. */
    private static boolean matchesName(String text, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            char expected = name.charAt(i);
            char actual = text.charAt(at + i);
            if (expected == '.' ? actual == '\n' : actual != expected) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLeadingBoundary(char c) {
        return c == '\t' || c == ' ' || c == '\n' || c == '\'';
    }

    private static boolean isTrailingBoundary(char c) {
        return isLeadingBoundary(c) || c == ')';
    }

    private static String render(SqlTableScanner.Occurrence occurrence, String target) {
        return switch (occurrence.form()) {
            case SQL_STRING -> quote(target, '\'');
            case PYTHON_STRING -> quote(target, occurrence.quote());
            case IDENTIFIER -> {
                int dot = target.indexOf('.');
                yield dot > 0 && dot < target.length() - 1
                        ? identifier(target.substring(0, dot), occurrence.quote()) + "."
                                + identifier(target.substring(dot + 1), occurrence.quote())
                        : identifier(target, occurrence.quote());
            }
        };
    }

    private static String identifier(String name, char quote) {
        if (quote == 0 && isBareIdentifier(name)) {
            return name;
        }
        return quote(name, quote == 0 ? '`' : quote);
    }

    private static boolean isBareIdentifier(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Backslash escapes work in SQL strings, ClickHouse quoted identifiers and Python strings alike. */
    private static String quote(String value, char quote) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append(quote);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == quote || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append(quote).toString();
    }
}

package org.tinybirdmaven.server.query;

import java.util.List;
import org.tinybirdmaven.sql.SqlLexer;
import org.tinybirdmaven.sql.SqlToken;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * A query split from its trailing {@code FORMAT name} clause, which Tinybird reads from the end of the SQL (before any
 * trailing semicolons) and applies itself.
 *
 * @param sql    the query without the clause
 * @param format the format name as written, or null when the query has none
 */
public record FormatClause(String sql, String format) {

    public static FormatClause split(String sql) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (SyntaxException e) {
            // The compiler reports the syntax error with its context; here the query simply has no FORMAT.
            return new FormatClause(sql, null);
        }
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).kind() == SqlToken.Kind.OPERATOR
                && tokens.get(end - 1).text().equals(";")) {
            end--;
        }
        if (end >= 3 && isWord(tokens.get(end - 2), "FORMAT") && tokens.get(end - 1).kind() == SqlToken.Kind.WORD) {
            return new FormatClause(sql.substring(0, tokens.get(end - 2).offset()).stripTrailing(),
                    tokens.get(end - 1).text());
        }
        return new FormatClause(sql, null);
    }

    private static boolean isWord(SqlToken token, String word) {
        return token.kind() == SqlToken.Kind.WORD && token.text().equalsIgnoreCase(word);
    }
}

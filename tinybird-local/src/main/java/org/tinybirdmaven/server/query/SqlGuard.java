package org.tinybirdmaven.server.query;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.sql.SqlLexer;
import org.tinybirdmaven.sql.SqlToken;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Keeps user SQL (node SQL, {@code /v0/sql} queries, {@code q}) to one read-only {@code SELECT} that cannot leave its
 * workspace. Table references are confined by {@link QueryCompiler}; what this class rejects are the ways around it
 * that are not table references: a second statement after {@code ;} (chDB runs every statement of a text), table
 * functions that read other databases, files or the network ({@code remote}, {@code merge}, {@code file}, {@code url}
 * …) and {@code INTO OUTFILE}. ClickHouse's {@code readonly} setting cannot do this job: with {@code readonly=2} (needed
 * so that queries may still carry their own {@code SETTINGS}) table functions such as {@code file()} stay allowed.
 */
final class SqlGuard {

    /**
     * Functions that read outside the workspace database. Matched case-insensitively wherever a call appears, also as
     * scalar functions ({@code file('…')} reads a file as a string).
     */
    private static final Set<String> DISABLED_FUNCTIONS = Set.of(
            "file", "filecluster", "url", "urlcluster", "s3", "s3cluster", "gcs", "hdfs", "hdfscluster",
            "azureblobstorage", "azureblobstoragecluster", "remote", "remotesecure", "cluster", "clusterallreplicas",
            "merge", "mysql", "postgresql", "mongodb", "redis", "sqlite", "jdbc", "odbc", "input", "executable",
            "dictionary", "loop", "iceberg", "icebergs3", "icebergazure", "iceberghdfs", "iceberglocal", "deltalake",
            "hudi", "mergetreeindex", "mergetreeprojection", "hascolumnintable", "filesystemcache");

    /** Where Tinybird points for queries it does not run. */
    static final String QUERY_DOCUMENTATION = "https://docs.tinybird.co/query/query-parameters.html";

    private SqlGuard() {}

    /**
     * Checks {@code sql} and returns it without trailing semicolons.
     *
     * @param suffix appended to every error message (the node it comes from, or empty)
     * @throws ApiException 400 when the SQL is not one plain {@code SELECT}
     */
    static String check(String sql, String suffix) {
        List<SqlToken> tokens = tokenize(sql, suffix);
        int end = tokens.size();
        while (end > 0 && isSemicolon(tokens.get(end - 1))) {
            end--;
        }
        if (end == 0) {
            throw ApiException.badRequest("The query is empty" + suffix);
        }
        SqlToken first = tokens.get(0);
        boolean select = first.kind() == SqlToken.Kind.LEFT_PAREN || first.kind() == SqlToken.Kind.WORD
                && Set.of("SELECT", "WITH").contains(first.text().toUpperCase(Locale.ROOT));
        if (!select) {
            throw new ApiException(400, "DB::Exception: Only SELECT or DESCRIBE queries are supported. Got: "
                    + queryKind(tokens) + suffix, Map.of("documentation", QUERY_DOCUMENTATION));
        }
        for (int i = 0; i < end; i++) {
            SqlToken token = tokens.get(i);
            if (isSemicolon(token)) {
                throw ApiException.badRequest("Only one statement is supported per query" + suffix);
            }
            if (token.kind() != SqlToken.Kind.WORD) {
                continue;
            }
            String word = token.text().toLowerCase(Locale.ROOT);
            if (word.equals("outfile") && i > 0 && tokens.get(i - 1).text().equalsIgnoreCase("INTO")) {
                throw ApiException.badRequest("INTO OUTFILE is not supported" + suffix);
            }
            if (DISABLED_FUNCTIONS.contains(word) && i + 1 < end
                    && tokens.get(i + 1).kind() == SqlToken.Kind.LEFT_PAREN) {
                throw ApiException.forbidden("DB::Exception: Usage of function " + token.text() + " is restricted"
                        + suffix);
            }
        }
        return end == tokens.size() ? sql : sql.substring(0, tokens.get(end - 1).end());
    }

    /**
     * ClickHouse's name for the kind of statement, as Tinybird reports it: {@code InsertQuery}, {@code CreateQuery},
     * {@code ShowTablesQuery} …
     */
    private static String queryKind(List<SqlToken> tokens) {
        StringBuilder kind = new StringBuilder(capitalized(tokens.get(0).text()));
        if (kind.toString().equals("Show") && tokens.size() > 1) {
            kind.append(capitalized(tokens.get(1).text()));
        }
        return kind.append("Query").toString();
    }

    private static String capitalized(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    static List<SqlToken> tokenize(String sql, String suffix) {
        try {
            return SqlLexer.tokenize(sql);
        } catch (SyntaxException e) {
            throw ApiException.badRequest("Syntax error: " + e.getMessage() + suffix);
        }
    }

    private static boolean isSemicolon(SqlToken token) {
        return token.kind() == SqlToken.Kind.OPERATOR && token.text().equals(";");
    }
}

package org.tinybirdmaven.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinybirdmaven.syntax.SyntaxException;

class SqlTableScannerTest {

    /** References as {@code KIND:qualified.name}, in reported order. */
    private static List<String> refs(String sql) {
        return SqlTableScanner.scan(sql).stream().map(r -> r.kind() + ":" + r.qualifiedName()).toList();
    }

    @Test
    void plainFrom() {
        assertThat(refs("SELECT a FROM events WHERE b = 1")).containsExactly("FROM:events");
    }

    @Test
    void qualifiedName() {
        List<TableReference> references = SqlTableScanner.scan("SELECT * FROM ws.events");

        assertThat(references).extracting(TableReference::database, TableReference::name)
                .containsExactly(tuple("ws", "events"));
    }

    @Test
    void backquotedAndDoubleQuotedParts() {
        assertThat(refs("SELECT * FROM `ws`.`my ds` JOIN \"other\" ON 1 JOIN `a``b` ON 1"))
                .containsExactly("FROM:ws.my ds", "FROM:other", "FROM:a`b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOIN", "INNER JOIN", "LEFT JOIN", "LEFT OUTER JOIN", "RIGHT JOIN", "FULL OUTER JOIN",
        "CROSS JOIN", "ANY LEFT JOIN", "ALL INNER JOIN", "LEFT SEMI JOIN", "RIGHT ANTI JOIN", "ASOF JOIN",
        "LEFT ASOF JOIN", "GLOBAL ANY LEFT JOIN", "GLOBAL JOIN", "PASTE JOIN", "ANY JOIN", "LEFT ANY JOIN"})
    void everyJoinFlavour(String join) {
        assertThat(refs("SELECT * FROM a " + join + " b ON a.id = b.id")).containsExactly("FROM:a", "FROM:b");
    }

    @Test
    void joinsInsideSubqueriesAtAnyDepth() {
        assertThat(refs("SELECT * FROM (SELECT * FROM (SELECT * FROM a LEFT JOIN b USING id) JOIN c ON 1) x"))
                .containsExactly("FROM:a", "FROM:b", "FROM:c");
    }

    @Test
    void commaJoin() {
        assertThat(refs("SELECT * FROM a, b AS bb, ws.c WHERE a.x = bb.x")).containsExactly(
                "FROM:a", "FROM:b", "FROM:ws.c");
    }

    @Test
    void commaAfterOnConditionStartsAnotherTable() {
        assertThat(refs("SELECT * FROM a JOIN b ON a.x = b.x, c")).containsExactly("FROM:a", "FROM:b", "FROM:c");
    }

    @Test
    void usingListIsNotATableList() {
        assertThat(refs("SELECT * FROM a JOIN b USING x, y WHERE 1")).containsExactly("FROM:a", "FROM:b");
        assertThat(refs("SELECT * FROM a JOIN b USING (x, y) JOIN c USING z")).containsExactly(
                "FROM:a", "FROM:b", "FROM:c");
    }

    @Test
    void subqueriesInWhereSelectListInAndExists() {
        String sql = """
                SELECT (SELECT max(x) FROM s1) AS m
                FROM t
                WHERE a IN (SELECT a FROM s2)
                  AND EXISTS (SELECT 1 FROM s3 WHERE s3.a = t.a)
                  AND b = (SELECT min(b) FROM s4)
                """;

        assertThat(refs(sql)).containsExactly("FROM:s1", "FROM:t", "FROM:s2", "FROM:s3", "FROM:s4");
    }

    @Test
    void inFollowedByTableNameReadsThatTable() {
        assertThat(refs("SELECT * FROM t WHERE a IN allowed AND b NOT IN ws.banned AND c GLOBAL IN g "
                + "AND d GLOBAL NOT IN gn")).containsExactly("FROM:t", "FROM:allowed", "FROM:ws.banned", "FROM:g",
                "FROM:gn");
    }

    @Test
    void inFollowedByNameAloneInParenthesesReadsThatTable() {
        assertThat(refs("SELECT * FROM t WHERE a IN (allowed) AND b NOT IN (ws.banned) AND c IN (x, y) AND d IN (f(x))"))
                .containsExactly("FROM:t", "FROM:allowed", "FROM:ws.banned");
    }

    @Test
    void inFollowedByValuesTemplateOrFunctionIsNotATable() {
        assertThat(refs("%\nSELECT * FROM t WHERE a IN (1, 2) AND b IN {{ Array(bs, 'Int32') }} AND c IN tuple(1, 2)"
                + " AND d IN ['x'] AND e IN NULL")).containsExactly("FROM:t");
    }

    @Test
    void positionInIsNotATableIn() {
        assertThat(refs("SELECT position('a' IN haystack) FROM t")).containsExactly("FROM:t");
    }

    @Test
    void setOperations() {
        assertThat(refs("SELECT a FROM t1 UNION ALL SELECT a FROM t2 UNION DISTINCT SELECT a FROM t3 "
                + "INTERSECT SELECT a FROM t4 EXCEPT SELECT a FROM t5"))
                .containsExactly("FROM:t1", "FROM:t2", "FROM:t3", "FROM:t4", "FROM:t5");
    }

    @Test
    void cteNameIsExcludedEverywhereInScopeIncludingNested() {
        String sql = """
                WITH recent AS (SELECT * FROM events WHERE ts > now() - 3600),
                     per_user AS (SELECT user, count() c FROM recent GROUP BY user)
                SELECT * FROM per_user
                JOIN (SELECT user FROM recent) r USING user
                WHERE user IN (SELECT user FROM (SELECT user FROM recent)) AND user IN per_user
                UNION ALL SELECT * FROM recent
                """;

        assertThat(refs(sql)).containsExactly("FROM:events");
    }

    @Test
    void cteNameIsATableOutsideTheParenthesesDeclaringIt() {
        assertThat(refs("SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x) JOIN x ON 1"))
                .containsExactly("FROM:x");
    }

    @Test
    void qualifiedNameIsNeverACte() {
        assertThat(refs("WITH events AS (SELECT 1) SELECT * FROM db.events")).containsExactly("FROM:db.events");
    }

    @Test
    void nonRecursiveCteBodyReadsTheTableOfTheSameName() {
        assertThat(refs("WITH events AS (SELECT * FROM events WHERE x) SELECT * FROM events"))
                .containsExactly("FROM:events");
        assertThat(refs("WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r")).isEmpty();
    }

    @Test
    void withExpressionAliasIsNotATable() {
        String sql = """
                WITH toDate(now()) AS today, (SELECT max(d) FROM days) AS last_day, [1, 2] AS ids
                SELECT * FROM t WHERE d = today AND id IN ids
                """;

        assertThat(refs(sql)).containsExactly("FROM:days", "FROM:t");
    }

    @Test
    void withTotalsAndWithFillAreNotWithClauses() {
        assertThat(refs("SELECT a, count() FROM t GROUP BY a WITH TOTALS ORDER BY a WITH FILL"))
                .containsExactly("FROM:t");
    }

    @Test
    void arrayJoinIsNotATable() {
        assertThat(refs("SELECT * FROM t ARRAY JOIN tags AS tag, ids AS id LEFT ARRAY JOIN more JOIN u ON 1"))
                .containsExactly("FROM:t", "FROM:u");
    }

    @Test
    void tableModifiersAndAliases() {
        assertThat(refs("SELECT * FROM a FINAL AS x SAMPLE 0.1 OFFSET 0.5, b y PREWHERE x.k = 1 WHERE y.k = 2"))
                .containsExactly("FROM:a", "FROM:b");
    }

    @Test
    void tableFunctionsAreIgnored() {
        String sql = """
                SELECT * FROM numbers(10)
                JOIN file('x.csv', CSV) ON 1
                JOIN url('https://a/b', JSONEachRow) ON 1
                JOIN s3('s3://b/*.parquet', {{ tb_secret('k') }}) ON 1
                JOIN iceberg('s3://b/t') ON 1
                JOIN generateRandom('a UInt8') ON 1
                JOIN format(JSONEachRow, '{"a": 1}') ON 1, real
                """;

        assertThat(refs(sql)).containsExactly("FROM:real");
    }

    @Test
    void argumentsOfClusterAndRemoteAreNotTables() {
        assertThat(refs("SELECT * FROM remote('host:9000', db.t) JOIN cluster('c', db, t2) ON 1 "
                + "JOIN remote('h', 'db', 't3') ON 1")).isEmpty();
    }

    @Test
    void subqueryInsideTableFunctionIsScanned() {
        assertThat(refs("SELECT * FROM view(SELECT * FROM inner_t)")).containsExactly("FROM:inner_t");
    }

    @Test
    void joinGetLiteral() {
        assertThat(SqlTableScanner.scan("SELECT joinGet('products_join', 'color', id), joinGetOrNull('ws.j', 'c', id)"))
                .extracting(TableReference::kind, TableReference::database, TableReference::name)
                .containsExactly(
                        tuple(TableReference.Kind.JOIN_GET, null, "products_join"),
                        tuple(TableReference.Kind.JOIN_GET, "ws", "j"));
    }

    @Test
    void dictGetFamilyLiteral() {
        assertThat(refs("SELECT dictGet('d1', 'a', k), dictGetString('db.d2', 'a', k), "
                + "dictGetOrDefault('d3', 'a', k, ''), dictGetOrNull('d4', 'a', k), dictHas('d5', k), "
                + "dictGetHierarchy('d6', k), DICTGET('d7', 'a', k) FROM t")).containsExactly(
                "DICT_GET:d1", "DICT_GET:db.d2", "DICT_GET:d3", "DICT_GET:d4", "DICT_GET:d5", "DICT_GET:d6",
                "DICT_GET:d7", "FROM:t");
    }

    @Test
    void joinGetWithoutLiteralFirstArgumentIsIgnored() {
        assertThat(refs("%\nSELECT joinGet(name_col, 'c', k), joinGet({{ String(j) }}, 'c', k), "
                + "joinGet('a' || 'b', 'c', k)")).isEmpty();
    }

    @Test
    void templateTableLiteral() {
        assertThat(refs("%\nSELECT * FROM {{ table('events') }} JOIN {{ TABLE(\"ws.users\") }} ON 1"))
                .containsExactly("TEMPLATE_TABLE:events", "TEMPLATE_TABLE:ws.users");
    }

    @Test
    void templateTableInStatement() {
        assertThat(refs("%\n{% set t = table('events') %}\nSELECT * FROM {{ t }}"))
                .containsExactly("TEMPLATE_TABLE:events");
    }

    @Test
    void templateWhereTableIsExpectedYieldsNothingUnlessLiteralTableCall() {
        assertThat(refs("%\nSELECT * FROM {{ table(t) }} AS x, {{ symbol(s) }} y JOIN {{ columns(c) }} z ON 1"))
                .isEmpty();
    }

    @Test
    void attributeCalledTableAndStringsMentioningTableAreNotTheHelper() {
        assertThat(refs("%\nSELECT {{ x.table('a') }}, {{ \"table('b')\" }} FROM t")).containsExactly("FROM:t");
    }

    @Test
    void tablesInAllTemplateBranchesAreReported() {
        String sql = """
                %
                {% if defined(raw) %}
                  SELECT * FROM raw_events
                {% elif defined(hourly) %}
                  SELECT * FROM hourly_events
                {% else %}
                  SELECT * FROM daily_events
                {% end %}
                """;

        assertThat(refs(sql)).containsExactly("FROM:raw_events", "FROM:hourly_events", "FROM:daily_events");
    }

    @Test
    void templateBranchesInsideTheTablePosition() {
        String sql = """
                %
                SELECT * FROM {% if defined(x) %} t1 {% else %} t2 {% end %} AS t
                JOIN {% if a %} u1 {% end %} ON 1
                WHERE 1 {% if b %} AND k IN (SELECT k FROM v) {% end %}
                """;

        assertThat(refs(sql)).containsExactly("FROM:t1", "FROM:t2", "FROM:u1", "FROM:v");
    }

    @Test
    void branchesMayEachOpenAParenthesisClosedAfterTheBlock() {
        String sql = """
                %
                SELECT * FROM t WHERE 1
                {% if a %} AND (x = 1 {% else %} AND (y IN (SELECT y FROM u) {% end %} OR z)
                """;

        assertThat(refs(sql)).containsExactly("FROM:t", "FROM:u");
    }

    @Test
    void stringLiteralContainingFromIsIgnored() {
        assertThat(refs("SELECT 'FROM x JOIN y' AS s, $$FROM z$$ FROM t")).containsExactly("FROM:t");
    }

    @Test
    void commentContainingJoinIsIgnored() {
        assertThat(refs("SELECT * FROM t -- JOIN y ON 1\n/* JOIN z ON 1 */ # JOIN w\nWHERE 1"))
                .containsExactly("FROM:t");
    }

    @Test
    void templateRegionInCommentIsStillRendered() {
        assertThat(refs("%\nSELECT * FROM t -- {{ table('x') }}")).containsExactly("FROM:t", "TEMPLATE_TABLE:x");
    }

    @Test
    void lambdasCaseTupleAccessAndColumnReferencesAreNotTables() {
        String sql = """
                SELECT arrayMap(x -> x.1, pairs) AS firsts,
                       CASE WHEN t.a = 1 THEN 'one' ELSE 'other' END AS label,
                       tup.2, db.t.col, arrayFilter((k, v) -> v > 0, ks, vs)
                FROM t
                """;

        assertThat(refs(sql)).containsExactly("FROM:t");
    }

    @Test
    void fromInsideSqlStandardFunctionsIsNotATable() {
        assertThat(refs("SELECT EXTRACT(DAY FROM ts), trim(BOTH ' ' FROM s), substring(s FROM 2 FOR 3) FROM t"))
                .containsExactly("FROM:t");
    }

    @Test
    void stringLiteralInTablePositionIsATableName() {
        assertThat(refs("SELECT * FROM 'events'")).containsExactly("FROM:events");
    }

    @Test
    void queryParameterInTablePositionIsNotATable() {
        assertThat(refs("SELECT * FROM {tbl:Identifier} AS x, u")).containsExactly("FROM:u");
    }

    @Test
    void fromFirstQuery() {
        assertThat(refs("FROM t SELECT a")).containsExactly("FROM:t");
    }

    @Test
    void deduplicatedPerNameAndKindInOrderOfFirstAppearance() {
        List<TableReference> references = SqlTableScanner.scan(
                "SELECT joinGet('b', 'c', k) FROM b\nJOIN a ON 1 JOIN b ON 1 WHERE x IN a");

        assertThat(references)
                .extracting(TableReference::kind, TableReference::name, TableReference::line, TableReference::column)
                .containsExactly(
                        tuple(TableReference.Kind.JOIN_GET, "b", 1, 16),
                        tuple(TableReference.Kind.FROM, "b", 1, 34),
                        tuple(TableReference.Kind.FROM, "a", 2, 6));
    }

    @Test
    void positionsOfQualifiedAndTemplateReferences() {
        List<TableReference> references = SqlTableScanner.scan("%\nSELECT *\n  FROM ws.t JOIN {{\n  table('u') }} ON 1");

        assertThat(references).extracting(TableReference::line, TableReference::column)
                .containsExactly(tuple(3, 8), tuple(4, 9));
    }

    @Test
    void nodeNamesAreReportedLikeAnyTable() {
        assertThat(refs("SELECT date, sum(price) FROM only_buy_events GROUP BY date"))
                .containsExactly("FROM:only_buy_events");
    }

    @Test
    void unbalancedClosingParenthesisIsReportedWhereItIs() {
        assertThatThrownBy(() -> SqlTableScanner.scan("SELECT f(a))\nFROM t"))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("1:12: unbalanced ')': no '(' to close");
    }

    @Test
    void unclosedParenthesisIsReportedWhereItOpens() {
        assertThatThrownBy(() -> SqlTableScanner.scan("SELECT *\nFROM (SELECT f(a FROM t)"))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("2:6: unclosed '('");
    }

    @Test
    void parenthesesInStringsCommentsAndTemplatesDoNotCount() {
        assertThat(refs("%\nSELECT ')', \"(\", `(` -- (\n/* ( */ {{ f('(') }} {# ) #} FROM t")).containsExactly("FROM:t");
    }

    @Test
    void lexicalErrorsPropagate() {
        assertThatThrownBy(() -> SqlTableScanner.scan("SELECT * FROM t WHERE a = 'x"))
                .isInstanceOf(SyntaxException.class)
                .hasMessage("1:27: unterminated string literal");
    }
}

package org.tinybirdmaven.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.Ids;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.http.ApiException;

/** The compiler on pipes built in memory, checked by running what it produces on chDB. */
class QueryCompilerTest {

    private static QueryFixtures.Workspace ws;

    @BeforeAll
    static void data() {
        ws = QueryFixtures.newWorkspace();
        ws.datasource("sales", "d Date, product String, price Float64, action String");
        ws.insert("sales", "('2024-01-01', 'a', 1, 'buy'), ('2024-01-01', 'b', 0, 'buy'),"
                + " ('2024-01-02', 'a', 3, 'buy'), ('2024-01-02', 'c', 5, 'view')");
    }

    private static NodeRecord node(String name, String sql, String type) {
        return new NodeRecord(Ids.resourceId(), name, sql, null, type, Map.of(), Ids.now(), Ids.now(), null);
    }

    private static PipeRecord pipe(String name, NodeRecord... nodes) {
        return new PipeRecord(Ids.resourceId(), name, null, List.of(nodes), Ids.now(), Ids.now());
    }

    private static WorkspaceView view(PipeRecord... pipes) {
        WorkspaceView view = WorkspaceView.of(QueryFixtures.server().services().catalog(), ws.record());
        for (PipeRecord pipe : pipes) {
            view = view.withPipe(pipe, null);
        }
        return view;
    }

    private static String run(String sql) {
        return QueryFixtures.server().services().clickHouse().query(sql, "TSV").text();
    }

    @Test
    void nodesReadEarlierNodesAndOtherPipes() {
        PipeRecord prices = pipe("prices",
                node("n0", "SELECT product, max(price) AS top FROM sales GROUP BY product", "standard"),
                node("out", "SELECT * FROM n0", "endpoint"));
        PipeRecord report = pipe("report",
                node("n0", "SELECT * FROM sales WHERE action = 'buy'", "standard"),
                node("n1", "SELECT n0.product AS product, count() AS c FROM n0 WHERE n0.price > 0 GROUP BY product",
                        "standard"),
                node("n2", "-- totals with the other pipe\nSELECT n1.product, c, p.top FROM n1"
                        + " JOIN prices AS p ON p.product = n1.product ORDER BY n1.product -- trailing comment",
                        "endpoint"));
        String sql = new QueryCompiler(view(prices, report), Map.of(), false).compileNode(report, 2);
        assertThat(run(sql)).isEqualTo("a\t2\t3\n");
        assertThat(sql).contains(ws.database() + ".sales");
    }

    @Test
    void aNodeWithItsOwnWithClauseKeepsIt() {
        PipeRecord pipe = pipe("own_with",
                node("n0", "SELECT product FROM sales", "standard"),
                node("n1", "WITH 2 AS two, x AS (SELECT product FROM n0 WHERE product != 'b')"
                        + " SELECT count() * two FROM x", "endpoint"));
        assertThat(run(new QueryCompiler(view(pipe), Map.of(), false).compileNode(pipe, 1))).isEqualTo("6\n");
    }

    @Test
    void userQueriesSeeTheGivenNames() {
        PipeRecord pipe = pipe("named", node("n0", "SELECT product FROM sales WHERE price > 2", "endpoint"));
        QueryCompiler compiler = new QueryCompiler(view(pipe), Map.of(), false);
        QueryCompiler.Compiled compiled = compiler.compileQuery("SELECT count() FROM _ UNION ALL"
                + " SELECT count() FROM named", Map.of("_", new QueryCompiler.PipeSource(pipe)));
        assertThat(run(compiled.sql())).isEqualTo("2\n2\n");
        assertThat(compiled.pipes()).containsExactly("named");
        assertThat(compiled.datasources()).isEmpty();
    }

    @Test
    void materializedViewsOverCompiledNodesKeepFiring() {
        ws.datasource("mv_sales", "d Date, product String, price Float64, action String");
        PipeRecord pipe = pipe("mv_pipe",
                node("buys", "SELECT * FROM mv_sales WHERE action = 'buy'", "standard"),
                node("agg", "SELECT d, count() AS c FROM buys GROUP BY d", "materialized"));
        String select = new QueryCompiler(view(pipe), Map.of(), false).compileNode(pipe, 1);
        String target = ClickHouse.table(ws.database(), "mv_target");
        QueryFixtures.sql("CREATE TABLE " + target + " (d Date, c UInt64) ENGINE = SummingMergeTree ORDER BY d");
        QueryFixtures.sql("CREATE MATERIALIZED VIEW " + ClickHouse.table(ws.database(), "mv_view") + " TO " + target
                + " AS " + select);
        ws.insert("mv_sales", "('2024-02-01', 'z', 1, 'buy'), ('2024-02-01', 'y', 1, 'view')");
        assertThat(run("SELECT d, sum(c) FROM " + target + " GROUP BY d")).isEqualTo("2024-02-01\t1\n");
    }

    @Test
    void referencesThatCannotBeResolvedAreErrorsNamingTheNode() {
        PipeRecord broken = pipe("broken", node("n0", "SELECT * FROM missing_table", "endpoint"));
        assertThatThrownBy(() -> new QueryCompiler(view(broken), Map.of(), false).compileNode(broken, 0))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Resource 'missing_table' not found (in node 'n0' from"
                            + " pipe 'broken')");
                });
        PipeRecord later = pipe("later", node("n0", "SELECT * FROM n1", "standard"),
                node("n1", "SELECT 1", "endpoint"));
        assertThatThrownBy(() -> new QueryCompiler(view(later), Map.of(), false).compileNode(later, 0))
                .hasMessage("Resource 'n1' not found (in node 'n0' from pipe 'later')");
        PipeRecord unpublished = pipe("unpublished", node("n0", "SELECT 1", "standard"));
        assertThatThrownBy(() -> new QueryCompiler(view(unpublished), Map.of(), false)
                .compileQuery("SELECT * FROM unpublished", Map.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("The pipe 'unpublished' does not have an endpoint yet");
                });
    }

    @Test
    void pipesReadingEachOtherAreACycle() {
        PipeRecord a = pipe("cycle_a", node("n", "SELECT * FROM cycle_b", "endpoint"));
        PipeRecord b = pipe("cycle_b", node("n", "SELECT * FROM cycle_a", "endpoint"));
        assertThatThrownBy(() -> new QueryCompiler(view(a, b), Map.of(), false).compileNode(a, 0))
                .hasMessage("Circular pipe reference: cycle_a -> cycle_b -> cycle_a (in node 'n' from pipe"
                        + " 'cycle_b')");
    }
}

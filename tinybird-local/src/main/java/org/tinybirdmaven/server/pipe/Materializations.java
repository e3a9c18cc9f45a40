package org.tinybirdmaven.server.pipe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.query.QueryRunner;

/**
 * The ClickHouse materialized views behind materialized nodes: {@code CREATE MATERIALIZED VIEW <db>.<view> TO
 * <db>.<target> AS <compiled node>}, so every later insert into the source datasource is materialized by ClickHouse
 * itself.
 *
 * <p>A view is named {@code __mv_<node id>_<hash of target and compiled SQL>}: the leading underscore keeps it apart
 * from datasource names (which start with a letter), and the hash changes whenever what the view does changes (its own
 * SQL, an earlier node, a pipe it reads). Saving a pipe therefore creates the views it needs that do not exist yet and
 * drops the node's other views afterwards, without ever re-creating a name it just dropped. Views are dropped without
 * {@code SYNC}, which does not return in this chDB build.
 */
final class Materializations {

    static final String PREFIX = "__mv_";

    private final ClickHouse clickHouse;

    Materializations(ClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    static String viewName(NodeRecord node, String target, String sql) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((target + "\n" + sql).getBytes(StandardCharsets.UTF_8));
            return PREFIX + node.id() + "_" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Whether {@code view} exists in {@code database}. */
    boolean exists(String database, String view) {
        return !clickHouse.query("SELECT 1 FROM system.tables WHERE database = " + ClickHouse.string(database)
                + " AND name = " + ClickHouse.string(view), "TSV").text().isEmpty();
    }

    void create(String database, String view, String target, String sql, String suffix) {
        try {
            clickHouse.execute("CREATE MATERIALIZED VIEW " + ClickHouse.table(database, view) + " TO "
                    + ClickHouse.table(database, target) + " AS\n" + sql);
        } catch (ChdbException e) {
            throw ApiException.badRequest(QueryRunner.clickHouseMessage(e, database) + suffix);
        }
    }

    /** The table whose inserts trigger {@code view} (the datasource a populate condition applies to), or null. */
    String source(String database, String view) {
        String name = clickHouse.query("SELECT name FROM system.tables WHERE database = " + ClickHouse.string(database)
                + " AND has(dependencies_table, " + ClickHouse.string(view) + ") LIMIT 1", "TSV").text().strip();
        return name.isEmpty() ? null : name;
    }

    /** Drops every view of {@code nodes} except those in {@code keep}. */
    void dropAllBut(String database, List<NodeRecord> nodes, Set<String> keep) {
        if (nodes.isEmpty()) {
            return;
        }
        String prefixes = nodes.stream().map(node -> "startsWith(name, " + ClickHouse.string(PREFIX + node.id() + "_")
                + ")").collect(Collectors.joining(" OR "));
        String views = clickHouse.query("SELECT name FROM system.tables WHERE database = "
                + ClickHouse.string(database) + " AND (" + prefixes + ")", "TSV").text();
        for (String view : views.split("\n")) {
            if (!view.isEmpty() && !keep.contains(view)) {
                clickHouse.execute("DROP VIEW IF EXISTS " + ClickHouse.table(database, view));
            }
        }
    }
}

package org.tinybirdmaven.server;

import org.tinybirdmaven.chdb.ChdbEngine;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.chdb.QueryResult;

/** The SQL side of the server: runs statements on chDB and quotes names and values for ClickHouse. */
public final class ClickHouse {

    private final ChdbEngine engine;

    public ClickHouse(ChdbEngine engine) {
        this.engine = engine;
    }

    public ChdbEngine engine() {
        return engine;
    }

    /** Runs a statement whose output is not needed (DDL, INSERT). */
    public void execute(String sql) throws ChdbException {
        engine.query(sql, "TabSeparated");
    }

    public QueryResult query(String sql, String format) throws ChdbException {
        return engine.query(sql, format);
    }

    /** {@code `name`} with backquotes and backslashes escaped. */
    public static String identifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** {@code `database`.`table`}. */
    public static String table(String database, String table) {
        return identifier(database) + "." + identifier(table);
    }

    /** A single-quoted string literal. */
    public static String string(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

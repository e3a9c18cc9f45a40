package org.tinybirdmaven.chdb;

import java.nio.charset.StandardCharsets;

/**
 * The output of one query, copied out of chDB's buffer, with the engine's statistics.
 *
 * @param data the formatted output; empty for DDL and INSERT. Not copied again: do not modify it.
 * @param elapsedSeconds engine time for the query
 * @param rowsRead rows in the result (for SELECT) as chDB reports them
 * @param bytesRead bytes of the result as chDB reports them
 * @param rowsWritten rows inserted, including rows written by materialized views
 * @param bytesWritten bytes inserted, including bytes written by materialized views
 */
public record QueryResult(byte[] data, double elapsedSeconds, long rowsRead, long bytesRead, long rowsWritten,
                          long bytesWritten) {

    /** The output decoded as UTF-8, which is what ClickHouse's text formats produce. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "QueryResult[" + data.length + " bytes, elapsed=" + elapsedSeconds + "s, rowsRead=" + rowsRead
                + ", bytesRead=" + bytesRead + ", rowsWritten=" + rowsWritten + ", bytesWritten=" + bytesWritten + "]";
    }
}

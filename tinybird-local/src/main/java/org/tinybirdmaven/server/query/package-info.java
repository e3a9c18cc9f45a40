/**
 * The Query API ({@code /v0/sql}, {@code /v0/sql_tables}) and what every query of the server goes through.
 *
 * <p>{@link org.tinybirdmaven.server.query.QueryCompiler} turns the SQL users write into SQL for the workspace's
 * ClickHouse database: datasources are qualified with the database, earlier nodes and other pipes' endpoints become
 * common table expressions (a materialized view over that form keeps firing on inserts into the innermost
 * datasource), and only {@code tinybird.*} service datasources and the {@code system.numbers}-style generators may be
 * named with a database. Together with {@code SqlGuard} (one read-only {@code SELECT}, no table functions that reach
 * other databases, files or the network, no {@code INTO OUTFILE}) this keeps each workspace's queries inside its own
 * database.
 *
 * <p>Choices where Tinybird's behaviour is not documented, taken from Tinybird's own server tests where they exist:
 * <ul>
 *   <li>64-bit integers are JSON numbers (Tinybird answers {@code "number": 0} for a {@code UInt64}); the request
 *       option {@code output_format_json_quote_64bit_integers=1} quotes them.</li>
 *   <li>Results are buffered rather than streamed, so that a ClickHouse error is still a 400 and the
 *       {@code X-TB-Statistics} header can be sent.</li>
 *   <li>A table that does not exist is 403 {@code Resource 'x' not found} in the Query API (also when a pipe or
 *       pipeline node it reads names it) and 400 with the node named when a pipe is saved or its endpoint called.</li>
 *   <li>ClickHouse's messages are shown as {@code [Error] <message>} with the workspace database removed.</li>
 *   <li>Without {@code FORMAT} a query answers ClickHouse's {@code TabSeparated} text.</li>
 * </ul>
 */
package org.tinybirdmaven.server.query;

/**
 * The Data Sources API of the local server (classic v0, spec §4) on chDB.
 *
 * <p>A datasource is a catalog record ({@link org.tinybirdmaven.server.catalog.DatasourceRecord}: its schema in
 * Tinybird's syntax, engine settings, indexes) plus the ClickHouse table {@code <workspace db>.<name>}; rows that do
 * not fit go to {@code <name>_quarantine} ({@code c__error_column}, {@code c__error}, {@code c__import_id}, the
 * columns as {@code Nullable(String)}, {@code insertion_date}). Definitions are parsed and validated with
 * tinybird-core's datafile grammar ({@code SchemaParser}, {@code Engine}, {@code IndexesParser}).
 *
 * <p>Behaviours chosen where the spec is silent:
 * <ul>
 *   <li>Uploads (multipart part or raw body) stream to {@code <data dir>/uploads} and ClickHouse reads them with
 *       {@code file()}; gzip is detected by its magic bytes. Raw bodies keep Tinybird's limits (Content-Length
 *       required, 8 MB at most); multipart ones have none.</li>
 *   <li>CSV: the first row is a header when all its fields are column names (then columns map by name, missing ones
 *       take their default); otherwise fields map by position. Blank lines are skipped, a row with more fields than
 *       columns is an invalid line, a shorter row leaves the last columns missing. The delimiter is
 *       {@code dialect_delimiter} or guessed from the first row.</li>
 *   <li>Missing values (missing JSON key, JSON null, empty CSV field of a non-string column) take the column's
 *       DEFAULT, else NULL when Nullable, else the row is quarantined (Tinybird's strict NDJSON rule, applied to
 *       CSV too); a non-nullable CSV string column takes an empty field as {@code ''}.</li>
 *   <li>NDJSON values must have the JSON type of the column (numbers for numeric columns, strings or epoch numbers
 *       for dates, strings for UUIDs and enums) as in Tinybird; a {@code String} column also takes objects and arrays
 *       as their JSON text. Invalid JSON lines are quarantined with Tinybird's message; NDJSON imports report no
 *       invalid lines.</li>
 *   <li>An import with rows in quarantine, invalid lines or a ClickHouse error answers 400 with the summary (§4.4);
 *       good rows are appended anyway. A replace is all or nothing: it only swaps the new rows in when the whole file
 *       imported, and an empty file replaces nothing unless {@code replace_truncate_when_empty=true}.</li>
 *   <li>Replaced rows do not go through the materialized views reading the datasource (the swap is an
 *       {@code EXCHANGE TABLES}); appended rows do.</li>
 *   <li>CSV appends to a missing datasource create it with ClickHouse's schema inference ({@code column_00} ...
 *       names without a header); the Events API guesses NDJSON schemas itself (see {@code SchemaGuess}).</li>
 *   <li>Deleting a datasource that materialized nodes write into or read from needs {@code force=true}; the pipes'
 *       materialized views are left to the pipes API.</li>
 * </ul>
 */
package org.tinybirdmaven.server.datasource;

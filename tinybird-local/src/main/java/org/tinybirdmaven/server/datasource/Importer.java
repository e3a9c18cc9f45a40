package org.tinybirdmaven.server.datasource;

import static org.tinybirdmaven.server.ClickHouse.identifier;
import static org.tinybirdmaven.server.ClickHouse.string;
import static org.tinybirdmaven.server.ClickHouse.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.schema.Column;
import org.tinybirdmaven.schema.SchemaParser;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.http.ApiException;

/**
 * Loads an upload into a datasource through chDB, reading the file with ClickHouse's {@code file()} table function:
 * good rows go to the datasource's table (a plain {@code INSERT … SELECT}, so materialized views attached to it
 * fire), bad rows to its quarantine table.
 *
 * <p>A replace loads a staging copy of the table ({@code CREATE TABLE … AS}) and swaps it in with
 * {@code EXCHANGE TABLES}, which is atomic; materialized views follow the table by name, so they keep reading from
 * and writing to the swapped-in table. The swap only happens when every row of the file was imported: with rows in
 * quarantine, invalid lines or an error the datasource keeps its data (quarantined rows are still recorded).
 */
final class Importer {

    /** The file formats of an import. */
    enum Format {
        CSV, NDJSON, PARQUET;

        static Format of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What an import did.
     *
     * @param errors ClickHouse errors that stopped the import (nothing was imported then)
     */
    record Result(long successfulRows, long quarantinedRows, long invalidLines, List<String> errors) {

        static final Result EMPTY = new Result(0, 0, 0, List.of());

        boolean complete() {
            return quarantinedRows == 0 && invalidLines == 0 && errors.isEmpty();
        }

        boolean nothing() {
            return successfulRows == 0 && quarantinedRows == 0 && invalidLines == 0 && errors.isEmpty();
        }
    }

    private final Datasources datasources;

    Importer(Datasources datasources) {
        this.datasources = datasources;
    }

    /** Appends the rows of {@code upload} to the datasource. */
    Result append(WorkspaceRecord workspace, DatasourceRecord datasource, Upload upload, Format format,
                  Character delimiter, String importId) {
        return TableLocks.withLock(workspace.database, datasource.name(), () -> run(workspace.database, datasource,
                datasource.name(), plan(datasource, upload, format, delimiter), importId));
    }

    /**
     * Replaces the datasource's rows with those of {@code upload}, or, with a {@code condition}, only the rows that
     * match it (rows of the file that do not match are dropped). A file without rows replaces nothing unless
     * {@code truncateWhenEmpty}.
     */
    Result replace(WorkspaceRecord workspace, DatasourceRecord datasource, Upload upload, Format format,
                   Character delimiter, String importId, String condition, boolean truncateWhenEmpty) {
        String database = workspace.database;
        return TableLocks.withLock(database, datasource.name(), () -> {
            String staging = datasource.name() + "__staging_" + UUID.randomUUID().toString().substring(0, 8);
            String target = table(database, datasource.name());
            datasources.execute("CREATE TABLE " + table(database, staging) + " AS " + target);
            try {
                Result result = upload == null || upload.isEmpty() ? Result.EMPTY
                        : run(database, datasource, staging, plan(datasource, upload, format, delimiter), importId);
                if (!result.complete()) {
                    return result;
                }
                if (result.nothing() && !truncateWhenEmpty) {
                    return result;
                }
                if (condition != null) {
                    keepOtherRows(database, staging, target, condition);
                }
                datasources.execute("EXCHANGE TABLES " + target + " AND " + table(database, staging));
                return result;
            } finally {
                // After the exchange this drops the old rows; plain DROP, DROP … SYNC hangs in this chDB build.
                datasources.execute("DROP TABLE IF EXISTS " + table(database, staging));
            }
        });
    }

    /** A partial replace: only the new rows matching the condition, and every current row that does not match. */
    private void keepOtherRows(String database, String staging, String target, String condition) {
        try {
            datasources.clickHouse().execute("DELETE FROM " + table(database, staging) + " WHERE NOT (" + condition
                    + ")");
            datasources.clickHouse().execute("INSERT INTO " + table(database, staging) + " SELECT * FROM " + target
                    + " WHERE NOT (" + condition + ")");
        } catch (ChdbException e) {
            throw ApiException.badRequest("Failed to apply replace_condition='" + condition + "': " + e.getMessage());
        }
    }

    private static ImportPlan plan(DatasourceRecord datasource, Upload upload, Format format, Character delimiter) {
        List<Column> columns = SchemaParser.parse(datasource.schema());
        return switch (format) {
            case CSV -> ImportPlan.csv(upload, columns, CsvDialect.detect(upload, columns, delimiter));
            case NDJSON -> ImportPlan.json(upload, columns, false);
            case PARQUET -> ImportPlan.json(upload, columns, true);
        };
    }

    private Result run(String database, DatasourceRecord datasource, String targetTable, ImportPlan plan,
                       String importId) {
        String from = " FROM (" + plan.base() + ")";
        String settings = " SETTINGS " + plan.settings();
        JsonNode counts;
        try {
            counts = datasources.queryJsonOrThrow("SELECT countIf(NOT __tb_invalid AND empty(__tb_errors)) AS good, "
                    + "countIf(NOT __tb_invalid AND notEmpty(__tb_errors)) AS bad, countIf(__tb_invalid) AS invalid"
                    + from + settings).get(0);
        } catch (ChdbException e) {
            return new Result(0, 0, 0, List.of(e.getMessage()));
        }
        long good = counts.get("good").asLong();
        long bad = counts.get("bad").asLong();
        long invalid = counts.get("invalid").asLong();
        try {
            if (good > 0) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < plan.insertColumns().size(); i++) {
                    values.add(plan.insertValues().get(i) + " AS " + plan.insertColumns().get(i));
                }
                datasources.clickHouse().execute("INSERT INTO " + table(database, targetTable) + " ("
                        + String.join(", ", plan.insertColumns()) + ") SELECT " + String.join(", ", values) + from
                        + " WHERE NOT __tb_invalid AND empty(__tb_errors)" + settings);
            }
            if (bad > 0) {
                String quarantine = ensureQuarantine(database, datasource);
                datasources.clickHouse().execute("INSERT INTO " + table(database, quarantine)
                        + " (c__error_column, c__error, c__import_id, " + String.join(", ", plan.quarantineColumns())
                        + ", insertion_date) SELECT __tb_error_columns, __tb_errors, " + string(importId) + ", "
                        + String.join(", ", plan.quarantineValues()) + ", now()" + from
                        + " WHERE NOT __tb_invalid AND notEmpty(__tb_errors)" + settings);
            }
        } catch (ChdbException e) {
            return new Result(0, 0, 0, List.of(e.getMessage()));
        }
        return new Result(good, bad, invalid, List.of());
    }

    /**
     * Creates the quarantine table of a datasource, or adds the columns it lacks (added to the datasource since):
     * {@code c__error_column}, {@code c__error}, {@code c__import_id}, every column as Nullable(String), and
     * {@code insertion_date}, as in Tinybird.
     */
    String ensureQuarantine(String database, DatasourceRecord datasource) {
        String name = Datasources.quarantineTable(datasource.name());
        List<Column> columns = SchemaParser.parse(datasource.schema());
        List<String> definitions = new ArrayList<>(List.of("c__error_column Array(String)", "c__error Array(String)",
                "c__import_id Nullable(String)"));
        columns.forEach(column -> definitions.add(identifier(column.name()) + " Nullable(String)"));
        definitions.add("insertion_date DateTime");
        datasources.execute("CREATE TABLE IF NOT EXISTS " + table(database, name) + " (" + String.join(", ",
                definitions) + ") ENGINE = MergeTree ORDER BY insertion_date");
        Set<String> existing = new HashSet<>();
        datasources.queryJson("SELECT name FROM system.columns WHERE database = " + string(database)
                + " AND table = " + string(name)).forEach(row -> existing.add(row.get("name").asText()));
        List<String> missing = columns.stream().filter(column -> !existing.contains(column.name()))
                .map(column -> "ADD COLUMN " + identifier(column.name()) + " Nullable(String)").toList();
        if (!missing.isEmpty()) {
            datasources.execute("ALTER TABLE " + table(database, name) + " " + String.join(", ", missing));
        }
        return name;
    }
}

package org.tinybirdmaven.server.pipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.chdb.QueryResult;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.catalog.DatasourceRecord;
import org.tinybirdmaven.server.catalog.NodeRecord;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.job.Job;
import org.tinybirdmaven.server.job.Jobs;
import org.tinybirdmaven.server.query.QueryRunner;

/**
 * Copy pipes: the copy node's result inserted into its target datasource by a {@code copy} job, appended or replacing
 * the target's rows. A replacing copy first fills a staging table shaped like the target, so a failing query leaves
 * the target untouched; only then is the target emptied and refilled from the staging table.
 *
 * <p>Schedules ({@code copy_schedule}) are validated and kept for the pipe's JSON and export, but this server runs
 * copies only on demand ({@code POST /v0/pipes/{pipe}/copy}).
 */
final class CopyJobs {

    static final String ON_DEMAND = "@on-demand";
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,\\-A-Za-z]+");

    private final ClickHouse clickHouse;
    private final Jobs jobs;

    CopyJobs(ClickHouse clickHouse, Jobs jobs) {
        this.clickHouse = clickHouse;
        this.jobs = jobs;
    }

    /** The copy mode of a node: {@code mode} (what the CLI sends) or {@code copy_mode}, default {@code append}. */
    static String mode(NodeRecord node) {
        String mode = node.settings().getOrDefault("mode", node.settings().get("copy_mode"));
        return mode == null || mode.isBlank() ? "append" : mode.strip().toLowerCase(Locale.ROOT);
    }

    /** The schedule of a copy node: {@code copy_schedule} or {@code schedule_cron}, default {@code @on-demand}. */
    static String schedule(NodeRecord node) {
        String schedule = node.settings().getOrDefault("copy_schedule", node.settings().get("schedule_cron"));
        return schedule == null || schedule.isBlank() || schedule.equalsIgnoreCase("None") ? ON_DEMAND
                : schedule.strip();
    }

    /** Checks the mode and schedule of a copy node. */
    static void validate(NodeRecord node) {
        checkMode(mode(node));
        String schedule = schedule(node);
        if (schedule.equals(ON_DEMAND)) {
            return;
        }
        String[] fields = schedule.split("\\s+");
        boolean valid = fields.length == 5;
        for (String field : fields) {
            valid &= CRON_FIELD.matcher(field).matches();
        }
        if (!valid) {
            throw ApiException.badRequest("\"schedule_cron\" is invalid. \"" + schedule + "\" is not a valid crontab"
                    + " expression. Use a valid crontab expression or contact us at support@tinybird.co");
        }
    }

    static void checkMode(String mode) {
        if (!mode.equals("append") && !mode.equals("replace")) {
            throw ApiException.badRequest("Invalid mode \"" + mode + "\", valid modes are append, replace");
        }
    }

    /**
     * Queues a copy of the compiled node {@code sql} (output {@code columns}) into {@code target}.
     *
     * @param suffix names the node in error messages
     */
    Job submit(String workspaceId, String database, PipeRecord pipe, DatasourceRecord target, String mode, String sql,
               List<TargetDatasources.Column> columns, String suffix) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pipe_id", pipe.id());
        details.put("pipe_name", pipe.name());
        details.put("datasource", Map.of("id", target.id(), "name", target.name()));
        details.put("mode", mode);
        String names = columns.stream().map(c -> ClickHouse.identifier(c.name())).collect(Collectors.joining(", "));
        String select = "SELECT " + names + " FROM (\n" + sql + "\n)";
        String targetTable = ClickHouse.table(database, target.name());
        return jobs.submit("copy", workspaceId, details, job -> {
            try {
                QueryResult result = mode.equals("replace") ? replace(database, targetTable, names, select, job)
                        : clickHouse.query("INSERT INTO " + targetTable + " (" + names + ")\n" + select, "TSV");
                return Map.of("rows", result.rowsWritten());
            } catch (ChdbException e) {
                throw new IllegalStateException(QueryRunner.clickHouseMessage(e, database) + suffix, e);
            }
        });
    }

    private QueryResult replace(String database, String targetTable, String names, String select, Job job) {
        String staging = ClickHouse.table(database, "__copy_" + job.id().replace("-", ""));
        clickHouse.execute("CREATE TABLE " + staging + " AS " + targetTable);
        try {
            QueryResult result = clickHouse.query("INSERT INTO " + staging + " (" + names + ")\n" + select, "TSV");
            clickHouse.execute("TRUNCATE TABLE " + targetTable);
            clickHouse.execute("INSERT INTO " + targetTable + " SELECT * FROM " + staging);
            return result;
        } finally {
            // Never DROP … SYNC: it does not return in this chDB build.
            clickHouse.execute("DROP TABLE IF EXISTS " + staging);
        }
    }
}

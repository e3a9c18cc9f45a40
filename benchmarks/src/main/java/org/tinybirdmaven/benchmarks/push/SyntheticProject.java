package org.tinybirdmaven.benchmarks.push;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a data project of {@code size} datafiles whose dependency graph has {@code depth} levels, made of chains
 * like the ones real projects have:
 *
 * <pre>
 * level 0          events_k (landing datasource), daily_k (SummingMergeTree target)
 * level 1          mat_k (materialized pipe events_k → daily_k), step_k_1 (pipe reading daily_k)
 * level 2 … d-2    step_k_j (pipe reading step_k_{j-1})
 * level d-1        api_k (templated endpoint reading the last step)
 * </pre>
 *
 * A chain has {@code depth + 2} datafiles: 2 datasources, 1 materialized pipe, {@code depth - 2} pipes and 1
 * endpoint. The pipes have no {@code TYPE}, so a Classic push publishes their last node, as it does in real projects;
 * the endpoint has {@code TYPE endpoint} and a {@code TOKEN … READ} line. What is left of {@code size} after whole
 * chains are standalone datasources (level 0). Names are zero-padded so that files sort in chain order.
 */
public final class SyntheticProject {

    /** What was written. */
    public record Shape(int size, int depth, int chains, int datasources, int materializedPipes, int pipes,
                        int endpoints) {}

    private SyntheticProject() {}

    /** The smallest depth: landing and target datasources, the materialization and a pipe, the endpoint. */
    public static final int MIN_DEPTH = 3;

    public static Shape write(Path directory, int size, int depth) throws IOException {
        if (depth < MIN_DEPTH) {
            throw new IllegalArgumentException("depth must be at least " + MIN_DEPTH + ", got " + depth);
        }
        if (size < depth + 2) {
            throw new IllegalArgumentException("A project of depth " + depth + " needs at least " + (depth + 2)
                    + " datafiles (one chain), got " + size);
        }
        int chains = size / (depth + 2);
        int standalone = size - chains * (depth + 2);
        for (int k = 0; k < chains; k++) {
            writeChain(directory, String.format(Locale.ROOT, "%04d", k), depth);
        }
        for (int k = 0; k < standalone; k++) {
            write(directory, "datasources", String.format(Locale.ROOT, "extra_%04d.datasource", k), LANDING);
        }
        return new Shape(size, depth, chains, 2 * chains + standalone, chains, chains * (depth - 2), chains);
    }

    private static final String LANDING = """
            DESCRIPTION >
                Raw events, appended by the application.

            SCHEMA >
                `timestamp` DateTime `json:$.timestamp`,
                `user_id` UInt64 `json:$.user_id`,
                `event` LowCardinality(String) `json:$.event`,
                `amount` Float64 `json:$.amount`

            ENGINE "MergeTree"
            ENGINE_PARTITION_KEY "toYYYYMM(timestamp)"
            ENGINE_SORTING_KEY "timestamp, user_id"
            """;

    private static void writeChain(Path directory, String k, int depth) throws IOException {
        write(directory, "datasources", "events_" + k + ".datasource", LANDING);
        write(directory, "datasources", "daily_" + k + ".datasource", """
                SCHEMA >
                    `day` Date,
                    `event` LowCardinality(String),
                    `events` UInt64,
                    `revenue` Float64

                ENGINE "SummingMergeTree"
                ENGINE_SORTING_KEY "day, event"
                """);
        write(directory, "materializations", "mat_" + k + ".pipe", """
                NODE aggregate
                SQL >
                    SELECT toDate(timestamp) AS day, event, count() AS events, sum(amount) AS revenue
                    FROM events_%1$s
                    GROUP BY day, event

                TYPE materialized
                DATASOURCE daily_%1$s
                """.formatted(k));
        write(directory, "pipes", "step_" + k + "_1.pipe", """
                NODE totals
                SQL >
                    SELECT day, event, sum(events) AS events, sum(revenue) AS revenue
                    FROM daily_%s
                    GROUP BY day, event
                """.formatted(k));
        for (int j = 2; j <= depth - 2; j++) {
            write(directory, "pipes", "step_" + k + "_" + j + ".pipe", """
                    NODE filtered
                    SQL >
                        SELECT day, event, events, revenue
                        FROM step_%s_%d
                        WHERE revenue >= 0
                    """.formatted(k, j - 1));
        }
        write(directory, "endpoints", "api_" + k + ".pipe", """
                TOKEN "dashboard_read" READ

                NODE endpoint
                SQL >
                    %%
                    SELECT day, event, events, revenue
                    FROM step_%s_%d
                    WHERE day >= {{Date(start_date, '2024-01-01')}}
                    ORDER BY day, event
                    LIMIT {{Int32(limit, 100)}}

                TYPE endpoint
                """.formatted(k, depth - 2));
    }

    private static void write(Path directory, String folder, String file, String text) throws IOException {
        Path target = directory.resolve(folder).resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
    }
}

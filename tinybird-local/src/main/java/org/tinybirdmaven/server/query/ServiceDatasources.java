package org.tinybirdmaven.server.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.server.ClickHouse;

/**
 * Tinybird's service datasources ({@code tinybird.pipe_stats_rt}, {@code tinybird.datasources_ops_log} …): real tables
 * of a {@code tinybird} database on the {@code Null} engine, so queries against them type-check and always answer no
 * rows. The real CLI reads {@code tinybird.pipe_stats_rt} before a forced endpoint push to pick regression samples;
 * finding none, it skips the check. The columns are the commonly used ones of Tinybird's documented schemas.
 */
public final class ServiceDatasources {

    public static final String DATABASE = "tinybird";

    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("pipe_stats_rt", "start_datetime DateTime, request_id String, pipe_id String, pipe_name String,"
                + " duration Float32, url Nullable(String), error UInt8, read_bytes UInt64, read_rows UInt64,"
                + " result_rows UInt64, token String, token_name String, status_code Int32, method String,"
                + " parameters Map(String, String), release String, user_agent Nullable(String),"
                + " resource_tags Array(String)");
        TABLES.put("pipe_stats", "date Date, pipe_id String, pipe_name String, view_count UInt64,"
                + " error_count UInt64, avg_duration_state AggregateFunction(avg, Float32),"
                + " quantile_timing_state AggregateFunction(quantilesTiming(0.9, 0.95, 0.99), Float64),"
                + " read_bytes_sum UInt64, read_rows_sum UInt64, resource_tags Array(String)");
        TABLES.put("datasources_ops_log", "timestamp DateTime, event_type String, datasource_id String,"
                + " datasource_name String, result String, elapsed_time Float32, error Nullable(String),"
                + " request_id String, import_id Nullable(String), job_id Nullable(String), rows Nullable(UInt64),"
                + " rows_quarantine Nullable(UInt64), blocks_ids Array(String),"
                + " `Options.Names` Array(String), `Options.Values` Array(String), operation_id String,"
                + " read_rows UInt64, read_bytes UInt64, written_rows UInt64, written_bytes UInt64,"
                + " written_rows_quarantine UInt64, written_bytes_quarantine UInt64, pipe_id String,"
                + " pipe_name String, release String, resource_tags Array(String)");
        TABLES.put("block_log", "timestamp DateTime, request_id String, import_id String, job_id Nullable(String),"
                + " source String, block_id String, status String, datasource_id String, datasource_name String,"
                + " start_offset Nullable(Int64), end_offset Nullable(Int64), rows Nullable(Int32),"
                + " parser Nullable(String), quarantine_lines Nullable(UInt32), empty_lines Nullable(UInt32),"
                + " bytes Nullable(UInt32), processing_time Nullable(Float32), processing_error Nullable(String)");
        TABLES.put("endpoint_errors", "start_datetime DateTime, request_id String, pipe_id String,"
                + " pipe_name String, params Nullable(String), url Nullable(String), status_code Nullable(Int32),"
                + " error Nullable(String), resource_tags Array(String)");
        TABLES.put("datasources_storage", "timestamp DateTime, datasource_id String, datasource_name String,"
                + " bytes UInt64, rows UInt64, bytes_quarantine UInt64, rows_quarantine UInt64,"
                + " resource_tags Array(String)");
        TABLES.put("kafka_ops_log", "timestamp DateTime, datasource_id String, topic String, partition Int16,"
                + " msg_type String, lag Int64, processed_messages Int32, processed_bytes Int32,"
                + " committed_messages Int32, msg String");
        TABLES.put("data_connectors_log", "timestamp DateTime, datasource_id String, datasource_name String,"
                + " status String, error Nullable(String), job_id Nullable(String), rows Nullable(UInt64)");
        TABLES.put("jobs_log", "job_id String, job_type String, workspace_id String, pipe_id String,"
                + " pipe_name String, created_at DateTime, updated_at DateTime, started_at DateTime,"
                + " status String, error Nullable(String), job_metadata String");
        TABLES.put("sinks_ops_log", "timestamp DateTime, service String, pipe_id String, pipe_name String,"
                + " token_name String, result String, error Nullable(String), elapsed_time Float64, job_id String,"
                + " read_rows UInt64, written_rows UInt64, read_bytes UInt64, written_bytes UInt64,"
                + " output Array(String), parameters Map(String, String), options Map(String, String)");
        TABLES.put("bi_stats_rt", "start_datetime DateTime, query_id String, database String, query String,"
                + " query_normalized String, exception_code Int32, exception String, duration UInt64,"
                + " read_bytes UInt64, read_rows UInt64, result_rows UInt64, result_bytes UInt64");
        TABLES.put("bi_stats", "date Date, database String, query_normalized String, view_count UInt64,"
                + " error_count UInt64, avg_duration_state AggregateFunction(avg, Float32),"
                + " read_bytes_sum UInt64, read_rows_sum UInt64");
    }

    private ServiceDatasources() {}

    /** Whether {@code tinybird.<name>} is a service datasource. */
    public static boolean exists(String name) {
        return TABLES.containsKey(name);
    }

    /** Creates the {@code tinybird} database and its tables where missing. */
    static void install(ClickHouse clickHouse) throws ChdbException {
        clickHouse.execute("CREATE DATABASE IF NOT EXISTS " + ClickHouse.identifier(DATABASE));
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            clickHouse.execute("CREATE TABLE IF NOT EXISTS " + ClickHouse.table(DATABASE, table.getKey()) + " ("
                    + table.getValue() + ") ENGINE = Null");
        }
    }
}

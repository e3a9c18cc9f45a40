package org.tinybirdmaven.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.tinybirdmaven.client.QueryResult;
import org.tinybirdmaven.output.TextTable;

/**
 * How {@code sql} and {@code pipe-data} print an answer ({@code tinybird.format}): {@code table} (the statistics and
 * the rows as the {@code tb} CLI shows them), {@code csv} (CSV with a header row, as returned) or {@code json} (the
 * JSON answer as returned).
 */
enum QueryOutput {
    TABLE("json"),
    CSV("csv"),
    JSON("json");

    private final String requestFormat;

    QueryOutput(String requestFormat) {
        this.requestFormat = requestFormat;
    }

    static QueryOutput parse(String format) throws MojoFailureException {
        try {
            return valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("tinybird.format is '" + format + "'; use table, csv or json");
        }
    }

    /** The endpoint format to ask for ({@code json}, {@code csv}). */
    String requestFormat() {
        return requestFormat;
    }

    /** The ClickHouse {@code FORMAT} of a {@code /v0/sql} query. */
    String sqlFormat() {
        return this == CSV ? "CSVWithNames" : "JSON";
    }

    void print(Log log, QueryResult result) {
        if (this != TABLE) {
            result.text().lines().forEach(log::info);
            return;
        }
        JsonNode answer = result.json();
        JsonNode statistics = answer.path("statistics");
        log.info(String.format(Locale.ROOT, "** Query took %.6f seconds", statistics.path("elapsed").asDouble()));
        log.info("** Rows read: " + statistics.path("rows_read").asLong());
        log.info("** Bytes read: " + statistics.path("bytes_read").asLong());
        if (answer.path("data").isEmpty()) {
            log.info("** No rows");
        } else {
            TextTable.rows(answer).forEach(log::info);
        }
    }

    /**
     * {@code tinybird.params}: {@code name=value} pairs separated by commas; a piece without {@code =} continues the
     * previous value, so that Array parameters keep their commas ({@code limit=3,colors=red,blue}).
     */
    static Map<String, String> params(String params) throws MojoFailureException {
        Map<String, String> parsed = new LinkedHashMap<>();
        String last = null;
        for (String piece : params == null || params.isBlank() ? new String[0] : params.split(",")) {
            int equals = piece.indexOf('=');
            if (equals > 0) {
                last = piece.substring(0, equals).strip();
                parsed.put(last, piece.substring(equals + 1));
            } else if (last != null) {
                parsed.put(last, parsed.get(last) + "," + piece);
            } else {
                throw new MojoFailureException("tinybird.params must be name=value pairs separated by commas, e.g."
                        + " date_start=2024-03-01,limit=3; '" + piece + "' has no name");
            }
        }
        return parsed;
    }
}

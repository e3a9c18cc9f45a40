package org.tinybirdmaven.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinybirdmaven.chdb.ChdbException;
import org.tinybirdmaven.chdb.QueryResult;
import org.tinybirdmaven.server.ClickHouse;
import org.tinybirdmaven.server.http.ApiException;
import org.tinybirdmaven.server.http.ApiResponse;
import org.tinybirdmaven.server.http.Json;

/**
 * Runs compiled queries and answers with their output as Tinybird does: ClickHouse's own output for the format (the
 * {@code JSON} format already is Tinybird's {@code meta/data/rows/rows_before_limit_at_least/statistics} body), the
 * statistics also in an {@code X-TB-Statistics} header, ClickHouse errors as 400s.
 *
 * <p>Results are buffered, not streamed: the status and the statistics header must be known before the first byte
 * of the body is written, and an error half-way through a stream could no longer become a 400.
 *
 * <p>64-bit integers are written as JSON numbers, as Tinybird's endpoints do by default; the request option
 * {@code output_format_json_quote_64bit_integers=1} quotes them, like in Tinybird. The other output options Tinybird
 * accepts as request parameters ({@code output_format_json_quote_denormals},
 * {@code output_format_parquet_string_as_string}) are passed on the same way.
 */
public final class QueryRunner {

    /** A ClickHouse output format and the content type it is served with. */
    public record Output(String clickHouseFormat, String contentType) {

        public static final Output JSON = new Output("JSON", "application/json; charset=UTF-8");
        public static final Output TSV = new Output("TabSeparated", "text/plain; charset=UTF-8");

        boolean isJson() {
            return clickHouseFormat.equals("JSON") || clickHouseFormat.equals("JSONStrings");
        }
    }

    private static final List<String> OUTPUT_OPTIONS = List.of("output_format_json_quote_64bit_integers",
            "output_format_json_quote_denormals", "output_format_parquet_string_as_string");

    private final ClickHouse clickHouse;

    public QueryRunner(ClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    /**
     * Runs {@code sql} and answers with its output.
     *
     * @param database      the workspace database, removed from error messages (users never wrote it)
     * @param errorSuffix   appended to ClickHouse error messages, e.g. the node the query comes from
     */
    public ApiResponse run(String sql, Output output, Map<String, List<String>> params, String database,
                           String errorSuffix) {
        QueryResult result;
        try {
            result = clickHouse.query(sql + "\nSETTINGS " + settings(params), output.clickHouseFormat());
        } catch (ChdbException e) {
            throw ApiException.badRequest(clickHouseMessage(e, database) + errorSuffix);
        }
        return ApiResponse.bytes(200, output.contentType(), result.data())
                .header("X-TB-Statistics", new String(Json.write(statistics(result, output)), StandardCharsets.UTF_8)
                        .replaceAll("\\s+", ""));
    }

    /**
     * ClickHouse's message as Tinybird shows it: marked {@code [Error]}, with the workspace database taken out of
     * qualified names (users never wrote it).
     */
    public static String clickHouseMessage(ChdbException e, String database) {
        String message = e.getMessage();
        return "[Error] " + message.replace("`" + database + "`.", "").replace(database + ".", "");
    }

    private static String settings(Map<String, List<String>> params) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("output_format_json_quote_64bit_integers", "0");
        for (String option : OUTPUT_OPTIONS) {
            List<String> values = params.getOrDefault(option, List.of());
            if (!values.isEmpty()) {
                settings.put(option, flag(option, values.get(0)));
            }
        }
        StringBuilder clause = new StringBuilder();
        settings.forEach((key, value) -> clause.append(clause.isEmpty() ? "" : ", ").append(key).append(" = ")
                .append(value));
        return clause.toString();
    }

    private static String flag(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> "1";
            case "0", "false" -> "0";
            default -> throw ApiException.badRequest("Invalid value '" + value + "' for " + option
                    + ", it must be 0 or 1");
        };
    }

    /**
     * The query's statistics: from the {@code statistics} object ClickHouse writes at the end of JSON output (rows and
     * bytes actually read), else from the engine's counters (which for a SELECT count the result).
     */
    private static Map<String, Object> statistics(QueryResult result, Output output) {
        Map<String, Object> statistics = new LinkedHashMap<>();
        if (output.isJson()) {
            JsonNode fromBody = statisticsFromJson(result.data());
            if (fromBody != null) {
                statistics.put("elapsed", fromBody.path("elapsed").asDouble());
                statistics.put("rows_read", fromBody.path("rows_read").asLong());
                statistics.put("bytes_read", fromBody.path("bytes_read").asLong());
                return statistics;
            }
        }
        statistics.put("elapsed", result.elapsedSeconds());
        statistics.put("rows_read", result.rowsRead());
        statistics.put("bytes_read", result.bytesRead());
        return statistics;
    }

    private static JsonNode statisticsFromJson(byte[] data) {
        int from = Math.max(0, data.length - 512);
        String tail = new String(data, from, data.length - from, StandardCharsets.UTF_8);
        int key = tail.lastIndexOf("\"statistics\":");
        int open = key < 0 ? -1 : tail.indexOf('{', key);
        int close = open < 0 ? -1 : tail.indexOf('}', open);
        if (close < 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(tail.substring(open, close + 1));
        } catch (java.io.IOException e) {
            return null;
        }
    }
}

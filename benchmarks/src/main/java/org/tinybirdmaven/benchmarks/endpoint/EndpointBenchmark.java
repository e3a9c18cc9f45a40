package org.tinybirdmaven.benchmarks.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.tinybirdmaven.benchmarks.fixture.DataProject;
import org.tinybirdmaven.benchmarks.fixture.Directories;
import org.tinybirdmaven.benchmarks.fixture.EventsFixture;
import org.tinybirdmaven.benchmarks.report.Section;
import org.tinybirdmaven.benchmarks.report.Table;
import org.tinybirdmaven.benchmarks.server.BenchServer;
import org.tinybirdmaven.chdb.ChdbEngine;
import org.tinybirdmaven.client.AppendMode;
import org.tinybirdmaven.client.DataFormat;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.server.catalog.PipeRecord;
import org.tinybirdmaven.server.catalog.WorkspaceRecord;
import org.tinybirdmaven.server.query.QueryCompiler;
import org.tinybirdmaven.server.query.WorkspaceView;
import org.tinybirdmaven.server.workspace.Workspaces;

/**
 * P4: latency and throughput of two endpoints at 1, 8 and 32 concurrent clients: a plain one (the latest rows, read in
 * sorting-key order, so the query itself is cheap and the API's share shows) and a templated one that filters and
 * aggregates in a node read by the endpoint node, against the very SQL the server runs for them (compiled once with
 * the server's own {@link QueryCompiler}) sent straight to the same chDB engine. The server runs in this JVM, so both
 * sides share the engine, its data and its caches; the difference is what the HTTP API adds: the HTTP exchange,
 * routing, token check, template rendering and SQL compilation. Clients share one blocking Apache HttpClient 5 (the
 * library the plugin's client is built on) with a connection per client, kept alive.
 */
public final class EndpointBenchmark {

    static final int[] CLIENTS = {1, 8, 32};
    static final double GOAL_P50_OVERHEAD_MS = 2;
    static final double GOAL_RPS_AT_8 = 500;
    static final long ROWS = 20_000;
    static final double WARMUP_SECONDS = 1;
    /**
     * Warm-up of each path and endpoint before its measurements: on 2 busy cores the JIT still compiled the server
     * path's code after 15 s (about 1 ms of CPU per request went to compilation), so a short warm-up charges the
     * server with the JIT's work.
     */
    static final double JIT_WARMUP_SECONDS = 10;

    /**
     * @param seconds measured seconds per endpoint, path and client count
     * @param work    data directory and fixtures
     */
    public record Settings(int seconds, Path work) {}

    private record Endpoint(String name, String datafile, Map<String, String> params) {}

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("simple", """
                    NODE latest
                    SQL >
                        SELECT timestamp, user_id, event, amount
                        FROM events
                        ORDER BY timestamp DESC
                        LIMIT 10
                    TYPE endpoint
                    """, Map.of()),
            new Endpoint("templated", """
                    NODE filtered
                    SQL >
                        %
                        SELECT user_id, count() AS events, round(sum(amount), 2) AS revenue
                        FROM events
                        WHERE country = {{String(country, 'ES')}}
                        {% if defined(min_amount) %} AND amount >= {{Float64(min_amount)}} {% end %}
                        GROUP BY user_id

                    NODE top_users
                    SQL >
                        %
                        SELECT * FROM filtered ORDER BY revenue DESC, user_id LIMIT {{Int32(limit, 10)}}
                    TYPE endpoint
                    """, Map.of("country", "ES", "min_amount", "100", "limit", "20")));

    private record Measurement(String endpoint, int clients, Latencies direct, Latencies server) {

        double overheadMillis() {
            return server.percentileMillis(50) - direct.percentileMillis(50);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Settings settings;

    public EndpointBenchmark(Settings settings) {
        this.settings = settings;
    }

    public Section run() throws Exception {
        Directories.deleteTree(settings.work());
        Path fixture = settings.work().resolve("events.csv");
        EventsFixture.write(fixture, EventsFixture.Format.CSV, ROWS);
        List<Measurement> measurements = new ArrayList<>();
        try (BenchServer server = BenchServer.inProcess(settings.work().resolve("server"));
             TinybirdClient client = server.client()) {
            DataProject project = new DataProject(settings.work().resolve("project"))
                    .datasource("events", EventsFixture.datafile(EventsFixture.Format.CSV));
            for (Endpoint endpoint : ENDPOINTS) {
                project.pipe(endpoint.name(), endpoint.datafile());
            }
            project.createOn(client);
            client.appendFile("events", AppendMode.APPEND, DataFormat.CSV, fixture, null);
            ChdbEngine engine = server.local().services().clickHouse().engine();
            try (CloseableHttpClient http = HttpClients.custom().setConnectionManager(
                    PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(64).setMaxConnTotal(64)
                            .build()).build()) {
                for (Endpoint endpoint : ENDPOINTS) {
                    String url = server.url() + "/v0/pipes/" + endpoint.name() + ".json" + query(endpoint.params());
                    String sql = compiledSql(server, endpoint);
                    ClosedLoop.Call viaServer = () -> get(http, url, server.adminToken());
                    checkSameData(get(http, url, server.adminToken()), engine, sql);
                    measurements.addAll(measure(endpoint, () -> engine.query(sql, "JSON"), viaServer));
                }
            }
        }
        return section(measurements);
    }

    private List<Measurement> measure(Endpoint endpoint, ClosedLoop.Call direct, ClosedLoop.Call viaServer)
            throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        ClosedLoop.run(8, 0, JIT_WARMUP_SECONDS, direct);
        ClosedLoop.run(8, 0, JIT_WARMUP_SECONDS, viaServer);
        for (int clients : CLIENTS) {
            Latencies directLatencies = ClosedLoop.run(clients, WARMUP_SECONDS, settings.seconds(), direct);
            Latencies serverLatencies = ClosedLoop.run(clients, WARMUP_SECONDS, settings.seconds(), viaServer);
            System.out.printf(Locale.ROOT, "P4: %s × %d: direct p50 %.2f ms %,.0f/s, server p50 %.2f ms %,.0f/s%n",
                    endpoint.name(), clients, directLatencies.percentileMillis(50), directLatencies.perSecond(),
                    serverLatencies.percentileMillis(50), serverLatencies.perSecond());
            measurements.add(new Measurement(endpoint.name(), clients, directLatencies, serverLatencies));
        }
        return measurements;
    }

    /** One request; fails unless it is answered with 200. */
    private static String get(CloseableHttpClient http, String url, String token) throws Exception {
        HttpGet request = new HttpGet(url);
        request.setHeader("Authorization", "Bearer " + token);
        return http.execute(request, response -> {
            String body = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (response.getCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.getCode() + ": " + body);
            }
            return body;
        });
    }

    /** The SQL the server runs for the endpoint, with the settings it adds, as {@code QueryRunner} sends it. */
    private static String compiledSql(BenchServer server, Endpoint endpoint) {
        var services = server.local().services();
        WorkspaceRecord workspace = services.catalog().read(state -> state.workspace(Workspaces.DEFAULT_WORKSPACE))
                .orElseThrow();
        WorkspaceView view = WorkspaceView.of(services.catalog(), workspace);
        PipeRecord pipe = view.pipe(endpoint.name()).orElseThrow();
        Map<String, List<String>> params = new LinkedHashMap<>();
        endpoint.params().forEach((key, value) -> params.put(key, List.of(value)));
        String sql = new QueryCompiler(view, params, false).compileNode(pipe, QueryCompiler.endpointIndex(pipe)
                .orElseThrow());
        return sql + "\nSETTINGS output_format_json_quote_64bit_integers = 0";
    }

    /** Both paths must answer the same rows, or the comparison means nothing. */
    private static void checkSameData(String answer, ChdbEngine engine, String sql) throws Exception {
        JsonNode viaServer = MAPPER.readTree(answer).get("data");
        JsonNode direct = MAPPER.readTree(engine.query(sql, "JSON").data()).get("data");
        if (viaServer == null || !viaServer.equals(direct) || direct.isEmpty()) {
            throw new IllegalStateException("The endpoint and the direct query disagree:\n" + answer + "\n" + direct);
        }
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        params.forEach((key, value) -> pairs.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return "?" + String.join("&", pairs);
    }

    private Section section(List<Measurement> measurements) {
        Table table = new Table("endpoint", "clients", "direct p50 ms", "direct p99 ms", "direct req/s",
                "server p50 ms", "server p99 ms", "server req/s", "p50 overhead ms (goal ≤ 2)", "",
                "req/s goal (≥ 500 at 8)", "CPU ms/req direct", "CPU ms/req server");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Measurement m : measurements) {
            boolean overheadMet = m.overheadMillis() <= GOAL_P50_OVERHEAD_MS;
            String throughputGoal = m.clients() == 8 ? Table.verdict(m.server().perSecond() >= GOAL_RPS_AT_8) : "";
            table.row(m.endpoint(), m.clients(), ms(m.direct().percentileMillis(50)),
                    ms(m.direct().percentileMillis(99)), Table.integer(m.direct().perSecond()),
                    ms(m.server().percentileMillis(50)), ms(m.server().percentileMillis(99)),
                    Table.integer(m.server().perSecond()), ms(m.overheadMillis()), Table.verdict(overheadMet),
                    throughputGoal, ms(m.direct().cpuMillisPerRequest()), ms(m.server().cpuMillisPerRequest()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("endpoint", m.endpoint());
            entry.put("clients", m.clients());
            entry.put("direct", stats(m.direct()));
            entry.put("server", stats(m.server()));
            entry.put("p50_overhead_ms", m.overheadMillis());
            entry.put("p50_overhead_goal_met", overheadMet);
            json.add(entry);
        }
        String note = String.format(Locale.ROOT, "%,d rows; %.0f s of warm-up per endpoint and path (8 clients), then"
                + " per line %d s measured after %.0f s of warm-up, direct first, then the server. Overhead = server"
                + " p50 − direct p50 at the same client count. CPU ms/req = this process' CPU time (clients, server,"
                + " chDB) over the measured period ÷ requests: less disturbed by other work on the machine than the"
                + " latencies.",
                ROWS, JIT_WARMUP_SECONDS, settings.seconds(), WARMUP_SECONDS);
        List<String> lines = table.lines(note);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", ROWS);
        result.put("seconds", settings.seconds());
        result.put("measurements", json);
        return new Section("p4", "P4 — endpoints (server vs the same SQL on chDB)", lines, result);
    }

    private static Map<String, Object> stats(Latencies latencies) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", latencies.count());
        stats.put("p50_ms", latencies.percentileMillis(50));
        stats.put("p99_ms", latencies.percentileMillis(99));
        stats.put("per_second", latencies.perSecond());
        stats.put("cpu_ms_per_request", latencies.cpuMillisPerRequest());
        return stats;
    }

    private static String ms(double millis) {
        return Table.decimal(millis, 2);
    }
}

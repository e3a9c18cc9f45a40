package org.tinybirdmaven.benchmarks.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinybirdmaven.benchmarks.fixture.DataProject;
import org.tinybirdmaven.benchmarks.fixture.EventsFixture;
import org.tinybirdmaven.benchmarks.fixture.EventsFixture.Format;
import org.tinybirdmaven.benchmarks.report.Section;
import org.tinybirdmaven.benchmarks.report.Table;
import org.tinybirdmaven.benchmarks.server.BenchServer;
import org.tinybirdmaven.benchmarks.fixture.Directories;
import org.tinybirdmaven.chdb.ChdbEngine;
import org.tinybirdmaven.client.AppendMode;
import org.tinybirdmaven.client.AppendResult;
import org.tinybirdmaven.client.DataFormat;
import org.tinybirdmaven.client.TinybirdClient;

/**
 * P3: appending a file through {@code POST /v0/datasources?mode=append} (the core client's {@code appendFile},
 * multipart, streamed) against loading the same file straight into chDB ({@code INSERT INTO … FROM INFILE}), for CSV
 * and NDJSON at each file size.
 *
 * <p>The server runs in a JVM of its own with a small heap, so that its heap is only the server's (not the
 * client's, not the fixtures') and a server that held a file in memory would fail outright; its heap pools' peaks
 * are read through JMX around each append. The direct load runs on an engine in this JVM, when the server is idle.
 * Each load runs up to {@link #REPETITIONS} times, direct and server alternating, into an emptied table; the best
 * time counts, the least disturbed by the other work on the machine. Slow loads stop repeating after
 * {@link #BUDGET_SECONDS}, so that a slow path does not make the run take an hour.
 */
public final class IngestionBenchmark {

    /** Loads per file, format and path. */
    static final int REPETITIONS = 3;
    /** No further repetition starts after this many seconds on one file. */
    static final double BUDGET_SECONDS = 60;
    /** Goal: the server appends at least this fraction of the direct rate. */
    static final double GOAL = 0.8;

    /**
     * @param rows file sizes in rows, e.g. 250,000 and 1,000,000
     * @param heap the server's {@code -Xmx}, e.g. {@code 64m}
     * @param work where fixtures and data directories go
     */
    public record Settings(List<Long> rows, String heap, Path work) {}

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();

    /** CPU seconds of the best load of each path: this JVM for the direct one, server JVM + this JVM for an append. */
    private record Cpu(double direct, double server) {}

    private record Load(Format format, long rows, long bytes, int repetitions, double directSeconds,
                        double serverSeconds, Cpu cpu,
                        HeapProbe.Heap heap) {

        double directRate() {
            return rows / directSeconds;
        }

        double serverRate() {
            return rows / serverSeconds;
        }

        double ratio() {
            return directSeconds / serverSeconds;
        }
    }

    private final Settings settings;

    public IngestionBenchmark(Settings settings) {
        this.settings = settings;
    }

    public Section run() throws Exception {
        Path work = settings.work();
        Directories.deleteTree(work.resolve("server"));
        Directories.deleteTree(work.resolve("direct"));
        Map<String, Path> fixtures = new LinkedHashMap<>();
        for (long rows : settings.rows()) {
            for (Format format : Format.values()) {
                Path file = work.resolve("fixtures").resolve("events-" + rows + "." + format.extension());
                if (!Files.exists(file)) {
                    System.out.printf(Locale.ROOT, "P3: writing %s%n", file);
                    EventsFixture.write(file, format, rows);
                }
                fixtures.put(format + "/" + rows, file);
            }
        }
        List<Load> loads = new ArrayList<>();
        try (BenchServer server = BenchServer.forked(work.resolve("server"), List.of("-Xmx" + settings.heap()));
             HeapProbe probe = HeapProbe.attach(server.pid());
             TinybirdClient client = server.client();
             ChdbEngine direct = ChdbEngine.open(BenchServer.chdbLibrary(), work.resolve("direct"))) {
            DataProject project = new DataProject(work.resolve("project"));
            direct.query("CREATE DATABASE IF NOT EXISTS bench", "TabSeparated");
            for (Format format : Format.values()) {
                project.datasource(table(format), EventsFixture.datafile(format));
                direct.query(EventsFixture.createTable("bench." + table(format)), "TabSeparated");
            }
            project.createOn(client);
            for (long rows : settings.rows()) {
                for (Format format : Format.values()) {
                    loads.add(measure(format, rows, fixtures.get(format + "/" + rows), client, probe, direct));
                }
            }
        }
        return section(loads);
    }

    private static String table(Format format) {
        return "events_" + format.extension();
    }

    private Load measure(Format format, long rows, Path file, TinybirdClient client, HeapProbe probe,
                         ChdbEngine direct) throws IOException {
        String table = table(format);
        double bestDirect = Double.MAX_VALUE;
        double bestServer = Double.MAX_VALUE;
        double directCpu = 0;
        double serverCpu = 0;
        HeapProbe.Heap heaviest = null;
        long began = System.nanoTime();
        int repetitions = 0;
        while (repetitions < REPETITIONS && (repetitions == 0 || seconds(began) < BUDGET_SECONDS)) {
            repetitions++;
            direct.query("TRUNCATE TABLE bench." + table, "TabSeparated");
            long cpu = OS.getProcessCpuTime();
            long start = System.nanoTime();
            direct.query("INSERT INTO bench." + table + " FROM INFILE '" + file.toAbsolutePath() + "' FORMAT "
                    + EventsFixture.clickHouseFormat(format), "TabSeparated");
            if (seconds(start) < bestDirect) {
                bestDirect = seconds(start);
                directCpu = (OS.getProcessCpuTime() - cpu) / 1e9;
            }
            expectRows(Long.parseLong(direct.query("SELECT count() FROM bench." + table, "TabSeparated").text()
                    .strip()), rows, "direct " + table);

            client.truncateDatasource(table);
            probe.reset();
            cpu = OS.getProcessCpuTime() + probe.cpuNanos();
            start = System.nanoTime();
            AppendResult result = client.appendFile(table, AppendMode.APPEND, format == Format.CSV ? DataFormat.CSV
                    : DataFormat.NDJSON, file, null);
            if (seconds(start) < bestServer) {
                bestServer = seconds(start);
                serverCpu = (OS.getProcessCpuTime() + probe.cpuNanos() - cpu) / 1e9;
            }
            HeapProbe.Heap heap = probe.read();
            if (heaviest == null || heap.peakBytes() > heaviest.peakBytes()) {
                heaviest = heap;
            }
            if (result.quarantineRows() != 0 || result.invalidLines() != 0) {
                throw new IllegalStateException("The server quarantined rows of " + file + ": " + result);
            }
            expectRows(Long.parseLong(client.sql("SELECT count() FROM " + table, "TSV").text().strip()), rows,
                    "server " + table);
            System.out.printf(Locale.ROOT, "P3: %s %,d rows: direct %.2f s, server %.2f s (best so far)%n", format,
                    rows, bestDirect, bestServer);
        }
        return new Load(format, rows, Files.size(file), repetitions, bestDirect, bestServer,
                new Cpu(directCpu, serverCpu), heaviest);
    }

    private static void expectRows(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " holds " + actual + " rows, expected " + expected);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private Section section(List<Load> loads) {
        Table table = new Table("format", "rows", "file MB", "direct rows/s", "server rows/s",
                "server ÷ direct (goal ≥ " + GOAL + ")", "", "loads", "CPU s direct", "CPU s server + client",
                "server heap peak MB", "old gen peak MB",
                "live after MB", "GCs");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Load load : loads) {
            table.row(load.format(), Table.integer(load.rows()), Table.decimal(load.bytes() / 1e6, 1),
                    Table.integer(load.directRate()), Table.integer(load.serverRate()), Table.decimal(load.ratio(),
                            2), Table.verdict(load.ratio() >= GOAL), load.repetitions(),
                    Table.decimal(load.cpu().direct(), 2), Table.decimal(load.cpu().server(), 2),
                    mb(load.heap().peakBytes()),
                    mb(load.heap().oldPeakBytes()), mb(load.heap().liveBytes()), load.heap().collections());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("format", load.format().name());
            entry.put("rows", load.rows());
            entry.put("file_bytes", load.bytes());
            entry.put("repetitions", load.repetitions());
            entry.put("direct_seconds", load.directSeconds());
            entry.put("server_seconds", load.serverSeconds());
            entry.put("direct_rows_per_second", load.directRate());
            entry.put("server_rows_per_second", load.serverRate());
            entry.put("direct_cpu_seconds", load.cpu().direct());
            entry.put("server_and_client_cpu_seconds", load.cpu().server());
            entry.put("ratio", load.ratio());
            entry.put("goal_met", load.ratio() >= GOAL);
            entry.put("heap_peak_bytes", load.heap().peakBytes());
            entry.put("old_gen_peak_bytes", load.heap().oldPeakBytes());
            entry.put("live_after_bytes", load.heap().liveBytes());
            entry.put("heap_max_bytes", load.heap().maxBytes());
            entry.put("collections", load.heap().collections());
            json.add(entry);
        }
        String note = String.format(Locale.ROOT, "Server heap limit -Xmx%s (%s MB as reported); best of `loads` loads"
                + " each (up to %d, fewer when they took over %.0f s), direct and server alternating. Heap peak = sum"
                + " of the heap pools' peaks during the append; old gen peak = what survived young collections. CPU s"
                + " = process CPU time of the best load (all threads, chDB's included).",
                settings.heap(), loads.isEmpty() ? "?" : mb(loads.get(0).heap().maxBytes()), REPETITIONS,
                BUDGET_SECONDS);
        List<String> lines = table.lines(note);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server_xmx", settings.heap());
        result.put("repetitions", REPETITIONS);
        result.put("loads", json);
        return new Section("p3", "P3 — ingestion (append vs direct chDB insert)", lines, result);
    }

    private static String mb(long bytes) {
        return Table.decimal(bytes / (1024.0 * 1024), 1);
    }
}

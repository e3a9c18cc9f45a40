package org.tinybirdmaven.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinybirdmaven.benchmarks.endpoint.EndpointBenchmark;
import org.tinybirdmaven.benchmarks.ingest.IngestionBenchmark;
import org.tinybirdmaven.benchmarks.push.PushBenchmark;
import org.tinybirdmaven.benchmarks.report.Machine;
import org.tinybirdmaven.benchmarks.report.Report;
import org.tinybirdmaven.benchmarks.report.Section;
import org.tinybirdmaven.server.LocalServerMain;

/**
 * Runs the benchmarks chosen with {@code --only} (P1 … P5, in that order) and writes {@code results.md} and
 * {@code results.json} into {@code --output}; see docs/performance.md. Options (all optional):
 *
 * <pre>--output DIR --only p1,p2,p3,p4,p5 --p1-sizes 20,100,200,500 --p1-depth 4 --p1-latency 50
 * --p1-parallelism 16 --p2-sizes 20,200 --p3-rows 250000,1000000 --p3-heap 64m --p4-seconds 5</pre>
 *
 * P1 and P2 share their pushes: P2 pushes again, with onlyChanges, a project P1 has just pushed, so it runs for the
 * sizes of {@code --p2-sizes} that are also in {@code --p1-sizes} (P1 alone: {@code --p2-sizes ""}).
 */
public final class BenchmarkMain {

    private static final List<String> ORDER = List.of("p1", "p2", "p3", "p4", "p5");

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LocalServerMain.parse(args);
        Path output = Path.of(options.getOrDefault("output", "target/benchmarks")).toAbsolutePath();
        Path work = Files.createDirectories(output.resolve("work"));
        List<String> only = Arrays.stream(options.getOrDefault("only", String.join(",", ORDER)).split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        Report report = new Report(output);
        System.out.println("Machine: " + Machine.line(Machine.describe()) + "; load average "
                + Machine.format(Machine.loadAverage()));
        if (only.contains("p1") || only.contains("p2")) {
            double[] before = Machine.loadAverage();
            List<Integer> sizes = ints(options.getOrDefault("p1-sizes", "20,100,200,500"));
            List<Integer> noOpSizes = only.contains("p2") ? ints(options.getOrDefault("p2-sizes", "20,200"))
                    : List.of();
            List<Section> sections = new PushBenchmark(new PushBenchmark.Settings(only.contains("p1") ? sizes
                    : noOpSizes, Integer.parseInt(options.getOrDefault("p1-depth", "4")),
                    Long.parseLong(options.getOrDefault("p1-latency", "50")),
                    Integer.parseInt(options.getOrDefault("p1-parallelism", "16")), noOpSizes, work.resolve("p1")))
                    .run();
            double[] after = Machine.loadAverage();
            for (Section section : sections) {
                if (only.contains(section.id())) {
                    report.add(section, before, after);
                }
            }
        }
        for (String id : ORDER) {
            if (!only.contains(id) || id.equals("p1") || id.equals("p2")) {
                continue;
            }
            double[] before = Machine.loadAverage();
            Section section = switch (id) {
                case "p3" -> new IngestionBenchmark(new IngestionBenchmark.Settings(longs(options.getOrDefault(
                        "p3-rows", "250000,1000000")), options.getOrDefault("p3-heap", "64m"), work.resolve("p3")))
                        .run();
                case "p4" -> new EndpointBenchmark(new EndpointBenchmark.Settings(Integer.parseInt(
                        options.getOrDefault("p4-seconds", "5")), work.resolve("p4"))).run();
                case "p5" -> CheckRun.run(output);
                default -> throw new IllegalArgumentException("Unknown benchmark " + id);
            };
            report.add(section, before, Machine.loadAverage());
        }
        System.out.println(Files.readString(output.resolve("results.md")));
    }

    static List<Integer> ints(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt)
                .toList();
    }

    static List<Long> longs(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).map(Long::parseLong).toList();
    }
}

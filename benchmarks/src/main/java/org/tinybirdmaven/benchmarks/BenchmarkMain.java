package org.tinybirdmaven.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and writes {@code results.json} (JMH's own format) and {@code results.md} (the table for
 * docs/performance.md) into the folder given as the first argument. A second argument selects benchmarks by
 * regular expression.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] args) throws RunnerException, IOException {
        Path output = Path.of(args.length > 0 ? args[0] : "target/benchmarks");
        String include = args.length > 1 ? args[1] : CheckBenchmark.class.getSimpleName();
        Files.createDirectories(output);
        Options options = new OptionsBuilder().include(include).forks(1).warmupIterations(3)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2)).measurementIterations(5)
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(3))
                .result(output.resolve("results.json").toString()).resultFormat(ResultFormatType.JSON).build();
        Collection<RunResult> results = new Runner(options).run();
        Files.writeString(output.resolve("results.md"), table(results));
        System.out.println(table(results));
    }

    private static String table(Collection<RunResult> results) throws IOException {
        int files = new CheckBenchmark().datafileCount();
        List<String> lines = new ArrayList<>();
        lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty(
                "java.vm.name") + " " + System.getProperty("java.version") + "; corpus of " + files + " datafiles.");
        lines.add("");
        lines.add("| benchmark | operations/s | datafiles/s | ± (99.9%) | time ÷ time to read the files |");
        lines.add("|---|---:|---:|---:|---:|");
        double baseline = results.stream().filter(r -> r.getParams().getBenchmark().endsWith("readFilesBaseline"))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            double score = result.getPrimaryResult().getScore();
            lines.add(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %.2f× |", name, score,
                    score * files, result.getPrimaryResult().getScoreError(), baseline / score));
        }
        return String.join("\n", lines) + "\n";
    }
}

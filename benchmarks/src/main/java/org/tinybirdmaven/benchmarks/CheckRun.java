package org.tinybirdmaven.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.tinybirdmaven.benchmarks.report.Section;
import org.tinybirdmaven.benchmarks.report.Table;

/** P5: runs {@link CheckBenchmark} with JMH (its raw results in {@code p5-jmh.json}) and makes its table. */
final class CheckRun {

    /** Goal: datafiles checked per second. */
    static final double GOAL = 5_000;

    private CheckRun() {}

    static Section run(Path output) throws RunnerException, IOException {
        Options options = new OptionsBuilder().include(CheckBenchmark.class.getSimpleName()).forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(3)).result(output.resolve("p5-jmh.json").toString())
                .resultFormat(ResultFormatType.JSON).build();
        Collection<RunResult> results = new Runner(options).run();
        int files = new CheckBenchmark().datafileCount();
        Table table = new Table("benchmark", "operations/s", "datafiles/s", "± (99.9%)",
                "time ÷ time to read the files", "goal ≥ 5,000 datafiles/s");
        double baseline = results.stream().filter(r -> r.getParams().getBenchmark().endsWith("readFilesBaseline"))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
        List<Map<String, Object>> json = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            double score = result.getPrimaryResult().getScore();
            table.row(name, Table.decimal(score, 1), Table.integer(score * files),
                    Table.decimal(result.getPrimaryResult().getScoreError(), 1), Table.ratio(baseline / score),
                    name.equals("checkProjects") ? Table.verdict(score * files >= GOAL) : "");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("benchmark", name);
            entry.put("operations_per_second", score);
            entry.put("datafiles_per_second", score * files);
            entry.put("error_999", result.getPrimaryResult().getScoreError());
            json.add(entry);
        }
        String note = "Corpus of " + files + " datafiles; one operation checks all of them. JMH: 1 fork, 3 × 2 s"
                + " warm-up, 5 × 3 s measured.";
        List<String> lines = table.lines(note);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("datafiles", files);
        result.put("benchmarks", json);
        return new Section("p5", "P5 — check (parse + dependency graph)", lines, result);
    }
}

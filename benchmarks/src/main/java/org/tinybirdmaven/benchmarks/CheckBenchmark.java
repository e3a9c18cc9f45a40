package org.tinybirdmaven.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.tinybirdmaven.benchmarks.push.SyntheticProject;
import org.tinybirdmaven.datafile.DatafileParser;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.ProjectLayout;

/**
 * P5: what {@code tinybird:check} costs per datafile. One operation parses every datafile of the corpus (or of a
 * generated project when the corpus is absent) and builds each project's dependency graph; datafiles/s is
 * operations/s times the file count. The baseline reads the same files without parsing them, so the ratio shows
 * how much of the time is ours rather than the file system's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CheckBenchmark {

    private List<Path> projects;
    private List<Path> files;
    private final DatafileParser parser = new DatafileParser(Map.of("TB_ENV", "stg"));

    @Setup
    public void findProjects() throws IOException {
        projects = Corpus.projectRoots();
        files = new ArrayList<>();
        for (Path project : projects) {
            files.addAll(new ProjectLayout(project).datafiles());
        }
    }

    /** How many datafiles one operation handles. */
    public int datafileCount() throws IOException {
        findProjects();
        return files.size();
    }

    @Benchmark
    public void checkProjects(Blackhole blackhole) {
        for (Path project : projects) {
            blackhole.consume(Project.load(project, Map.of("TB_ENV", "stg")).diagnostics());
        }
    }

    @Benchmark
    public void parseFilesOnly(Blackhole blackhole) {
        for (Path file : files) {
            blackhole.consume(parser.parse(file));
        }
    }

    @Benchmark
    public void readFilesBaseline(Blackhole blackhole) throws IOException {
        for (Path file : files) {
            blackhole.consume(Files.readAllBytes(file));
        }
    }

    /** Locates the reference corpus beside the repository. */
    static final class Corpus {
        private Corpus() {}

        static List<Path> projectRoots() throws IOException {
            Path corpus = Path.of(System.getProperty("tinybird.corpus", "../../shared/corpus")).toAbsolutePath()
                    .normalize();
            if (!Files.isDirectory(corpus)) {
                Path generated = Files.createTempDirectory("tinybird-check-benchmark");
                SyntheticProject.write(generated, 500, 4);
                System.err.println("Corpus not found at " + corpus + " (-Dtinybird.corpus=<dir>); checking a"
                        + " generated project of 500 datafiles instead");
                return List.of(generated);
            }
            List<Path> roots = new ArrayList<>();
            collect(corpus, roots);
            return roots;
        }

        private static void collect(Path folder, List<Path> roots) throws IOException {
            if (!new ProjectLayout(folder).datafiles().isEmpty()) {
                roots.add(folder);
                return;
            }
            try (Stream<Path> children = Files.list(folder)) {
                for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                    collect(child, roots);
                }
            }
        }
    }
}

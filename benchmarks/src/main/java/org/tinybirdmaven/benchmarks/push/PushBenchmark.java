package org.tinybirdmaven.benchmarks.push;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinybirdmaven.benchmarks.fixture.Directories;
import org.tinybirdmaven.benchmarks.report.Section;
import org.tinybirdmaven.benchmarks.report.Table;
import org.tinybirdmaven.benchmarks.server.BenchServer;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.WorkspaceEntry;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.deploy.Deployer;
import org.tinybirdmaven.deploy.PushOptions;
import org.tinybirdmaven.deploy.PushResult;
import org.tinybirdmaven.output.Output;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;

/**
 * P1 and P2: pushes of {@link SyntheticProject}s to tinybird-local (in this JVM) through the deploy engine
 * ({@link Deployer}, as {@code tinybird:push} runs it), with every API request delayed by a fixed latency on the
 * server and counted there ({@link RequestCounter}).
 *
 * <p>P1 pushes each project into a new, empty workspace, once sequentially (parallelism 1) and once in parallel, and
 * compares the wall time with the lower bound a push with unlimited parallelism could reach:
 * {@code (list requests + Σ levels × requests per resource on that level) × latency}, i.e. the issue's
 * {@code d × requests-per-level × latency} plus the round trips that read the workspace first. Requests per
 * resource come from the server's counts (creates per resource of each kind; publications and token grants per
 * endpoint).
 *
 * <p>P2 pushes the same project again with {@code onlyChanges} and nothing changed, and reports every request it
 * sent.
 */
public final class PushBenchmark {

    /** Goal: the parallel push takes at most this multiple of the lower bound at N = 200. */
    static final double GOAL = 1.3;
    static final int GOAL_SIZE = 200;

    /**
     * @param sizes          project sizes N (datafiles)
     * @param depth          levels of the dependency graph
     * @param latencyMillis  delay added to every API request
     * @param parallelism    the parallel mode's parallelism
     * @param noOpSizes      sizes for which P2 runs (each must be in {@code sizes})
     */
    public record Settings(List<Integer> sizes, int depth, long latencyMillis, int parallelism,
                           List<Integer> noOpSizes, Path work) {}

    private record Push(int size, int parallelism, double seconds, RequestCounter.Counts counts, double bound,
                        String boundFormula, Map<String, String> times, double secondsWithoutLatency) {

        Push withoutLatency(double seconds) {
            return new Push(size, parallelism, this.seconds, counts, bound, boundFormula, times, seconds);
        }
    }

    private final Settings settings;
    private int workspaces;
    /** The workspace of the latest push. */
    private WorkspaceEntry current;

    public PushBenchmark(Settings settings) {
        this.settings = settings;
    }

    /** Runs P1 and, for {@link Settings#noOpSizes()}, P2; returns their two sections. */
    public List<Section> run() throws Exception {
        Directories.deleteTree(settings.work());
        List<Push> pushes = new ArrayList<>();
        List<Push> noOps = new ArrayList<>();
        for (int size : settings.sizes()) {
            // A server per size, and every workspace dropped after its push: the catalog, saved after every change,
            // would otherwise grow with every push and slow the later ones down.
            try (BenchServer server = BenchServer.inProcess(settings.work().resolve("server-" + size));
                 TinybirdClient user = TinybirdClient.builder(server.url(), server::userToken).build()) {
                RequestCounter counter = new RequestCounter(server, settings.latencyMillis());
                Path directory = settings.work().resolve("project-" + size);
                SyntheticProject.write(directory, size, settings.depth());
                Project project = Project.load(directory, Map.of());
                if (project.hasErrors()) {
                    throw new IllegalStateException("The generated project has errors: " + project.diagnostics());
                }
                RequestCounter noLatency = new RequestCounter(server, 0);
                // Warms up the JIT for client, engine and server; not reported.
                push(server, user, noLatency, project, size, settings.parallelism(), false);
                dropWorkspace(user);
                for (int parallelism : List.of(1, settings.parallelism())) {
                    Push push = push(server, user, counter, project, size, parallelism, false);
                    if (parallelism > 1 && settings.noOpSizes().contains(size)) {
                        noOps.add(push(server, user, counter, project, size, parallelism, true));
                    }
                    dropWorkspace(user);
                    double withoutLatency = push(server, user, noLatency, project, size, parallelism, false)
                            .seconds();
                    dropWorkspace(user);
                    pushes.add(push.withoutLatency(withoutLatency));
                }
            }
        }
        return List.of(pushSection(pushes), noOpSection(noOps));
    }

    /**
     * One push, timed around {@link Deployer#push}. A push with {@code again} goes to the workspace the previous
     * push of this project filled, with {@code onlyChanges}; any other goes to a new workspace.
     */
    private Push push(BenchServer server, TinybirdClient user, RequestCounter counter, Project project, int size,
                      int parallelism, boolean again) throws Exception {
        if (!again) {
            String name = user.createWorkspace(String.format(Locale.ROOT, "bench_%d_%d", size, ++workspaces)).name();
            current = user.userWorkspaces(false, false).find(name).orElseThrow();
        }
        String token = current.token();
        RequestTimes times = new RequestTimes();
        try (TinybirdClient client = TinybirdClient.builder(server.url(), () -> token).listener(times)
                .readTimeout(Duration.ofMinutes(10)).build()) {
            PushOptions options = new PushOptions().parallelism(parallelism).onlyChanges(again);
            counter.start();
            long start = System.nanoTime();
            PushResult result = new Deployer(client, Output.NONE).push(project, options);
            double seconds = (System.nanoTime() - start) / 1e9;
            RequestCounter.Counts counts = counter.stop();
            if (!result.succeeded()) {
                throw new IllegalStateException("The push of N = " + size + " failed: " + result.error());
            }
            Bound bound = bound(project, counts);
            System.out.printf(Locale.ROOT, "P%d: N = %d, parallelism %d%s, latency %d ms: %.2f s, %d requests %s%n",
                    again ? 2 : 1, size, parallelism, again ? " (only changes)" : "", counter.latencyMillis(), seconds,
                    counts.total(), counts.nonZero());
            return new Push(size, parallelism, seconds, counts, bound.seconds(settings.latencyMillis()),
                    bound.formula(), times.summary(), Double.NaN);
        }
    }

    private void dropWorkspace(TinybirdClient user) {
        user.deleteWorkspace(current.id());
        current = null;
    }

    /** The requests on the critical path of a push with unlimited parallelism. */
    private record Bound(int lists, List<Double> perLevel) {

        double requests() {
            return lists + perLevel.stream().mapToDouble(Double::doubleValue).sum();
        }

        double seconds(long latencyMillis) {
            return requests() * latencyMillis / 1000.0;
        }

        String formula() {
            List<String> levels = perLevel.stream().map(r -> Table.decimal(r, r == Math.rint(r) ? 0 : 2)).toList();
            return "(" + lists + " + " + String.join(" + ", levels) + ") × latency";
        }
    }

    private Bound bound(Project project, RequestCounter.Counts counts) {
        List<Resource> resources = project.resources();
        long datasources = resources.stream().filter(Resource::isDatasource).count();
        long pipes = resources.stream().filter(Resource::isPipe).count();
        long endpoints = resources.stream().filter(r -> r.datafile() instanceof PipeFile pipe
                && pipe.kind() == NodeType.ENDPOINT).count();
        double perDatasource = ratio(counts.of("POST /v0/datasources"), datasources);
        double perPipe = ratio(counts.of("POST /v0/pipes"), pipes);
        double endpointExtras = ratio(counts.of("POST /v0/pipes/{name}/…") + counts.of("POST /v0/tokens")
                + counts.of("PUT /v0/tokens/{name}"), endpoints);
        List<Double> perLevel = new ArrayList<>();
        List<List<Resource>> levels = project.graph().levels();
        for (List<Resource> level : levels) {
            double max = 0;
            for (Resource resource : level) {
                double requests = resource.isDatasource() ? perDatasource : perPipe;
                if (resource.datafile() instanceof PipeFile pipe && pipe.kind() == NodeType.ENDPOINT) {
                    requests += endpointExtras;
                }
                max = Math.max(max, requests);
            }
            perLevel.add(max);
        }
        return new Bound(counts.of(RequestCounter.Kind.LIST), perLevel);
    }

    private static double ratio(long count, long resources) {
        return resources == 0 ? 0 : (double) count / resources;
    }

    private Section pushSection(List<Push> pushes) {
        Table table = new Table("N", "parallelism", "wall s", "wall s at 0 ms latency", "requests",
                "lower bound s", "wall ÷ bound", "goal (parallel ≤ 1.3× at N = 200)");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Push push : pushes) {
            double ratio = push.seconds() / push.bound();
            boolean judged = push.size() == GOAL_SIZE && push.parallelism() > 1;
            table.row(push.size(), push.parallelism(), Table.decimal(push.seconds(), 2),
                    Table.decimal(push.secondsWithoutLatency(), 2), push.counts().total(),
                    Table.decimal(push.bound(), 2), Table.ratio(ratio), judged ? Table.verdict(ratio <= GOAL) : "");
            json.add(pushJson(push));
        }
        String note = String.format(Locale.ROOT, "Synthetic projects of depth %d (chains of 2 datasources, 1"
                + " materialized pipe, %d pipes and 1 endpoint with a TOKEN line; see SyntheticProject), every API"
                + " request delayed by %d ms on the server; each push goes to a new workspace. Lower bound = (list"
                + " requests + Σ per level of the requests a resource of that level needs) × latency, from the"
                + " server's request counts. The same push without injected latency shows the server's own work"
                + " (DDL and validation queries on chDB).",
                settings.depth(), settings.depth() - 2, settings.latencyMillis());
        List<String> lines = table.lines(note);
        lines.add("");
        lines.add("Requests as the client saw them (count × mean time, latency included):");
        lines.add("");
        for (Push push : pushes) {
            lines.add("- N = " + push.size() + ", parallelism " + push.parallelism() + ": " + push.times()
                    + "; bound " + push.boundFormula());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("depth", settings.depth());
        result.put("latency_ms", settings.latencyMillis());
        result.put("pushes", json);
        return new Section("p1", "P1 — push scaling (" + settings.latencyMillis() + " ms per request)", lines,
                result);
    }

    private Section noOpSection(List<Push> noOps) {
        Table table = new Table("N", "parallelism", "wall s", "requests", "write", "list", "read one resource",
                "goal (no writes, constant lists)");
        List<Map<String, Object>> json = new ArrayList<>();
        int firstLists = noOps.isEmpty() ? 0 : noOps.get(0).counts().of(RequestCounter.Kind.LIST);
        for (Push push : noOps) {
            RequestCounter.Counts counts = push.counts();
            boolean met = counts.of(RequestCounter.Kind.WRITE) == 0
                    && counts.of(RequestCounter.Kind.LIST) == firstLists;
            table.row(push.size(), push.parallelism(), Table.decimal(push.seconds(), 2), counts.total(),
                    counts.of(RequestCounter.Kind.WRITE), counts.of(RequestCounter.Kind.LIST),
                    counts.of(RequestCounter.Kind.READ), Table.verdict(met));
            json.add(pushJson(push));
        }
        List<String> lines = new ArrayList<>(table.lines());
        lines.add("");
        noOps.forEach(push -> lines.add("- N = " + push.size() + ": " + push.times()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("latency_ms", settings.latencyMillis());
        result.put("pushes", json);
        return new Section("p2", "P2 — no-op push (onlyChanges, nothing changed; " + settings.latencyMillis()
                + " ms per request)", lines, result);
    }

    private static Map<String, Object> pushJson(Push push) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("n", push.size());
        entry.put("parallelism", push.parallelism());
        entry.put("seconds", push.seconds());
        entry.put("seconds_without_latency", push.secondsWithoutLatency());
        entry.put("requests", push.counts().total());
        entry.put("requests_by_kind", push.counts().nonZero());
        entry.put("client_times_by_kind", push.times());
        entry.put("lower_bound_seconds", push.bound());
        entry.put("lower_bound", push.boundFormula());
        entry.put("ratio_to_bound", push.seconds() / push.bound());
        return entry;
    }
}

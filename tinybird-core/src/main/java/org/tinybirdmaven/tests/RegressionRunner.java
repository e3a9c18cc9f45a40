package org.tinybirdmaven.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.tinybirdmaven.client.TinybirdClient;
import org.tinybirdmaven.client.TinybirdClientException;
import org.tinybirdmaven.datafile.NodeType;
import org.tinybirdmaven.datafile.PipeFile;
import org.tinybirdmaven.project.Project;
import org.tinybirdmaven.project.Resource;

/**
 * Regression tests between two workspaces (a branch against its main workspace, or staging against production):
 * for every endpoint of the project that {@code tests/regression.yaml} selects, the same requests (see
 * {@link RegressionRequests}) go to both, one after the other, and the candidate's answer is compared with the
 * baseline's: error, row count, rows (in order unless {@code assert_result_ignore_order}), time and bytes read.
 *
 * <p>Both workspaces answer from their own data, so a branch should be created with {@code all_partitions} data (or
 * both fed the same fixtures) for results to be comparable.
 *
 * <p>Time and bytes are judged only where they mean something on a shared, noisy machine: a slower answer is a
 * regression only when it takes more than {@code assert_max_time} seconds (0.3 by default, Tinybird's rule) and more
 * than {@code assert_time_increase_percentage} above the baseline's; more bytes read is a regression only when the
 * candidate reads at least {@link #MIN_BYTES_READ} bytes and more than
 * {@code assert_bytes_read_increase_percentage} above the baseline. A request whose time looks like a regression is
 * sent again to both workspaces, up to twice, and each side's fastest time counts, so that one slow answer (a cold
 * cache, another build on the machine) is not reported. A negative percentage turns its assertion off.
 */
public final class RegressionRunner {

    /** Below this, a few extra granules double the bytes read without meaning anything. */
    public static final long MIN_BYTES_READ = 1 << 20;
    private static final int MAX_DIFF_LINES = 60;
    /** A request that looks slower is measured again on both sides, up to this many times; the fastest counts. */
    private static final int TIME_RETRIES = 2;

    /** One workspace's answer to a request. */
    record Answer(JsonNode data, String error, double elapsed, long bytesRead) {

        int rows() {
            return data == null ? 0 : data.size();
        }
    }

    private final TinybirdClient baseline;
    private final String baselineName;
    private final TinybirdClient candidate;
    private final String candidateName;

    /**
     * @param baseline      the reference (main, production)
     * @param baselineName  how reports call it
     * @param candidate     the workspace under test (the branch, staging)
     * @param candidateName how reports call it
     */
    public RegressionRunner(TinybirdClient baseline, String baselineName, TinybirdClient candidate,
                            String candidateName) {
        this.baseline = baseline;
        this.baselineName = baselineName;
        this.candidate = candidate;
        this.candidateName = candidateName;
    }

    /**
     * Runs the regression tests of the project's endpoints, one suite per endpoint that a rule selects.
     *
     * @param log receives warnings (a {@code last} test that falls back to coverage)
     */
    public List<TestSuiteResult> run(Project project, List<RegressionFile.Rule> rules, Consumer<String> log) {
        List<TestSuiteResult> suites = new ArrayList<>();
        boolean[] stop = {false};
        List<Resource> endpoints = project.resources().stream()
                .filter(r -> !r.vendor() && r.datafile() instanceof PipeFile pipe && pipe.kind() == NodeType.ENDPOINT)
                .sorted(Comparator.comparing(Resource::remoteName)).toList();
        for (Resource endpoint : endpoints) {
            List<RegressionFile.Test> tests = RegressionFile.testsFor(rules, endpoint.name());
            if (tests.isEmpty()) {
                continue;
            }
            List<TestCaseResult> results = new ArrayList<>();
            for (RegressionFile.Test test : tests) {
                String mode = test.mode().name().toLowerCase(Locale.ROOT);
                if (test.assertions().skip()) {
                    results.add(TestCaseResult.skipped(mode, "skip: true in " + RegressionFile.PATH));
                    continue;
                }
                RegressionRequests.Plan plan = plan(endpoint, test, log);
                if (plan.skipReason() != null) {
                    results.add(TestCaseResult.skipped(mode, plan.skipReason()));
                    continue;
                }
                for (Map<String, String> params : plan.requests()) {
                    String name = mode + " " + describe(params);
                    if (stop[0]) {
                        results.add(TestCaseResult.skipped(name, "failfast: an earlier request failed"));
                        continue;
                    }
                    TestCaseResult result = compare(endpoint.remoteName(), name, params, test.assertions());
                    results.add(result);
                    stop[0] = result.outcome().isProblem() && test.assertions().failfast();
                }
            }
            suites.add(new TestSuiteResult(TestKind.REGRESSION, endpoint.remoteName(), results));
        }
        return suites;
    }

    private RegressionRequests.Plan plan(Resource endpoint, RegressionFile.Test test, Consumer<String> log) {
        PipeFile pipe = (PipeFile) endpoint.datafile();
        if (test.mode() == RegressionFile.Mode.MANUAL) {
            return new RegressionRequests.Plan(test.params(), null);
        }
        if (test.mode() == RegressionFile.Mode.LAST) {
            List<Map<String, String>> last = RegressionRequests.last(baseline, endpoint.remoteName(), test.limit());
            if (last != null && !last.isEmpty()) {
                return new RegressionRequests.Plan(last, null);
            }
            log.accept("Regression test 'last' of " + endpoint.remoteName() + ": " + baselineName + (last == null
                    ? " cannot read its request log tinybird.pipe_stats_rt"
                    : " logged no recent request of it in tinybird.pipe_stats_rt") + "; using coverage instead");
        }
        return RegressionRequests.coverage(RegressionRequests.parameters(pipe), test);
    }

    private TestCaseResult compare(String pipe, String name, Map<String, String> params,
                                   RegressionFile.Assertions assertions) {
        Answer before = ask(baseline, pipe, params);
        Answer after = ask(candidate, pipe, params);
        List<String> problems = problems(assertions, before, after, baselineName, candidateName);
        for (int retry = 0; retry < TIME_RETRIES && slower(assertions, before, after); retry++) {
            before = faster(before, ask(baseline, pipe, params));
            after = faster(after, ask(candidate, pipe, params));
            problems = problems(assertions, before, after, baselineName, candidateName);
        }
        if (problems.isEmpty()) {
            return new TestCaseResult(name, TestOutcome.PASSED, "PASS", after.elapsed(), null, null);
        }
        String detail = null;
        if (before.data() != null && after.data() != null && !before.data().equals(after.data())) {
            detail = truncate(LineDiff.unified(rowLines(before.data(), assertions.ignoreOrder()),
                    rowLines(after.data(), assertions.ignoreOrder()), baselineName, candidateName));
        }
        return new TestCaseResult(name, TestOutcome.FAILED, "FAIL", after.elapsed(), String.join("; ", problems),
                detail);
    }

    /** Whether the time assertion fails (the only one a second measurement can change). */
    private static boolean slower(RegressionFile.Assertions assertions, Answer before, Answer after) {
        return before.error() == null && after.error() == null && assertions.timeIncreasePercentage() >= 0
                && after.elapsed() > assertions.maxTime()
                && after.elapsed() > before.elapsed() * (1 + assertions.timeIncreasePercentage() / 100);
    }

    /** The first answer with the shorter of both times (bytes read stay those of the first, uncached, read). */
    private static Answer faster(Answer first, Answer again) {
        return again.error() != null || again.elapsed() >= first.elapsed() ? first
                : new Answer(first.data(), null, again.elapsed(), first.bytesRead());
    }

    private static Answer ask(TinybirdClient client, String pipe, Map<String, String> params) {
        try {
            JsonNode json = client.pipeData(pipe, "json", params, null).json();
            JsonNode statistics = json.path("statistics");
            return new Answer(json.path("data"), null, statistics.path("elapsed").asDouble(),
                    statistics.path("bytes_read").asLong());
        } catch (TinybirdClientException | UncheckedIOException e) {
            return new Answer(null, e.getMessage(), 0, 0);
        }
    }

    /** What makes the candidate's answer a regression of the baseline's; empty when it is not one. */
    static List<String> problems(RegressionFile.Assertions assertions, Answer before, Answer after,
                                 String baselineName, String candidateName) {
        List<String> problems = new ArrayList<>();
        if (after.error() != null) {
            if (assertions.noError()) {
                problems.add(candidateName + " answered with an error: " + after.error());
            }
            return problems;
        }
        if (before.error() != null) {
            return problems;
        }
        if (assertions.rowsCount() && before.rows() != after.rows()) {
            problems.add(after.rows() + " rows in " + candidateName + ", " + before.rows() + " in " + baselineName);
        }
        if (assertions.result() && !sameRows(before.data(), after.data(), assertions.ignoreOrder())) {
            problems.add("the results differ" + (assertions.ignoreOrder() ? " (order ignored)" : ""));
        }
        if (slower(assertions, before, after)) {
            problems.add(String.format(Locale.ROOT, "took %.3f s in %s, %.3f s in %s (more than +%s%% and over"
                    + " assert_max_time %s s)", after.elapsed(), candidateName, before.elapsed(), baselineName,
                    number(assertions.timeIncreasePercentage()), number(assertions.maxTime())));
        }
        double bytesLimit = before.bytesRead() * (1 + assertions.bytesReadIncreasePercentage() / 100);
        if (assertions.bytesReadIncreasePercentage() >= 0 && after.bytesRead() >= MIN_BYTES_READ
                && after.bytesRead() > bytesLimit) {
            problems.add("read " + after.bytesRead() + " bytes in " + candidateName + ", " + before.bytesRead()
                    + " in " + baselineName + " (more than +" + number(assertions.bytesReadIncreasePercentage())
                    + "%)");
        }
        return problems;
    }

    private static boolean sameRows(JsonNode before, JsonNode after, boolean ignoreOrder) {
        if (!ignoreOrder) {
            return before.equals(after);
        }
        return rowLines(before, true).equals(rowLines(after, true));
    }

    /** One row per line, as JSON; sorted when order does not matter. */
    private static String rowLines(JsonNode data, boolean sorted) {
        List<String> rows = new ArrayList<>();
        data.forEach(row -> rows.add(row.toString()));
        if (sorted) {
            rows.sort(null);
        }
        return String.join("\n", rows);
    }

    private static String truncate(String diff) {
        List<String> lines = diff.lines().toList();
        if (lines.size() <= MAX_DIFF_LINES) {
            return diff;
        }
        return String.join("\n", lines.subList(0, MAX_DIFF_LINES)) + "\n… " + (lines.size() - MAX_DIFF_LINES)
                + " more lines\n";
    }

    private static String describe(Map<String, String> params) {
        return params.isEmpty() ? "(defaults)" : params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

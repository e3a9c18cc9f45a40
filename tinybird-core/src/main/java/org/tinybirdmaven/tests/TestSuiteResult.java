package org.tinybirdmaven.tests;

import java.util.List;

/**
 * The results of one test file (data-quality, fixture) or one endpoint (regression).
 *
 * @param name the file relative to the project directory, or the endpoint's name
 */
public record TestSuiteResult(TestKind kind, String name, List<TestCaseResult> results) {

    public TestSuiteResult {
        results = List.copyOf(results);
    }

    public long count(TestOutcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public double seconds() {
        return results.stream().mapToDouble(TestCaseResult::seconds).sum();
    }
}

package org.tinybirdmaven.tests;

/**
 * One test's result.
 *
 * @param status  the kind's own word for the result, e.g. {@code Pass Over Time} or {@code FAIL}
 * @param seconds how long it took (server time where the server reports it), 0 when unknown
 * @param message one line saying what went wrong, or null
 * @param detail  more lines (rows returned, a diff), or null
 */
public record TestCaseResult(String name, TestOutcome outcome, String status, double seconds, String message,
                             String detail) {

    public static TestCaseResult error(String name, String message) {
        return new TestCaseResult(name, TestOutcome.ERROR, "ERROR", 0, message, null);
    }

    public static TestCaseResult skipped(String name, String reason) {
        return new TestCaseResult(name, TestOutcome.SKIPPED, "SKIPPED", 0, reason, null);
    }
}

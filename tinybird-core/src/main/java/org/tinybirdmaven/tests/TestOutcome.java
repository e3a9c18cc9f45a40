package org.tinybirdmaven.tests;

/** How a test ended, as JUnit reports count it. */
public enum TestOutcome {
    PASSED,
    /** The workspace answered, and the answer is wrong. */
    FAILED,
    /** The test could not run: a malformed test, an unknown pipe, a query error. */
    ERROR,
    SKIPPED;

    public boolean isProblem() {
        return this == FAILED || this == ERROR;
    }
}

package org.tinybirdmaven.tests;

/**
 * The result of a data-quality test, in the order the {@code tb test run} rules check them (spec §11.8): rows
 * returned fail the test before anything else is looked at; an error comes next; the over-limit results are passes.
 */
public enum DataQualityStatus {
    FAIL("FAIL", TestOutcome.FAILED),
    ERROR("Error", TestOutcome.ERROR),
    PASS_OVER_TIME_AND_OVER_BYTES("Pass Over Time and Over Read Bytes", TestOutcome.PASSED),
    PASS_OVER_READ_BYTES("Pass Over Read Bytes", TestOutcome.PASSED),
    PASS_OVER_TIME("Pass Over Time", TestOutcome.PASSED),
    PASS("Pass", TestOutcome.PASSED);

    private final String description;
    private final TestOutcome outcome;

    DataQualityStatus(String description, TestOutcome outcome) {
        this.description = description;
        this.outcome = outcome;
    }

    /** The words {@code tb test run} prints in its {@code status} column and its totals. */
    public String description() {
        return description;
    }

    public TestOutcome outcome() {
        return outcome;
    }

    /**
     * Tinybird's rule.
     *
     * @param rows         rows the query returned
     * @param error        whether the query failed
     * @param elapsed      server time in seconds
     * @param bytesRead    bytes the query read
     * @param maxTime      limit in seconds, or null
     * @param maxBytesRead limit in bytes, or null
     */
    public static DataQualityStatus of(int rows, boolean error, double elapsed, long bytesRead, Double maxTime,
                                       Long maxBytesRead) {
        if (rows > 0) {
            return FAIL;
        }
        if (error) {
            return ERROR;
        }
        boolean overTime = maxTime != null && elapsed > maxTime;
        boolean overBytes = maxBytesRead != null && bytesRead > maxBytesRead;
        if (overTime && overBytes) {
            return PASS_OVER_TIME_AND_OVER_BYTES;
        }
        if (overBytes) {
            return PASS_OVER_READ_BYTES;
        }
        return overTime ? PASS_OVER_TIME : PASS;
    }
}

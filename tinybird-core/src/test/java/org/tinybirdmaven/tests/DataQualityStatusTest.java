package org.tinybirdmaven.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tinybirdmaven.tests.DataQualityStatus.ERROR;
import static org.tinybirdmaven.tests.DataQualityStatus.FAIL;
import static org.tinybirdmaven.tests.DataQualityStatus.PASS;
import static org.tinybirdmaven.tests.DataQualityStatus.PASS_OVER_READ_BYTES;
import static org.tinybirdmaven.tests.DataQualityStatus.PASS_OVER_TIME;
import static org.tinybirdmaven.tests.DataQualityStatus.PASS_OVER_TIME_AND_OVER_BYTES;

import org.junit.jupiter.api.Test;

class DataQualityStatusTest {

    @Test
    void theRulesApplyInTinybirdsOrder() {
        assertThat(DataQualityStatus.of(1, true, 9, 9, 1.0, 1L)).as("rows beat everything").isEqualTo(FAIL);
        assertThat(DataQualityStatus.of(0, true, 9, 9, 1.0, 1L)).isEqualTo(ERROR);
        assertThat(DataQualityStatus.of(0, false, 2, 20, 1.0, 10L)).isEqualTo(PASS_OVER_TIME_AND_OVER_BYTES);
        assertThat(DataQualityStatus.of(0, false, 2, 20, null, 10L)).isEqualTo(PASS_OVER_READ_BYTES);
        assertThat(DataQualityStatus.of(0, false, 0.5, 20, 1.0, 10L)).isEqualTo(PASS_OVER_READ_BYTES);
        assertThat(DataQualityStatus.of(0, false, 2, 20, 1.0, null)).isEqualTo(PASS_OVER_TIME);
        assertThat(DataQualityStatus.of(0, false, 2, 20, 1.0, 20L)).as("equal is not over").isEqualTo(PASS_OVER_TIME);
        assertThat(DataQualityStatus.of(0, false, 1, 10, 1.0, 10L)).isEqualTo(PASS);
        assertThat(DataQualityStatus.of(0, false, 100, 100, null, null)).isEqualTo(PASS);
    }

    @Test
    void overLimitsArePassesWithTinybirdsWords() {
        assertThat(PASS_OVER_TIME_AND_OVER_BYTES.outcome()).isEqualTo(TestOutcome.PASSED);
        assertThat(PASS_OVER_TIME_AND_OVER_BYTES.description()).isEqualTo("Pass Over Time and Over Read Bytes");
        assertThat(FAIL.outcome()).isEqualTo(TestOutcome.FAILED);
        assertThat(ERROR.outcome()).isEqualTo(TestOutcome.ERROR);
    }
}

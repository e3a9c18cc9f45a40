package org.tinybirdmaven.benchmarks.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverTheSortedLatencies() {
        long[] millis = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray();
        Latencies latencies = Latencies.of(millis, 2.0, 400_000_000);

        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
        assertThat(latencies.perSecond()).isEqualTo(50.0);
        assertThat(latencies.cpuMillisPerRequest()).isEqualTo(4.0);
    }

    @Test
    void fewSamplesStillGiveAPercentile() {
        Latencies latencies = Latencies.of(new long[] {3_000_000}, 1.0, 0);

        assertThat(latencies.percentileMillis(50)).isEqualTo(3.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(3.0);
        assertThat(Latencies.of(new long[0], 1.0, 0).percentileMillis(50)).isNaN();
    }
}

package org.tinybirdmaven.benchmarks.endpoint;

import java.util.Arrays;

/** Latencies of one measurement, in nanoseconds, and the throughput over its duration. */
record Latencies(long[] sortedNanos, double seconds) {

    static Latencies of(long[] nanos, double seconds) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted, seconds);
    }

    int count() {
        return sortedNanos.length;
    }

    /** The {@code p}-th percentile (nearest rank) in milliseconds. */
    double percentileMillis(double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    double perSecond() {
        return sortedNanos.length / seconds;
    }
}

package org.tinybirdmaven.benchmarks.endpoint;

import java.util.Arrays;

/**
 * Latencies of one measurement, in nanoseconds, the throughput over its duration, and the process' CPU time during
 * it.
 */
record Latencies(long[] sortedNanos, double seconds, long cpuNanos) {

    static Latencies of(long[] nanos, double seconds, long cpuNanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted, seconds, cpuNanos);
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

    /** CPU milliseconds per request (NaN without requests). */
    double cpuMillisPerRequest() {
        return sortedNanos.length == 0 ? Double.NaN : cpuNanos / 1e6 / sortedNanos.length;
    }
}

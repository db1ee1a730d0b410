package com.orderpipeline.benchmarks.tracking;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles. */
record Latencies(long[] nanos) {

    static Latencies of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    int count() {
        return nanos.length;
    }

    /** The {@code p}-th percentile (0 to 100) in milliseconds, nearest rank. */
    double percentileMs(double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank))] / 1_000_000.0;
    }

    String summary() {
        return String.format("n=%d  p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  max=%.2f ms", count(), percentileMs(50),
                percentileMs(90), percentileMs(99), percentileMs(100));
    }
}

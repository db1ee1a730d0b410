package com.orderpipeline.benchmarks.fulfillment;

/** When a run started, when its first output appeared and when it finished, in {@link System#nanoTime()}. */
record Timing(long start, long firstOutput, long end) {

    double totalSeconds() {
        return (end - start) / 1e9;
    }

    /** From the first output to the last: the run without its clients' start-up and first rebalance. */
    double steadySeconds() {
        return (end - firstOutput) / 1e9;
    }
}

package com.orderpipeline.benchmarks.load;

/** When a run started, when its first output appeared and when it finished, in {@link System#nanoTime()}. */
public record Timing(long start, long firstOutput, long end) {

    public double totalSeconds() {
        return (end - start) / 1e9;
    }

    /** From the first output to the last: the run without its clients' start-up and first rebalance. */
    public double steadySeconds() {
        return (end - firstOutput) / 1e9;
    }
}

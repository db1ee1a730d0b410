package com.orderpipeline.benchmarks.load;

/** A run that has not finished after ten minutes is broken, not slow: it stops with what it saw. */
public final class Deadline {
    public static final long NANOS = 600_000_000_000L;

    private Deadline() {
    }

    public static void check(long deadline, String what, long seen, long expected) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Gave up waiting for " + what + " after 10 minutes: " + seen + " of "
                    + expected + " records");
        }
    }
}

package com.orderpipeline.benchmarks.load;

/**
 * A run that has not finished after ten minutes is broken, not slow, and so is one whose output stopped for a minute
 * short of what it should make (an input the app declines or rejects, say): it stops with what it saw.
 */
public final class Deadline {
    public static final long NANOS = 600_000_000_000L;
    public static final long STALL_NANOS = 60_000_000_000L;

    private Deadline() {
    }

    public static void check(long deadline, String what, long seen, long expected) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Gave up waiting for " + what + " after 10 minutes: " + seen + " of "
                    + expected + " records");
        }
    }

    /** Fails once {@code lastProgress} (a {@link System#nanoTime()}, or -1 before the first) is a minute old. */
    public static void checkProgress(long lastProgress, String what, long seen, long expected) {
        if (lastProgress >= 0 && System.nanoTime() - lastProgress > STALL_NANOS) {
            throw new IllegalStateException("Gave up waiting for " + what + ": none came for a minute, after " + seen
                    + " of " + expected + " records");
        }
    }
}

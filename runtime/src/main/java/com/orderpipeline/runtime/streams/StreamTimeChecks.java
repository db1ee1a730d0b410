package com.orderpipeline.runtime.streams;

import java.time.Duration;

/** How often a stream-time punctuator looks for what a period has run out on. */
public final class StreamTimeChecks {
    private static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofMinutes(1);

    private StreamTimeChecks() {
    }

    /**
     * A tenth of the period, from 1 s to 1 min: what it runs out on is found at most one interval after it has,
     * and the check runs no more often than once a second of stream time.
     */
    public static Duration tenthOf(Duration period) {
        Duration tenth = period.dividedBy(10);
        if (tenth.compareTo(SHORTEST) < 0) {
            return SHORTEST;
        }
        return tenth.compareTo(LONGEST) > 0 ? LONGEST : tenth;
    }
}

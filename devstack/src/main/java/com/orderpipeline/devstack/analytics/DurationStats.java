package com.orderpipeline.devstack.analytics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The median and 95th percentile of a set of durations, exact and by the nearest-rank method: the P-th percentile
 * of n values sorted ascending is the value at 1-based rank ⌈P × n / 100⌉. It is always one of the measured values
 * (never an interpolation), the median of an even count is the lower of the two middle values, and the p95 of
 * fewer than 20 values is the largest. Both are empty when there are no values.
 *
 * @param count  how many durations were measured
 * @param median the 50th percentile
 * @param p95    the 95th percentile
 */
public record DurationStats(int count, Optional<Duration> median, Optional<Duration> p95) {

    public static final DurationStats EMPTY = new DurationStats(0, Optional.empty(), Optional.empty());

    /** Computes the percentiles over {@code millis}, in any order; the array is not changed. */
    public static DurationStats ofMillis(long[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new DurationStats(sorted.length,
                Optional.of(Duration.ofMillis(nearestRank(sorted, 50))),
                Optional.of(Duration.ofMillis(nearestRank(sorted, 95))));
    }

    /**
     * The nearest-rank percentile of values sorted ascending.
     *
     * @param percent 1 to 100
     */
    static long nearestRank(long[] sortedAscending, int percent) {
        if (sortedAscending.length == 0) {
            throw new IllegalArgumentException("No values to take a percentile of");
        }
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("A percentile is between 1 and 100, not " + percent);
        }
        // integer ceiling of percent * n / 100: no floating point, so 95% of 20 is rank 19 exactly
        long rank = ((long) percent * sortedAscending.length + 99) / 100;
        return sortedAscending[(int) rank - 1];
    }
}

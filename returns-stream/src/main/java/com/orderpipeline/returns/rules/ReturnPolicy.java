package com.orderpipeline.returns.rules;

import java.time.Duration;

/**
 * The shop's return terms.
 *
 * @param window how long after its delivery an order may be returned ({@code RETURN_WINDOW})
 * @param shipBy how long after its authorization a return must be shipped back, or it is closed
 *               ({@code RETURN_SHIP_BY})
 */
public record ReturnPolicy(Duration window, Duration shipBy) {
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    public static final Duration DEFAULT_SHIP_BY = Duration.ofDays(14);

    public ReturnPolicy {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The return window must be positive, not " + window);
        }
        if (shipBy.isNegative() || shipBy.isZero()) {
            throw new IllegalArgumentException("The ship-by period must be positive, not " + shipBy);
        }
    }

    public static ReturnPolicy defaults() {
        return new ReturnPolicy(DEFAULT_WINDOW, DEFAULT_SHIP_BY);
    }

    /** A duration as people say it: {@code 30 days}, {@code 36 h}, {@code 90 min}, {@code 45 s}. */
    public static String inWords(Duration duration) {
        if (duration.toMillis() % Duration.ofDays(1).toMillis() == 0) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toMillis() % Duration.ofHours(1).toMillis() == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toMillis() % Duration.ofMinutes(1).toMillis() == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}

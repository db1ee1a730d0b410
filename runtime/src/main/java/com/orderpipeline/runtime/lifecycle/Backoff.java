package com.orderpipeline.runtime.lifecycle;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Exponential backoff for a failure that keeps coming back: {@code initial}, then twice that each time up to
 * {@code max}; a failure after a quiet spell of twice {@code max} starts from {@code initial} again.
 * Thread-safe.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final LongSupplier nanoClock;
    private Duration current;
    private long lastFailureNanos;
    private boolean failedBefore;

    Backoff(Duration initial, Duration max, LongSupplier nanoClock) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("A backoff needs 0 < initial <= max, not " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.nanoClock = nanoClock;
        this.current = initial;
    }

    public static Backoff of(Duration initial, Duration max) {
        return new Backoff(initial, max, System::nanoTime);
    }

    /** How long to wait after the failure that just happened. */
    public synchronized Duration next() {
        long now = nanoClock.getAsLong();
        if (!failedBefore || now - lastFailureNanos > max.multipliedBy(2).toNanos()) {
            current = initial;
        } else {
            current = current.multipliedBy(2).compareTo(max) > 0 ? max : current.multipliedBy(2);
        }
        failedBefore = true;
        lastFailureNanos = now;
        return current;
    }
}

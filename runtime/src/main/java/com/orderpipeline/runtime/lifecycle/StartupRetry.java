package com.orderpipeline.runtime.lifecycle;

import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A start-up step that depends on another service (the schema registry, say) retried with backoff while that
 * service cannot answer, so that a service started during a dependency's bad minute comes up once it is back
 * instead of exiting. A failure that asking again will not change is thrown at once.
 */
public final class StartupRetry {
    private static final Logger LOG = LoggerFactory.getLogger(StartupRetry.class);

    private StartupRetry() {
    }

    /**
     * Runs the step until it succeeds, retrying the failures {@code retriable} accepts for at most {@code patience};
     * then the last failure is thrown.
     */
    public static void untilDone(String what, Duration patience, Predicate<RuntimeException> retriable, Runnable step) {
        Backoff backoff = Backoff.of(Duration.ofMillis(250), Duration.ofSeconds(5));
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                Duration wait = backoff.next();
                if (!retriable.test(e) || System.nanoTime() + wait.toNanos() > deadline) {
                    throw e;
                }
                LOG.warn("Could not {} yet, trying again in {} ms (for up to {} in all): {}", what, wait.toMillis(),
                        patience, e.getMessage());
                sleep(wait);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a start-up step", e);
        }
    }
}

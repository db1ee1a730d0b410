package com.orderpipeline.orderid.orders;

import com.orderpipeline.runtime.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A bounded, expiring memory of recent {@code Idempotency-Key}s and the answers given to them, so that a
 * retried request returns the first answer instead of placing a second order. Keys expire after a time to
 * live, and the oldest are dropped first when the memory is full. A request that failed is forgotten, so its
 * retry is tried afresh; a retry that arrives while the first attempt is still running waits for its answer.
 */
public final class IdempotencyCache {
    private final Clock clock;
    private final Duration ttl;
    private final int maxKeys;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(String fingerprint, Instant createdAt, CompletableFuture<PlacedOrder> answer) {
    }

    /** The answer and whether it was given before (a replay). */
    public record Outcome(PlacedOrder order, boolean replayed) {
    }

    public IdempotencyCache(Clock clock, Duration ttl, int maxKeys) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxKeys = maxKeys;
    }

    /**
     * Runs {@code action} once per key: the first request with the key runs it, later ones with the same key and
     * the same request get its answer.
     *
     * @param fingerprint identifies the request's content; a reused key with other content is refused (422)
     */
    public Outcome once(String key, String fingerprint, Duration maxWait, Supplier<PlacedOrder> action) {
        CompletableFuture<PlacedOrder> mine = new CompletableFuture<>();
        Entry existing;
        synchronized (entries) {
            evictExpired();
            existing = entries.get(key);
            if (existing == null) {
                if (entries.size() >= maxKeys) {
                    Iterator<String> oldest = entries.keySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
                entries.put(key, new Entry(fingerprint, clock.instant(), mine));
            }
        }
        if (existing != null) {
            if (!existing.fingerprint().equals(fingerprint)) {
                throw ProblemException.unprocessable("/problems/idempotency-key-reused",
                        "Idempotency-Key reused with a different request",
                        "The Idempotency-Key '" + key + "' was first used for a different order; use a new key for a new order");
            }
            return new Outcome(await(existing.answer(), maxWait), true);
        }
        try {
            PlacedOrder order = action.get();
            mine.complete(order);
            return new Outcome(order, false);
        } catch (RuntimeException e) {
            synchronized (entries) {
                Entry current = entries.get(key);
                if (current != null && current.answer() == mine) {
                    entries.remove(key);
                }
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static PlacedOrder await(CompletableFuture<PlacedOrder> answer, Duration maxWait) {
        try {
            return answer.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ProblemException.unavailable("The first request with this Idempotency-Key is still being processed",
                    Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("Interrupted while waiting for the first request with this key",
                    Duration.ofSeconds(1));
        }
    }

    private void evictExpired() {
        Instant cutoff = clock.instant().minus(ttl);
        Iterator<Entry> values = entries.values().iterator();
        while (values.hasNext()) {
            Entry entry = values.next();
            if (!entry.createdAt().isBefore(cutoff)) {
                break;
            }
            values.remove();
        }
    }

    /** How many keys are remembered now. */
    public int size() {
        synchronized (entries) {
            evictExpired();
            return entries.size();
        }
    }
}

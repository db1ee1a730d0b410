package com.orderpipeline.runtime.http.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Rate limits per client address on public lookups: a Bucket4j token bucket per address, refilled at
 * {@code perSecond} and holding twice that as a burst. Buckets live in a Caffeine cache bounded in size and
 * dropped a minute after their last use (a full bucket again by then anyway), so many addresses cost bounded memory.
 */
public final class ClientLimits {
    private static final long MAX_CLIENTS = 100_000;

    private final long perSecond;
    private final Cache<String, Bucket> buckets;

    /** @param perSecond lookups a second per client, at least 1 */
    public ClientLimits(long perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1, not " + perSecond);
        }
        this.perSecond = perSecond;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    /** Takes one lookup from the client's bucket: empty if allowed, else how long until the next one is. */
    public Optional<Duration> tryAcquire(String client) {
        ConsumptionProbe probe = buckets.get(client, address -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    public long perSecond() {
        return perSecond;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(2 * perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}

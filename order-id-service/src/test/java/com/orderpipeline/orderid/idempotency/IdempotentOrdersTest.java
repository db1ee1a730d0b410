package com.orderpipeline.orderid.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.runtime.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger placed = new AtomicInteger();

    private PlacedOrder placeOne() {
        int n = placed.incrementAndGet();
        return new PlacedOrder("order-" + n, clock.instant(), LocalDate.of(2026, 12, 1));
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndPlacesNothing() {
        IdempotencyCache cache = new IdempotencyCache(clock, Duration.ofHours(1), 10);

        IdempotencyCache.Outcome first = cache.once("k1", "body-a", Duration.ofSeconds(1), this::placeOne);
        IdempotencyCache.Outcome retry = cache.once("k1", "body-a", Duration.ofSeconds(1), this::placeOne);

        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.order()).isEqualTo(first.order());
        assertThat(placed).hasValue(1);
    }

    @Test
    void aKeyReusedForAnotherOrderIsRefusedWith422() {
        IdempotencyCache cache = new IdempotencyCache(clock, Duration.ofHours(1), 10);
        cache.once("k1", "body-a", Duration.ofSeconds(1), this::placeOne);

        assertThatThrownBy(() -> cache.once("k1", "body-b", Duration.ofSeconds(1), this::placeOne))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(422));
        assertThat(placed).hasValue(1);
    }

    @Test
    void aFailedAttemptIsForgottenSoItsRetryIsTriedAgain() {
        IdempotencyCache cache = new IdempotencyCache(clock, Duration.ofHours(1), 10);

        assertThatThrownBy(() -> cache.once("k1", "body-a", Duration.ofSeconds(1), () -> {
            throw ProblemException.unavailable("Kafka is down", Duration.ofSeconds(5));
        })).isInstanceOf(ProblemException.class);
        IdempotencyCache.Outcome retry = cache.once("k1", "body-a", Duration.ofSeconds(1), this::placeOne);

        assertThat(retry.replayed()).isFalse();
        assertThat(placed).hasValue(1);
    }

    @Test
    void keysExpireAfterTheirTimeToLive() {
        IdempotencyCache cache = new IdempotencyCache(clock, Duration.ofMinutes(10), 10);
        cache.once("k1", "body-a", Duration.ofSeconds(1), this::placeOne);

        clock.advance(Duration.ofMinutes(11));

        assertThat(cache.size()).isZero();
        assertThat(cache.once("k1", "body-a", Duration.ofSeconds(1), this::placeOne).replayed()).isFalse();
        assertThat(placed).hasValue(2);
    }

    @Test
    void theMemoryIsBoundedAndDropsTheOldestKeysFirst() {
        IdempotencyCache cache = new IdempotencyCache(clock, Duration.ofHours(1), 3);
        for (int i = 0; i < 5; i++) {
            cache.once("k" + i, "body", Duration.ofSeconds(1), this::placeOne);
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.once("k4", "body", Duration.ofSeconds(1), this::placeOne).replayed()).isTrue();
        assertThat(cache.once("k0", "body", Duration.ofSeconds(1), this::placeOne).replayed()).isFalse();
    }

    @Test
    void aRetryArrivingWhileTheFirstIsRunningWaitsForItsAnswer() throws Exception {
        IdempotencyCache cache = new IdempotencyCache(clock, Duration.ofHours(1), 10);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<IdempotencyCache.Outcome> first = pool.submit(() -> cache.once("k1", "body", Duration.ofSeconds(5), () -> {
                firstStarted.countDown();
                await(releaseFirst);
                return placeOne();
            }));
            firstStarted.await();
            Future<IdempotencyCache.Outcome> retry = pool.submit(() -> cache.once("k1", "body", Duration.ofSeconds(5), this::placeOne));
            // while the first attempt runs, the retry neither places an order of its own nor gives up
            assertThatThrownBy(() -> retry.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(placed).hasValue(0);
            releaseFirst.countDown();

            assertThat(retry.get().order()).isEqualTo(first.get().order());
            assertThat(retry.get().replayed()).isTrue();
            assertThat(placed).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

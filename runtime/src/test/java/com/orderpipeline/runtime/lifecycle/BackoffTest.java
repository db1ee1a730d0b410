package com.orderpipeline.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final AtomicLong now = new AtomicLong();
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), now::get);

    @Test
    void doublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(waits(6)).containsExactly(500L, 1000L, 2000L, 4000L, 4000L, 4000L);
    }

    @Test
    void startsAgainFromTheInitialWaitAfterAQuietSpellOfTwiceTheMaximum() {
        waits(3);
        now.addAndGet(Duration.ofSeconds(9).toNanos());

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesAMaximumBelowTheInitialWait() {
        assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private long[] waits(int count) {
        long[] waits = new long[count];
        for (int i = 0; i < count; i++) {
            waits[i] = backoff.next().toMillis();
            now.addAndGet(Duration.ofMillis(100).toNanos());
        }
        return waits;
    }
}

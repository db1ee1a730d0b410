package com.orderpipeline.devstack.analytics;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FunnelStatsTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final FulfillmentStatus[] PHYSICAL_STEPS = {PLACED, PICKED, PACKED, SHIPPED, DELIVERED};

    private final FunnelStats stats = new FunnelStats();

    @Test
    void startsWithEveryStateAtZeroAndNoTimes() {
        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.ordersByState()).containsExactly(
                Map.entry(PLACED, 0L), Map.entry(PICKED, 0L), Map.entry(PACKED, 0L),
                Map.entry(SHIPPED, 0L), Map.entry(DELIVERED, 0L), Map.entry(FulfillmentStatus.CANCELLED, 0L));
        assertThat(snapshot.orders()).isZero();
        assertThat(snapshot.events()).isZero();
        assertThat(snapshot.placedToShipped()).isEqualTo(DurationStats.EMPTY);
        assertThat(snapshot.placedToDelivered()).isEqualTo(DurationStats.EMPTY);
        assertThat(snapshot.unreadableRecords()).isZero();
        assertThat(snapshot.lastUnreadable()).isEmpty();
    }

    @Test
    void countsEachOrderInTheStateOfItsLatestStep() {
        advance("A", PLACED);
        advance("B", PLACED, PICKED);
        advance("C", PLACED, PICKED, PACKED);
        advance("D", PLACED, PICKED, PACKED, SHIPPED);
        advance("E", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        advance("F", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.ordersByState()).containsExactly(
                Map.entry(PLACED, 1L), Map.entry(PICKED, 1L), Map.entry(PACKED, 1L),
                Map.entry(SHIPPED, 1L), Map.entry(DELIVERED, 2L), Map.entry(FulfillmentStatus.CANCELLED, 0L));
        assertThat(snapshot.orders()).isEqualTo(6);
        assertThat(snapshot.events()).isEqualTo(1 + 2 + 3 + 4 + 5 + 5);
    }

    @Test
    void measuresPlacedToShippedAndToDeliveredFromTheEventsOccurredAt() {
        stats.add(event("A", PLACED, 1, T0));
        stats.add(event("A", PICKED, 2, T0.plusSeconds(10)));
        stats.add(event("A", PACKED, 3, T0.plusSeconds(20)));
        stats.add(event("A", SHIPPED, 4, T0.plusSeconds(90)));
        stats.add(event("A", DELIVERED, 5, T0.plusSeconds(3_600)));

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.placedToShipped()).isEqualTo(stats(1, Duration.ofSeconds(90), Duration.ofSeconds(90)));
        assertThat(snapshot.placedToDelivered()).isEqualTo(stats(1, Duration.ofHours(1), Duration.ofHours(1)));
    }

    @Test
    void takesTheMedianAndP95ByNearestRankOverEveryOrder() {
        // 20 orders shipped after 1 s, 2 s, ... 20 s: the median is rank 10, the p95 rank 19
        for (int i = 1; i <= 20; i++) {
            shipAfter("O" + i, Duration.ofSeconds(i));
        }

        DurationStats toShipped = stats.snapshot().placedToShipped();

        assertThat(toShipped).isEqualTo(stats(20, Duration.ofSeconds(10), Duration.ofSeconds(19)));
    }

    @Test
    void takesTheLowerMiddleValueAsTheMedianOfAnEvenCount() {
        shipAfter("A", Duration.ofSeconds(10));
        shipAfter("B", Duration.ofSeconds(40));

        assertThat(stats.snapshot().placedToShipped())
                .isEqualTo(stats(2, Duration.ofSeconds(10), Duration.ofSeconds(40)));
    }

    @Test
    void givesTheSlowestOrderAsP95WhenThereAreFewerThanTwentyOrders() {
        for (int i = 1; i <= 19; i++) {
            shipAfter("O" + i, Duration.ofSeconds(i));
        }

        assertThat(stats.snapshot().placedToShipped().p95()).contains(Duration.ofSeconds(19));
    }

    @Test
    void computesTheSameFiguresWhateverOrderTheEventsArriveIn() {
        List<FulfillmentEvent> events = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Instant placed = T0.plusSeconds(i);
            int steps = 1 + random.nextInt(PHYSICAL_STEPS.length);
            for (int step = 0; step < steps; step++) {
                events.add(event("O" + i, PHYSICAL_STEPS[step], step + 1, placed.plusMillis(random.nextInt(100_000) * (step + 1L))));
            }
        }
        events.forEach(stats::add);
        FunnelSnapshot inOrder = stats.snapshot();

        FunnelStats shuffled = new FunnelStats();
        Collections.shuffle(events, new Random(7));
        events.forEach(shuffled::add);

        assertThat(shuffled.snapshot()).isEqualTo(inOrder);
        assertThat(inOrder.placedToShipped().count()).isPositive();
    }

    @Test
    void keepsTheLatestStepAsTheStateWhenAnEarlierOneArrivesLate() {
        stats.add(event("A", SHIPPED, 4, T0.plusSeconds(60)));
        stats.add(event("A", PICKED, 2, T0.plusSeconds(10)));
        stats.add(event("A", PLACED, 1, T0));

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.ordersIn(SHIPPED)).isEqualTo(1);
        assertThat(snapshot.ordersIn(PLACED)).isZero();
        assertThat(snapshot.placedToShipped()).isEqualTo(stats(1, Duration.ofSeconds(60), Duration.ofSeconds(60)));
    }

    @Test
    void ignoresARepeatedStepForStateAndTimes() {
        stats.add(event("A", PLACED, 1, T0));
        stats.add(event("A", SHIPPED, 4, T0.plusSeconds(60)));
        stats.add(event("A", PLACED, 1, T0.plusSeconds(30)));
        stats.add(event("A", SHIPPED, 4, T0.plusSeconds(500)));

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.ordersIn(SHIPPED)).isEqualTo(1);
        assertThat(snapshot.orders()).isEqualTo(1);
        assertThat(snapshot.events()).isEqualTo(4);
        assertThat(snapshot.placedToShipped()).isEqualTo(stats(1, Duration.ofSeconds(60), Duration.ofSeconds(60)));
    }

    @Test
    void countsDigitalOrdersApartSoTheyDoNotPullDeliveryTimesToZero() {
        stats.add(event("D01-0000001-0000001", PLACED, 1, T0));
        stats.add(event("D01-0000001-0000001", DELIVERED, 2, T0.plusMillis(5)));
        advance("P", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.ordersIn(DELIVERED)).isEqualTo(2);
        assertThat(snapshot.digitalDeliveries()).isEqualTo(1);
        assertThat(snapshot.placedToDelivered()).isEqualTo(stats(1, Duration.ofMinutes(4), Duration.ofMinutes(4)));
        assertThat(snapshot.placedToShipped().count()).isEqualTo(1);
    }

    @Test
    void takesAPhysicalOrderDeliveredBeforeItsShippedEventIsReadForAPhysicalOne() {
        stats.add(event("A", PLACED, 1, T0));
        stats.add(event("A", DELIVERED, 5, T0.plusSeconds(300)));

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.digitalDeliveries()).isZero();
        assertThat(snapshot.placedToDelivered()).isEqualTo(stats(1, Duration.ofSeconds(300), Duration.ofSeconds(300)));
        assertThat(snapshot.placedToShipped()).isEqualTo(DurationStats.EMPTY);
    }

    @Test
    void countsOrdersWhosePlacedEventWasNotReadByStateButNotInTheTimes() {
        stats.add(event("A", SHIPPED, 4, T0.plusSeconds(60)));
        stats.add(event("A", DELIVERED, 5, T0.plusSeconds(120)));
        shipAfter("B", Duration.ofSeconds(30));

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.ordersIn(DELIVERED)).isEqualTo(1);
        assertThat(snapshot.ordersIn(SHIPPED)).isEqualTo(1);
        assertThat(snapshot.ordersWithoutPlaced()).isEqualTo(1);
        assertThat(snapshot.placedToShipped()).isEqualTo(stats(1, Duration.ofSeconds(30), Duration.ofSeconds(30)));
        assertThat(snapshot.placedToDelivered()).isEqualTo(DurationStats.EMPTY);
    }

    @Test
    void countsUnreadableRecordsAndKeepsTheLatestReason() {
        stats.countUnreadable("partition 0, offset 3: not the wire format");
        stats.countUnreadable("partition 1, offset 9: unknown schema id 77");
        advance("A", PLACED);

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.unreadableRecords()).isEqualTo(2);
        assertThat(stats.unreadableRecords()).isEqualTo(2);
        assertThat(snapshot.lastUnreadable()).contains("partition 1, offset 9: unknown schema id 77");
        assertThat(snapshot.events()).isEqualTo(1);
    }

    @Test
    void keepsASnapshotAsItWasWhenMoreEventsArrive() {
        advance("A", PLACED);
        FunnelSnapshot before = stats.snapshot();

        advance("B", PLACED, PICKED);

        assertThat(before.orders()).isEqualTo(1);
        assertThat(before.ordersIn(PICKED)).isZero();
        assertThatThrownBy(() -> before.ordersByState().put(PICKED, 5L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnEventWithoutAnOrderId() {
        assertThatThrownBy(() -> stats.add(null, PLACED, 1, T0)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("orderId");
    }

    @Nested
    class NearestRankPercentiles {

        @Test
        void isTheValueAtRankCeilingOfPTimesNOverHundred() {
            long[] hundred = new long[100];
            for (int i = 0; i < 100; i++) {
                hundred[i] = i + 1;
            }
            assertThat(DurationStats.nearestRank(hundred, 50)).isEqualTo(50);
            assertThat(DurationStats.nearestRank(hundred, 95)).isEqualTo(95);
            assertThat(DurationStats.nearestRank(hundred, 100)).isEqualTo(100);
            assertThat(DurationStats.nearestRank(hundred, 1)).isEqualTo(1);
        }

        @Test
        void roundsTheRankUpAndNeverInterpolates() {
            long[] three = {10, 20, 40};
            assertThat(DurationStats.nearestRank(three, 50)).isEqualTo(20);
            assertThat(DurationStats.nearestRank(three, 95)).isEqualTo(40);
            long[] twentyOne = new long[21];
            for (int i = 0; i < 21; i++) {
                twentyOne[i] = (i + 1) * 1_000L;
            }
            // 95 % of 21 is 19.95: rank 20
            assertThat(DurationStats.nearestRank(twentyOne, 95)).isEqualTo(20_000);
            assertThat(DurationStats.nearestRank(twentyOne, 50)).isEqualTo(11_000);
        }

        @Test
        void sortsTheDurationsItIsGivenWithoutChangingThem() {
            long[] millis = {5_000, 1_000, 3_000, 2_000, 4_000};

            DurationStats result = DurationStats.ofMillis(millis);

            assertThat(result).isEqualTo(new DurationStats(5, Optional.of(Duration.ofSeconds(3)),
                    Optional.of(Duration.ofSeconds(5))));
            assertThat(millis).containsExactly(5_000, 1_000, 3_000, 2_000, 4_000);
        }

        @Test
        void isEmptyWithoutDurations() {
            assertThat(DurationStats.ofMillis(new long[0])).isEqualTo(DurationStats.EMPTY);
            assertThat(DurationStats.EMPTY.median()).isEmpty();
            assertThat(DurationStats.EMPTY.p95()).isEmpty();
        }

        @Test
        void refusesAPercentileOutsideOneToHundred() {
            assertThatThrownBy(() -> DurationStats.nearestRank(new long[] {1}, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DurationStats.nearestRank(new long[] {1}, 101))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DurationStats.nearestRank(new long[0], 50))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Takes an order through the given steps, one minute apart, starting at T0. */
    private void advance(String orderId, FulfillmentStatus... steps) {
        for (int i = 0; i < steps.length; i++) {
            stats.add(event(orderId, steps[i], i + 1, T0.plus(Duration.ofMinutes(i))));
        }
    }

    private void shipAfter(String orderId, Duration delay) {
        stats.add(event(orderId, PLACED, 1, T0));
        stats.add(event(orderId, PICKED, 2, T0.plus(delay.dividedBy(3))));
        stats.add(event(orderId, PACKED, 3, T0.plus(delay.dividedBy(2))));
        stats.add(event(orderId, SHIPPED, 4, T0.plus(delay)));
    }

    private static DurationStats stats(int count, Duration median, Duration p95) {
        return new DurationStats(count, Optional.of(median), Optional.of(p95));
    }

    static FulfillmentEvent event(String orderId, FulfillmentStatus status, int sequence, Instant occurredAt) {
        return FulfillmentEvent.newBuilder()
                .setOrderId(orderId)
                .setStatus(status)
                .setSequence(sequence)
                .setOccurredAt(occurredAt)
                .setWarehouseId(orderId.startsWith("D01") ? "DIGITAL" : "W1")
                .build();
    }
}

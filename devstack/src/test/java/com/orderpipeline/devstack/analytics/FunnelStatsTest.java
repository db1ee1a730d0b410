package com.orderpipeline.devstack.analytics;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static com.orderpipeline.schemas.avro.ReturnStatus.AUTHORIZED;
import static com.orderpipeline.schemas.avro.ReturnStatus.IN_TRANSIT;
import static com.orderpipeline.schemas.avro.ReturnStatus.RECEIVED;
import static com.orderpipeline.schemas.avro.ReturnStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.DeclineReason;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RefundedItem;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnStatus;
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
                Map.entry(SHIPPED, 0L), Map.entry(DELIVERED, 0L), Map.entry(CANCELLED, 0L));
        assertThat(snapshot.orders()).isZero();
        assertThat(snapshot.events()).isZero();
        assertThat(snapshot.placedToShipped()).isEqualTo(DurationStats.EMPTY);
        assertThat(snapshot.placedToDelivered()).isEqualTo(DurationStats.EMPTY);
        assertThat(snapshot.cancelledOrders()).isZero();
        assertThat(snapshot.returns()).isEqualTo(ReturnFigures.NONE);
        assertThat(snapshot.refundsByCurrency()).isEmpty();
        assertThat(snapshot.refunds()).isZero();
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
                Map.entry(SHIPPED, 1L), Map.entry(DELIVERED, 2L), Map.entry(CANCELLED, 0L));
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
    void countsTheOrdersCancelledWhateverStepTheyHadReached() {
        advance("A", PLACED, CANCELLED);
        advance("B", PLACED, PICKED, PACKED, CANCELLED);
        advance("C", PLACED, PICKED, PACKED, SHIPPED);
        advance("D", PLACED);

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.cancelledOrders()).isEqualTo(2);
        assertThat(snapshot.orders()).isEqualTo(4);
        assertThat(snapshot.ordersIn(CANCELLED)).isEqualTo(2);
    }

    @Test
    void setsOrdersWithAnAuthorizedReturnAgainstThePhysicalOrdersDelivered() {
        advance("A", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        advance("B", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        advance("C", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        advance("D01-0000001-0000001", PLACED, DELIVERED);
        advance("E", PLACED, PICKED, PACKED, SHIPPED);
        // A: two returns, one of them through to its refund; B: one return and one declined request
        returnThrough("A-R1", "req-1", AUTHORIZED, IN_TRANSIT, RECEIVED, REFUNDED).forEach(stats::add);
        stats.add(returnStep("A-R2", "A", "req-2", AUTHORIZED, 1));
        stats.add(returnStep("B-R1", "B", "req-3", AUTHORIZED, 1));
        stats.add(declined("B", "req-4"));
        stats.add(declined("D01-0000001-0000001", "req-5"));

        ReturnFigures returns = stats.snapshot().returns();

        assertThat(returns).isEqualTo(new ReturnFigures(8, 3, 2, 3, 2, 0));
        assertThat(returns.requests()).isEqualTo(5);
    }

    @Test
    void countsAReturnOnceWhicheverOfItsEventsAreReadAndHoweverOften() {
        advance("A", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        stats.add(returnStep("A-R1", "A", "req-1", RECEIVED, 3));
        stats.add(returnStep("A-R1", "A", "req-1", AUTHORIZED, 1));
        stats.add(returnStep("A-R1", "A", "req-1", AUTHORIZED, 1));
        stats.add(declined("A", "req-2"));
        stats.add(declined("A", "req-2"));

        assertThat(stats.snapshot().returns()).isEqualTo(new ReturnFigures(5, 1, 1, 1, 1, 0));
    }

    @Test
    void leavesReturnsOfOrdersNotReadAsDeliveredOutOfTheReturnRate() {
        advance("A", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        stats.add(returnStep("X-R1", "X", "req-1", AUTHORIZED, 1));

        assertThat(stats.snapshot().returns()).isEqualTo(new ReturnFigures(1, 1, 0, 1, 0, 1));
    }

    @Test
    void addsUpRefundsPerCurrencyInMinorUnitsCountingEachRefundIdOnce() {
        stats.add(refund("refund-A-R1", "A", 14_999, "USD"));
        stats.add(refund("refund-B-R1", "B", 2_000, "EUR"));
        stats.add(refund("refund-C-R1", "C", 1_001, "USD"));
        stats.add(refund("refund-A-R1", "A", 14_999, "USD"));
        stats.add(refund("refund-D-R1", "D", 1_500, "JPY"));

        FunnelSnapshot snapshot = stats.snapshot();

        assertThat(snapshot.refundsByCurrency()).containsExactly(
                Map.entry("EUR", new RefundTotal(1, 2_000)),
                Map.entry("JPY", new RefundTotal(1, 1_500)),
                Map.entry("USD", new RefundTotal(2, 16_000)));
        assertThat(snapshot.refunds()).isEqualTo(4);
        assertThatThrownBy(() -> snapshot.refundsByCurrency().put("GBP", new RefundTotal(1, 1)))
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

    /** A step of an authorized return of one item, an hour after T0 and later by sequence. */
    static ReturnEvent returnStep(String returnId, String orderId, String requestId, ReturnStatus status, int sequence) {
        return returnEvent(returnId, orderId, requestId, status, sequence, null, null);
    }

    /** An authorized return's events through {@code statuses}, numbered 1, 2, 3... */
    static List<ReturnEvent> returnThrough(String returnId, String requestId, ReturnStatus... statuses) {
        String orderId = returnId.substring(0, returnId.lastIndexOf("-R"));
        List<ReturnEvent> events = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            events.add(returnStep(returnId, orderId, requestId, statuses[i], i + 1));
        }
        return events;
    }

    /** A return request declined: no return ID, and the reason. */
    static ReturnEvent declined(String orderId, String requestId) {
        return returnEvent(null, orderId, requestId, ReturnStatus.DECLINED, 1, DeclineReason.QUANTITY_EXCEEDED,
                "More was asked back than was delivered");
    }

    private static ReturnEvent returnEvent(String returnId, String orderId, String requestId, ReturnStatus status,
                                           int sequence, DeclineReason declineReason, String message) {
        // carrier, tracking number and refund summary play no part in the figures
        return new ReturnEvent(returnId, orderId, requestId, status, sequence, T0.plus(Duration.ofHours(sequence)),
                List.of(new ReturnItem("B00X4WHP5E", 1, null)), ReturnReason.DEFECTIVE, declineReason, message,
                null, null, null);
    }

    /** A refund of {@code amount} minor units of {@code currency} for one returned item. */
    static RefundIssued refund(String refundId, String orderId, long amount, String currency) {
        return RefundIssued.newBuilder()
                .setRefundId(refundId)
                .setOrderId(orderId)
                .setReturnId(orderId + "-R1")
                .setAmount(amount)
                .setCurrency(currency)
                .setItems(List.of(new RefundedItem("B00X4WHP5E", 1, amount, ItemCondition.SELLABLE)))
                .setIssuedAt(T0.plus(Duration.ofDays(3)))
                .build();
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

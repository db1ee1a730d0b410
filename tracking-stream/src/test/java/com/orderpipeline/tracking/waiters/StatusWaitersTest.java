package com.orderpipeline.tracking.waiters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.topology.TrackingViews;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The long-poll registry on its own: pushed answers, timeouts, cancellations, and nothing left behind. */
class StatusWaitersTest {
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final String ORDER = Orders.physicalId(42);

    // answers on the calling thread, so what onUpdate does is done when it returns
    private final StatusWaiters waiters = new StatusWaiters(Runnable::run);

    @AfterEach
    void close() {
        waiters.close();
    }

    @Test
    void everyWaiterIsAnsweredWhenTheStatusArrivesAndNoneIsLeftBehind() {
        List<CompletableFuture<WaitOutcome>> waits = IntStream.range(0, 100)
                .mapToObj(i -> waiters.await(ORDER, FulfillmentStatus.SHIPPED, Duration.ofSeconds(30))).toList();
        assertThat(waiters.size()).isEqualTo(100);

        waiters.onUpdate(view(FulfillmentStatus.PACKED));
        assertThat(waits).noneMatch(CompletableFuture::isDone);
        OrderTracking shipped = view(FulfillmentStatus.SHIPPED);
        waiters.onUpdate(shipped);

        await().atMost(Duration.ofSeconds(5)).until(() -> waits.stream().allMatch(CompletableFuture::isDone));
        assertThat(waits).allSatisfy(wait -> assertThat(wait.join()).isEqualTo(WaitOutcome.reached(shipped)));
        assertThat(waiters.size()).isZero();
        assertThat(waiters.orders()).isZero();
    }

    @Test
    void aLaterStatusAnswersAWaitForAnEarlierOneButNotTheOtherWayRound() {
        CompletableFuture<WaitOutcome> forPicked = waiters.await(ORDER, FulfillmentStatus.PICKED, Duration.ofSeconds(30));
        CompletableFuture<WaitOutcome> forDelivered = waiters.await(ORDER, FulfillmentStatus.DELIVERED, Duration.ofSeconds(30));

        waiters.onUpdate(view(FulfillmentStatus.PACKED));

        await().atMost(Duration.ofSeconds(5)).until(forPicked::isDone);
        assertThat(forPicked.join().reached()).isTrue();
        assertThat(forDelivered).isNotDone();
        assertThat(waiters.size()).isEqualTo(1);
    }

    @Test
    void waitsForOrdersThatMovedToAnotherInstanceEndAsMovedAndTheOthersWaitOn() {
        String movedAway = Orders.physicalId(43);
        CompletableFuture<WaitOutcome> staying = waiters.await(ORDER, FulfillmentStatus.SHIPPED, Duration.ofSeconds(30));
        CompletableFuture<WaitOutcome> moving = waiters.await(movedAway, FulfillmentStatus.SHIPPED, Duration.ofSeconds(30));

        waiters.handOver(orderId -> !orderId.equals(movedAway));

        assertThat(moving).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(WaitOutcome.movedAway());
        assertThat(staying).isNotDone();
        await().atMost(Duration.ofSeconds(1)).until(() -> waiters.size() == 1);
    }

    @Test
    void aWaitForAStatusTheOrderCanNoLongerReachEndsAtOnceUnreached() {
        CompletableFuture<WaitOutcome> forShipped = waiters.await(ORDER, FulfillmentStatus.SHIPPED, Duration.ofSeconds(30));
        CompletableFuture<WaitOutcome> forCancelled = waiters.await(ORDER, FulfillmentStatus.CANCELLED, Duration.ofSeconds(30));
        OrderTracking cancelled = view(FulfillmentStatus.CANCELLED);

        waiters.onUpdate(cancelled);

        assertThat(forShipped).succeedsWithin(Duration.ofSeconds(5)).satisfies(outcome -> {
            assertThat(outcome.reached()).isFalse();
            assertThat(outcome.view()).hasValue(cancelled);
        });
        assertThat(forCancelled).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(WaitOutcome.reached(cancelled));
        await().atMost(Duration.ofSeconds(1)).until(() -> waiters.size() == 0);
    }

    @Test
    void aWaitThatTimesOutSaysSoAndLeavesTheRegistry() {
        CompletableFuture<WaitOutcome> wait = waiters.await(ORDER, FulfillmentStatus.SHIPPED, Duration.ofMillis(100));

        assertThat(wait).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(WaitOutcome.timedOut());
        await().atMost(Duration.ofSeconds(1)).until(() -> waiters.size() == 0);
        assertThat(waiters.orders()).isZero();
    }

    @Test
    void aCancelledWaitLeavesTheRegistryAtOnce() {
        CompletableFuture<WaitOutcome> gone = waiters.await(ORDER, FulfillmentStatus.SHIPPED, Duration.ofSeconds(30));
        CompletableFuture<WaitOutcome> stays = waiters.await(ORDER, FulfillmentStatus.SHIPPED, Duration.ofSeconds(30));

        gone.cancel(false);

        assertThat(waiters.size()).isEqualTo(1);
        assertThat(stays).isNotDone();
    }

    @Test
    void updatesOfOrdersNobodyWaitsForCostNothing() {
        waiters.onUpdate(view(FulfillmentStatus.DELIVERED));

        assertThat(waiters.size()).isZero();
        assertThat(waiters.orders()).isZero();
    }

    private static OrderTracking view(FulfillmentStatus status) {
        OrderTracking placed = TrackingViews.placed(Orders.placed(ORDER, PLACED_AT, LocalDate.parse("2026-05-08")));
        return OrderTracking.newBuilder(placed).setStatus(status).build();
    }
}

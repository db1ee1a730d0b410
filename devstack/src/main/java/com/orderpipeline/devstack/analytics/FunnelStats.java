package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The order funnel over a stream of {@link FulfillmentEvent}s, with the {@link ReturnEvent}s and
 * {@link RefundIssued}s that follow delivery: feed it events with the {@code add} methods, read the figures with
 * {@link #snapshot()}. Pure and in memory (one small entry per order, return and refund); not thread-safe, so one
 * consumer thread both feeds and reads it.
 *
 * <p>It does not rely on the order of arrival. Kafka keeps one order's events in sequence (they are keyed by
 * order ID), but a consumer may start mid-history or read a re-delivered event, so:
 * <ul>
 *   <li>an order's current state is the status of the event with its highest {@code sequence} read so far;</li>
 *   <li>each step's time is the {@code occurredAt} of the first event read for that status; a repeat of a step
 *       changes nothing;</li>
 *   <li>times are computed when a snapshot is taken, so a SHIPPED event read before its PLACED one still
 *       counts once both are in;</li>
 *   <li>an order whose PLACED event (sequence 1) was never read is counted by state but has no times.</li>
 * </ul>
 * Percentiles are exact over all collected durations, nearest-rank (see {@link DurationStats}). The cancellation
 * rate is the share of orders with a CANCELLED step; the return rate the share of physical orders delivered that
 * have at least one authorized return (digital orders cannot be returned, so they would only dilute it). Returns
 * and refunds count each return ID and refund ID once (see {@link ReturnTally} and {@link RefundTally}). A
 * snapshot costs O(n log n) in the number of orders, which is fine for an example printed every few seconds.
 */
public final class FunnelStats {
    private final Map<String, OrderProgress> orders = new HashMap<>();
    private final ReturnTally returns = new ReturnTally();
    private final RefundTally refunds = new RefundTally();
    private long events;
    private long unreadableRecords;
    private String lastUnreadable;

    /** Takes in one event read from {@code orders.fulfillment}. */
    public void add(FulfillmentEvent event) {
        Objects.requireNonNull(event, "event");
        add(event.getOrderId(), event.getStatus(), event.getSequence(), event.getOccurredAt());
    }

    /** Takes in one step of an order: its status, sequence number (1 for PLACED) and when it happened. */
    public void add(String orderId, FulfillmentStatus status, int sequence, Instant occurredAt) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        events++;
        orders.computeIfAbsent(orderId, id -> new OrderProgress()).record(status, sequence, occurredAt);
    }

    /** Takes in one event read from {@code orders.returns}. */
    public void add(ReturnEvent event) {
        returns.add(event);
    }

    /** Takes in one refund read from {@code payments.refunds}. */
    public void add(RefundIssued refund) {
        refunds.add(refund);
    }

    /**
     * Counts a record that could not be read as the event its topic carries (not Avro, an unknown schema id, no
     * value at all) and remembers why, for the report.
     */
    public void countUnreadable(String description) {
        unreadableRecords++;
        lastUnreadable = description;
    }

    /** Records counted by {@link #countUnreadable} so far. */
    public long unreadableRecords() {
        return unreadableRecords;
    }

    public FunnelSnapshot snapshot() {
        Map<FulfillmentStatus, Long> byState = new EnumMap<>(FulfillmentStatus.class);
        long[] toShipped = new long[orders.size()];
        long[] toDelivered = new long[orders.size()];
        int shippedCount = 0;
        int deliveredCount = 0;
        long digital = 0;
        long withoutPlaced = 0;
        long cancelled = 0;
        long physicalDeliveries = 0;
        long returned = 0;
        for (Map.Entry<String, OrderProgress> entry : orders.entrySet()) {
            OrderProgress order = entry.getValue();
            byState.merge(order.currentStatus, 1L, Long::sum);
            if (order.reachedAt.containsKey(FulfillmentStatus.CANCELLED)) {
                cancelled++;
            }
            if (order.reachedAt.containsKey(FulfillmentStatus.DELIVERED) && !order.deliveredWithoutShipping()) {
                physicalDeliveries++;
                if (returns.hasReturn(entry.getKey())) {
                    returned++;
                }
            }
            Instant placed = order.reachedAt.get(FulfillmentStatus.PLACED);
            if (placed == null) {
                withoutPlaced++;
                continue;
            }
            Instant shipped = order.reachedAt.get(FulfillmentStatus.SHIPPED);
            Instant delivered = order.reachedAt.get(FulfillmentStatus.DELIVERED);
            if (shipped != null) {
                toShipped[shippedCount++] = shipped.toEpochMilli() - placed.toEpochMilli();
            }
            if (delivered != null) {
                if (order.deliveredWithoutShipping()) {
                    digital++;
                } else {
                    toDelivered[deliveredCount++] = delivered.toEpochMilli() - placed.toEpochMilli();
                }
            }
        }
        ReturnFigures returnFigures = new ReturnFigures(returns.events(), returns.authorized(), returns.declined(),
                physicalDeliveries, returned, returns.ordersWithReturns() - returned);
        return new FunnelSnapshot(byState, events,
                DurationStats.ofMillis(Arrays.copyOf(toShipped, shippedCount)),
                DurationStats.ofMillis(Arrays.copyOf(toDelivered, deliveredCount)),
                digital, withoutPlaced, cancelled, returnFigures, refunds.byCurrency(),
                unreadableRecords, Optional.ofNullable(lastUnreadable));
    }

    /** What is known of one order: its latest step and when it reached each status. */
    private static final class OrderProgress {
        private final Map<FulfillmentStatus, Instant> reachedAt = new EnumMap<>(FulfillmentStatus.class);
        private FulfillmentStatus currentStatus;
        private int currentSequence = Integer.MIN_VALUE;
        private int deliveredSequence;

        void record(FulfillmentStatus status, int sequence, Instant occurredAt) {
            if (sequence > currentSequence) {
                currentSequence = sequence;
                currentStatus = status;
            }
            if (reachedAt.putIfAbsent(status, occurredAt) == null && status == FulfillmentStatus.DELIVERED) {
                deliveredSequence = sequence;
            }
        }

        /**
         * A digital order goes PLACED → DELIVERED at once: its DELIVERED step is number 2. Judged by the sequence
         * rather than by a missing SHIPPED event, so a physical order whose SHIPPED event is still to be read is
         * not mistaken for a digital one.
         */
        boolean deliveredWithoutShipping() {
            return reachedAt.get(FulfillmentStatus.SHIPPED) == null && deliveredSequence == 2;
        }
    }
}

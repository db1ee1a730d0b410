package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.query.StoredAnswers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each order's tracking view and forwards every new version of it. Owns nine stores:
 * <ul>
 *   <li>{@link TrackingTopology#VIEW_STORE}: order ID to its {@link OrderTracking} view, read by the page, long polls
 *       and live streams;</li>
 *   <li>{@link TrackingTopology#VIEW_JSON_STORE}: order ID to the view as {@code GET /orders/{id}} answers it, written
 *       with the view ({@link StoredAnswers}), so that a lookup reads bytes and renders nothing;</li>
 *   <li>{@link TrackingTopology#PARKED_STORE}, {@link TrackingTopology#PARKED_RETURNS_STORE},
 *       {@link TrackingTopology#PARKED_REFUNDS_STORE} and {@link TrackingTopology#PARKED_CARRIER_STORE}: fulfillment
 *       events, return events, refunds and carrier events that arrived before their order (Kafka gives no order across topics), applied as soon as the order comes, dropped after
 *       the parked retention;</li>
 *   <li>{@link TrackingTopology#TOTALS_STORE}: order ID to its total, which refunds add up to for the payment status;
 *       kept beside the view because the view holds no prices;</li>
 *   <li>{@link TrackingTopology#DEADLINE_STORE}: the orders not yet delivered nor late, by promised day, so the
 *       late check reads only the overdue ones instead of every order;</li>
 *   <li>{@link TrackingTopology#DETAILS_STORE}: the order as placed, with its personal data, for the customer's
 *       order list and support; never in the view.</li>
 * </ul>
 * While its task runs (from its first record or punctuation to its close) it lends the view, answer and details
 * stores to {@link ActiveStores}, for reads to use directly.
 * A wall-clock punctuator flags overdue orders late: a promise is a date in the real world, and stream time
 * would stand still on a partition where no events come, which is exactly when an order is stalled.
 */
final class TrackingProcessor extends ContextualProcessor<String, TrackingInput, String, OrderTracking> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingProcessor.class);

    private final TrackingTopology.Settings settings;
    private final ViewListener listener;
    private final StoredAnswers answers;
    private final ActiveStores active;
    private ActiveStores.Lease lease;
    private KeyValueStore<String, OrderTracking> views;
    private KeyValueStore<String, byte[]> viewAnswers;
    private KeyValueStore<String, Long> totals;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, OrderPlaced> details;
    private ParkedEvents<FulfillmentEvent> parkedSteps;
    private ParkedEvents<ReturnEvent> parkedReturns;
    private ParkedEvents<RefundIssued> parkedRefunds;
    private ParkedEvents<CarrierEvent> parkedCarrierEvents;

    TrackingProcessor(TrackingTopology.Settings settings, ViewListener listener, StoredAnswers answers,
                      ActiveStores active) {
        this.settings = settings;
        this.listener = listener;
        this.answers = answers;
        this.active = active;
    }

    @Override
    public void init(ProcessorContext<String, OrderTracking> context) {
        super.init(context);
        views = context.getStateStore(TrackingTopology.VIEW_STORE);
        viewAnswers = context.getStateStore(TrackingTopology.VIEW_JSON_STORE);
        totals = context.getStateStore(TrackingTopology.TOTALS_STORE);
        deadlines = context.getStateStore(TrackingTopology.DEADLINE_STORE);
        details = context.getStateStore(TrackingTopology.DETAILS_STORE);
        parkedSteps = new ParkedEvents<>(context.getStateStore(TrackingTopology.PARKED_STORE), "fulfillment event",
                FulfillmentEvent::getOccurredAt);
        parkedReturns = new ParkedEvents<>(context.getStateStore(TrackingTopology.PARKED_RETURNS_STORE), "return event",
                ReturnEvent::getOccurredAt);
        parkedRefunds = new ParkedEvents<>(context.getStateStore(TrackingTopology.PARKED_REFUNDS_STORE), "refund",
                RefundIssued::getIssuedAt);
        parkedCarrierEvents = new ParkedEvents<>(context.getStateStore(TrackingTopology.PARKED_CARRIER_STORE),
                "carrier event", CarrierEvent::getOccurredAt);
        context.schedule(settings.lateCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
        lease = active.lease(context.taskId().partition(), Map.of(TrackingTopology.VIEW_STORE, views,
                TrackingTopology.VIEW_JSON_STORE, viewAnswers, TrackingTopology.DETAILS_STORE, details));
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.end();
        }
    }

    @Override
    public void process(Record<String, TrackingInput> record) {
        lease.start();
        String orderId = record.key();
        long timestamp = record.timestamp();
        if (orderId == null || record.value() == null) {
            LOG.warn("Skipped a record without an order ID or value at {}", timestamp);
            return;
        }
        if (record.value() instanceof TrackingInput.Placed placed) {
            onPlaced(orderId, placed.order(), timestamp);
        } else if (record.value() instanceof TrackingInput.Fulfilled fulfilled) {
            update(orderId, fulfilled.event(), TrackingViews::apply, timestamp,
                    event -> parkedSteps.park(orderId, stepPosition(event), event));
        } else if (record.value() instanceof TrackingInput.Returned returned) {
            update(orderId, returned.event(), ReturnViews::apply, timestamp,
                    event -> parkedReturns.park(orderId, returnPosition(event), event));
        } else if (record.value() instanceof TrackingInput.Refunded refunded) {
            update(orderId, refunded.refund(), ReturnViews::apply, timestamp,
                    refund -> parkedRefunds.park(orderId, refund.getRefundId(), refund));
        } else if (record.value() instanceof TrackingInput.Carried carried) {
            update(orderId, carried.event(), CarrierViews::apply, timestamp,
                    event -> parkedCarrierEvents.park(orderId, carrierPosition(event), event));
        }
    }

    private void onPlaced(String orderId, OrderPlaced order, long timestamp) {
        if (views.get(orderId) != null) {
            return; // a re-delivered order: the first one made the view
        }
        totals.put(orderId, order.getTotal());
        details.put(orderId, order);
        OrderTracking view = TrackingViews.placed(order);
        for (FulfillmentEvent event : parkedSteps.takeAll(orderId)) {
            view = TrackingViews.apply(view, event);
        }
        for (ReturnEvent event : parkedReturns.takeAll(orderId)) {
            view = ReturnViews.apply(view, event);
        }
        for (RefundIssued refund : parkedRefunds.takeAll(orderId)) {
            view = ReturnViews.apply(view, refund);
        }
        for (CarrierEvent event : parkedCarrierEvents.takeAll(orderId)) {
            view = CarrierViews.apply(view, event);
        }
        save(view, timestamp);
    }

    /** Applies an event to its order's view, or parks it when the order has not come yet. */
    private <E> void update(String orderId, E event, BiFunction<OrderTracking, E, OrderTracking> rule, long timestamp,
                            Consumer<E> park) {
        OrderTracking view = views.get(orderId);
        if (view == null) {
            park.accept(event);
            return;
        }
        OrderTracking next = rule.apply(view, event);
        if (next != view) {
            save(next, timestamp);
        }
    }

    private void save(OrderTracking view, long timestamp) {
        OrderTracking current = PaymentStatuses.withPaymentStatus(TrackingViews.withLateFlag(view, now()),
                () -> totals.get(view.getOrderId()));
        views.put(current.getOrderId(), current);
        viewAnswers.put(current.getOrderId(), answers.stored(current));
        if (current.getPromisedBy() != null) {
            String deadlineKey = Deadlines.indexKey(current.getPromisedBy(), current.getOrderId());
            boolean open = current.getDeliveredAt() == null && current.getStatus() != FulfillmentStatus.CANCELLED;
            if (open && !current.getLate()) {
                deadlines.put(deadlineKey, current.getOrderId());
            } else {
                deadlines.delete(deadlineKey);
            }
        }
        context().forward(new Record<>(current.getOrderId(), current, timestamp));
        listener.onUpdate(current);
    }

    /** Flags overdue orders late and drops parked events whose order never came. */
    private void housekeeping(long wallClockMs) {
        lease.start();
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<String, String>> overdue = new ArrayList<>();
        try (KeyValueIterator<String, String> due = deadlines.range(Deadlines.firstIndexKey(),
                Deadlines.lastOverdueIndexKey(now))) {
            due.forEachRemaining(overdue::add);
        }
        for (KeyValue<String, String> entry : overdue) {
            deadlines.delete(entry.key);
            OrderTracking view = views.get(entry.value);
            if (view != null && TrackingViews.withLateFlag(view, now) != view) {
                save(view, wallClockMs);
            }
        }
        parkedSteps.dropOlderThan(now, settings.parkedRetention());
        parkedReturns.dropOlderThan(now, settings.parkedRetention());
        parkedRefunds.dropOlderThan(now, settings.parkedRetention());
        parkedCarrierEvents.dropOlderThan(now, settings.parkedRetention());
    }

    private Instant now() {
        return Instant.ofEpochMilli(context().currentSystemTimeMs());
    }

    /** Sorts a parked order's steps by sequence, so they are applied in the order they happened. */
    private static String stepPosition(FulfillmentEvent event) {
        return String.format(Locale.ROOT, "%010d", event.getSequence());
    }

    /** Sorts a parked order's carrier events by time, each eventId once. */
    private static String carrierPosition(CarrierEvent event) {
        return String.format(Locale.ROOT, "%013d|%s", event.getOccurredAt().toEpochMilli(), event.getEventId());
    }

    /**
     * Sorts a parked order's return events by time, so the returns keep the order they were decided in, and names
     * each by its return (or, declined, its request) and sequence, so a re-delivered one replaces the first.
     */
    private static String returnPosition(ReturnEvent event) {
        String subject = event.getReturnId() != null ? event.getReturnId() : event.getRequestId();
        return String.format(Locale.ROOT, "%013d|%s|%010d", event.getOccurredAt().toEpochMilli(), subject,
                event.getSequence());
    }
}

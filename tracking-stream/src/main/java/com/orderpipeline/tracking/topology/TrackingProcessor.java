package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
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
 * Keeps each order's tracking view and forwards every new version of it. Owns three stores:
 * <ul>
 *   <li>{@link TrackingTopology#VIEW_STORE}: order ID to its {@link OrderTracking} view, the store queried over HTTP;</li>
 *   <li>{@link TrackingTopology#PARKED_STORE}: fulfillment events that arrived before their order (Kafka gives no
 *       order across topics), applied as soon as the order comes, dropped after the parked retention;</li>
 *   <li>{@link TrackingTopology#DEADLINE_STORE}: the orders not yet delivered nor late, by promised day, so the
 *       late check reads only the overdue ones instead of every order.</li>
 * </ul>
 * A wall-clock punctuator flags overdue orders late: a promise is a date in the real world, and stream time
 * would stand still on a partition where no events come, which is exactly when an order is stalled.
 */
final class TrackingProcessor extends ContextualProcessor<String, TrackingInput, String, OrderTracking> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingProcessor.class);
    private static final String PARKED_SEPARATOR = "|";

    private final TrackingTopology.Settings settings;
    private final ViewListener listener;
    private KeyValueStore<String, OrderTracking> views;
    private KeyValueStore<String, FulfillmentEvent> parked;
    private KeyValueStore<String, String> deadlines;

    TrackingProcessor(TrackingTopology.Settings settings, ViewListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, OrderTracking> context) {
        super.init(context);
        views = context.getStateStore(TrackingTopology.VIEW_STORE);
        parked = context.getStateStore(TrackingTopology.PARKED_STORE);
        deadlines = context.getStateStore(TrackingTopology.DEADLINE_STORE);
        context.schedule(settings.lateCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
    }

    @Override
    public void process(Record<String, TrackingInput> record) {
        if (record.key() == null || record.value() == null) {
            LOG.warn("Skipped a record without an order ID or value at {}", record.timestamp());
            return;
        }
        if (record.value() instanceof TrackingInput.Placed placed) {
            onPlaced(record.key(), placed.order(), record.timestamp());
        } else if (record.value() instanceof TrackingInput.Fulfilled fulfilled) {
            onFulfillment(record.key(), fulfilled.event(), record.timestamp());
        }
    }

    private void onPlaced(String orderId, OrderPlaced order, long timestamp) {
        if (views.get(orderId) != null) {
            return; // a re-delivered order: the first one made the view
        }
        OrderTracking view = TrackingViews.placed(order);
        List<String> applied = new ArrayList<>();
        try (KeyValueIterator<String, FulfillmentEvent> early = parked.prefixScan(orderId + PARKED_SEPARATOR,
                Serdes.String().serializer())) {
            while (early.hasNext()) {
                KeyValue<String, FulfillmentEvent> entry = early.next();
                view = TrackingViews.apply(view, entry.value);
                applied.add(entry.key);
            }
        }
        applied.forEach(parked::delete);
        save(view, timestamp);
    }

    private void onFulfillment(String orderId, FulfillmentEvent event, long timestamp) {
        OrderTracking view = views.get(orderId);
        if (view == null) {
            parked.put(parkedKey(orderId, event.getSequence()), event);
            return;
        }
        OrderTracking next = TrackingViews.apply(view, event);
        if (next != view) {
            save(next, timestamp);
        }
    }

    private void save(OrderTracking view, long timestamp) {
        OrderTracking current = TrackingViews.withLateFlag(view, now());
        views.put(current.getOrderId(), current);
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
        dropStaleParkedEvents(now);
    }

    private void dropStaleParkedEvents(Instant now) {
        Instant oldestKept = now.minus(settings.parkedRetention());
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, FulfillmentEvent> all = parked.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getOccurredAt().isBefore(oldestKept)) {
                    expired.add(entry.key);
                }
            });
        }
        for (String key : expired) {
            LOG.warn("Dropped fulfillment event {}: its order never arrived on the orders topic within {}",
                    key, settings.parkedRetention());
            parked.delete(key);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(context().currentSystemTimeMs());
    }

    /** Sorts a parked order's events by sequence, so they are applied in the order they happened. */
    static String parkedKey(String orderId, int sequence) {
        return orderId + PARKED_SEPARATOR + String.format("%010d", sequence);
    }
}

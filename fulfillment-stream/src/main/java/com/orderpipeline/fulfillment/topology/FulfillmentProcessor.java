package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.fulfillment.rules.OrderIntake;
import com.orderpipeline.fulfillment.rules.OrderIntake.Admission;
import com.orderpipeline.fulfillment.rules.OrderStates;
import com.orderpipeline.fulfillment.rules.OrderStates.Step;
import com.orderpipeline.fulfillment.rules.ScanRules;
import com.orderpipeline.fulfillment.rules.Verdict;
import com.orderpipeline.fulfillment.rules.Verdict.Advance;
import com.orderpipeline.fulfillment.rules.Verdict.Refuse;
import com.orderpipeline.fulfillment.rules.Verdict.Reject;
import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.runtime.streams.InvalidRecordException;
import com.orderpipeline.runtime.streams.KeyPartitions;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RequestRejected;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.WarehouseScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fulfillment state machine on a stream thread. Reads placed orders, warehouse scans and cancellation
 * requests (keyed by order ID), judges each scan and request by {@link ScanRules}, and writes
 * {@code FulfillmentEvent}s to the events sink, {@code ScanRejected}s to the rejections sink and
 * {@code RequestRejected}s to the request rejections sink. Owns the {@value FulfillmentTopology#ORDERS_STORE} store and,
 * through {@link ParkingLot}, the {@value FulfillmentTopology#PARKED_SCANS_STORE} store; a stream-time
 * punctuator rejects parked scans whose grace period is over.
 *
 * <p>Every decision is made before anything is written, so a record that throws (an
 * {@link InvalidRecordException}, or a bug) leaves the stores as they were when Kafka Streams' processing
 * exception handler sends it to the dead letters.
 */
final class FulfillmentProcessor extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillmentProcessor.class);

    private final FulfillmentSettings settings;
    private final FulfillmentListener listener;
    private KeyValueStore<String, OrderState> orders;
    private ParkingLot parking;

    FulfillmentProcessor(FulfillmentSettings settings, FulfillmentListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        orders = context.getStateStore(FulfillmentTopology.ORDERS_STORE);
        parking = new ParkingLot(context.getStateStore(FulfillmentTopology.PARKED_SCANS_STORE));
        // Stream time, not wall-clock time: the verdict depends only on the input, so a replay after a crash or
        // a catch-up after downtime decides exactly as the first run did (see docs/fulfillment.md).
        context.schedule(settings.expiryCheckInterval(), PunctuationType.STREAM_TIME, this::expireParkedScans);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof OrderPlaced order) {
            requireKeyed(record.key(), order.getOrderId());
            admit(record.key(), order, record.timestamp());
        } else if (record.value() instanceof WarehouseScan scan) {
            requireKeyed(record.key(), scan.getOrderId());
            if (scan.getScanId().isBlank()) {
                throw new InvalidRecordException("The scan for order " + scan.getOrderId() + " has a blank scanId");
            }
            judge(record.key(), scan, record.timestamp());
        } else if (record.value() instanceof CancellationRequested request) {
            requireKeyed(record.key(), request.getOrderId());
            if (request.getRequestId().isBlank()) {
                throw new InvalidRecordException("The cancellation of order " + request.getOrderId() + " has a blank requestId");
            }
            decide(record.key(), request, record.timestamp());
        } else {
            throw new InvalidRecordException("Record with key '" + record.key() + "' has "
                    + (record.value() == null ? "no value" : "a value of type " + record.value().getClass().getName()));
        }
    }

    private void admit(String orderId, OrderPlaced order, long timestamp) {
        if (orders.get(orderId) != null) {
            LOG.debug("Order {} was placed again; its first placement stands", orderId);
            return;
        }
        Admission admission = OrderIntake.admit(order, settings.routes());
        orders.put(orderId, admission.state());
        admission.events().forEach(event -> emit(event, timestamp));
        // a cancellation that came before its order is the customer's latest word: decided before the scans
        OrderState current = admission.state();
        ParkingLot.Waiting waiting = parking.waitingFor(orderId);
        List<String> decided = new ArrayList<>();
        for (CancellationRequested request : waiting.requests()) {
            current = apply(ScanRules.judge(request, current, OrderStates.hasSeen(current, request.getRequestId())),
                    request, current, timestamp);
            decided.add(request.getRequestId());
        }
        parking.release(orderId, List.of(), decided);
        retryParked(orderId, waiting.scans(), current, timestamp);
    }

    private void decide(String orderId, CancellationRequested request, long timestamp) {
        OrderState order = orders.get(orderId);
        boolean seenBefore = OrderStates.hasSeen(order, request.getRequestId()) || parking.requestsOf(orderId).stream()
                .anyMatch(waiting -> waiting.getRequestId().equals(request.getRequestId()));
        Verdict verdict = ScanRules.judge(request, order, seenBefore);
        if (verdict == Verdict.PARK) {
            parking.park(request, parkingTime(timestamp));
            return;
        }
        OrderState after = apply(verdict, request, order, timestamp);
        if (verdict == Verdict.CANCEL) {
            // scans parked for a later step are refused now, not at the end of their grace period
            retryParked(orderId, parking.scansOf(orderId), after, timestamp);
        }
    }

    /** Carries out a verdict on a cancellation request; answers the order's state after it. */
    private OrderState apply(Verdict verdict, CancellationRequested request, OrderState order, long timestamp) {
        if (verdict == Verdict.CANCEL) {
            Step step = OrderStates.cancel(order, request);
            orders.put(step.state().getOrderId(), step.state());
            emit(step.event(), timestamp);
            return step.state();
        }
        if (verdict instanceof Refuse refuse) {
            RequestRejected rejection = new RequestRejected(request.getRequestId(), request.getOrderId(), refuse.reason(),
                    order == null ? null : OrderStates.status(order), refuse.message(), Instant.ofEpochMilli(timestamp));
            context().forward(new Record<>(request.getOrderId(), rejection, timestamp),
                    FulfillmentTopology.REQUESTS_REJECTED_SINK);
            if (order == null) {
                return null;
            }
            OrderState remembered = OrderStates.remember(order, request.getRequestId());
            orders.put(remembered.getOrderId(), remembered);
            return remembered;
        }
        return order;
    }

    private void judge(String orderId, WarehouseScan scan, long timestamp) {
        OrderState order = orders.get(orderId);
        List<WarehouseScan> parked = parking.scansOf(orderId);
        boolean seenBefore = OrderStates.hasSeen(order, scan.getScanId())
                || parked.stream().anyMatch(waiting -> waiting.getScanId().equals(scan.getScanId()));
        Verdict verdict = ScanRules.judge(scan, order, seenBefore);
        if (verdict == Verdict.PARK) {
            verdict = ScanRules.park(scan, order, parked.size(), settings.maxParkedScansPerOrder());
        }
        if (verdict == Verdict.PARK) {
            parking.park(scan, parkingTime(timestamp));
            listener.parked(scan);
            return;
        }
        OrderState after = apply(verdict, scan, order, timestamp);
        if (verdict instanceof Advance) {
            retryParked(orderId, parked, after, timestamp);
        }
    }

    /**
     * The stream time a scan is parked at, from which its grace period runs. The record's timestamp is the
     * sender's claim (a slow warehouse clock, a batch upload): parked at it, a scan stamped nine minutes late
     * would be rejected a minute after it arrived. Kafka Streams moves the task's stream time to a record's
     * timestamp before handing the record over, so the stream time already is the later of the two; the max
     * says so rather than relying on it.
     */
    private long parkingTime(long timestamp) {
        return Math.max(timestamp, context().currentStreamTimeMs());
    }

    /**
     * Judges the order's parked scans (in step order) again after it arrived or advanced, until none of them
     * changes anything; the store is read once, by the caller, and written once, for all the scans decided.
     */
    private void retryParked(String orderId, List<WarehouseScan> parked, OrderState order, long timestamp) {
        List<WarehouseScan> waiting = new ArrayList<>(parked);
        List<String> decided = new ArrayList<>();
        OrderState current = order;
        boolean decidedOne = true;
        while (decidedOne) {
            decidedOne = false;
            for (Iterator<WarehouseScan> scans = waiting.iterator(); scans.hasNext(); ) {
                WarehouseScan scan = scans.next();
                Verdict verdict = ScanRules.judge(scan, current, OrderStates.hasSeen(current, scan.getScanId()));
                if (verdict != Verdict.PARK) {
                    scans.remove();
                    decided.add(scan.getScanId());
                    current = apply(verdict, scan, current, timestamp);
                    decidedOne = true;
                    break;
                }
            }
        }
        parking.release(orderId, decided);
    }

    private void expireParkedScans(long streamTime) {
        long cutoff = streamTime - settings.gracePeriod().toMillis();
        for (Map.Entry<String, ParkingLot.Waiting> expired : parking.parkedUntil(cutoff).entrySet()) {
            String orderId = expired.getKey();
            OrderState order = orders.get(orderId);
            List<String> scans = new ArrayList<>();
            for (WarehouseScan scan : expired.getValue().scans()) {
                scans.add(scan.getScanId());
                order = apply(ScanRules.expire(scan, order, settings.gracePeriod()), scan, order, streamTime);
            }
            List<String> requests = new ArrayList<>();
            for (CancellationRequested request : expired.getValue().requests()) {
                requests.add(request.getRequestId());
                apply(ScanRules.expire(request, settings.gracePeriod()), request, null, streamTime);
            }
            parking.release(orderId, scans, requests);
        }
    }

    /** Carries out a verdict other than PARK; answers the order's state after it (null while it is unknown). */
    private OrderState apply(Verdict verdict, WarehouseScan scan, OrderState order, long timestamp) {
        if (verdict instanceof Advance advance) {
            Step step = OrderStates.advance(order, scan, advance.to());
            orders.put(step.state().getOrderId(), step.state());
            emit(step.event(), timestamp);
            return step.state();
        }
        if (verdict instanceof Reject reject) {
            ScanRejected rejection = new ScanRejected(scan, order == null ? null : OrderStates.status(order),
                    reject.reason(), reject.message(), Instant.ofEpochMilli(timestamp));
            context().forward(new Record<>(scan.getOrderId(), rejection, timestamp), FulfillmentTopology.REJECTIONS_SINK);
            listener.rejected(rejection);
            if (order == null) {
                return null;
            }
            OrderState remembered = OrderStates.remember(order, scan.getScanId());
            orders.put(remembered.getOrderId(), remembered);
            return remembered;
        }
        return order;
    }

    private void emit(FulfillmentEvent event, long timestamp) {
        context().forward(new Record<>(event.getOrderId(), event, timestamp), FulfillmentTopology.EVENTS_SINK);
        listener.emitted(event);
    }

    /** Keyed by its order ID, and on that key's partition, where the order's state lives. */
    private void requireKeyed(String key, String orderId) {
        KeyPartitions.requireKeyedByOrderId(key, orderId, context().recordMetadata(), settings.inputPartitions());
    }
}

package com.orderpipeline.returns.topology;

import com.orderpipeline.returns.rules.ReturnRules;
import com.orderpipeline.returns.rules.ReturnStates;
import com.orderpipeline.returns.rules.ReturnStates.Step;
import com.orderpipeline.returns.rules.ReturnVerdict;
import com.orderpipeline.returns.rules.ReturnVerdict.Decline;
import com.orderpipeline.returns.rules.ReturnVerdict.Reject;
import com.orderpipeline.returns.state.OrderReturns;
import com.orderpipeline.returns.state.ReturnState;
import com.orderpipeline.runtime.streams.InvalidRecordException;
import com.orderpipeline.runtime.streams.KeyPartitions;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.avro.ReturnStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Returns on a stream thread. Keeps what it needs of each order from {@code orders.placed} and
 * {@code orders.fulfillment}, judges return requests and return scans by {@link ReturnRules}, and writes
 * {@code ReturnEvent}s, {@code RefundIssued}s and {@code ReturnScanRejected}s to their sinks. Owns the
 * {@value ReturnsTopology#ORDERS_STORE} and {@value ReturnsTopology#SHIP_BY_STORE} stores; a stream-time
 * punctuator closes returns not shipped back in time.
 *
 * <p>Every decision is made before anything is written, so a record that throws (an
 * {@link InvalidRecordException}, or a bug) leaves the stores as they were when Kafka Streams' processing
 * exception handler sends it to the dead letters.
 */
final class ReturnsProcessor extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {
    private final ReturnsSettings settings;
    private final ReturnsListener listener;
    private KeyValueStore<String, OrderReturns> orders;
    private KeyValueStore<String, String> shipBy;

    ReturnsProcessor(ReturnsSettings settings, ReturnsListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        orders = context.getStateStore(ReturnsTopology.ORDERS_STORE);
        shipBy = context.getStateStore(ReturnsTopology.SHIP_BY_STORE);
        // stream time, not wall-clock time: a replay after a crash closes exactly the returns the first run did
        context.schedule(settings.shipByCheckInterval(), PunctuationType.STREAM_TIME, this::closeUnshipped);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof OrderPlaced order) {
            requireKeyed(record.key(), order.getOrderId());
            store(ReturnStates.placed(orders.get(record.key()), order));
        } else if (record.value() instanceof FulfillmentEvent event) {
            requireKeyed(record.key(), event.getOrderId());
            store(ReturnStates.fulfilled(orders.get(record.key()), event));
        } else if (record.value() instanceof ReturnRequested request) {
            requireKeyed(record.key(), request.getOrderId());
            requireReadable(request);
            decide(request, record.timestamp());
        } else if (record.value() instanceof ReturnScan scan) {
            requireKeyed(record.key(), scan.getOrderId());
            if (scan.getScanId().isBlank()) {
                throw new InvalidRecordException("The return scan for order " + scan.getOrderId() + " has a blank scanId");
            }
            judge(scan, record.timestamp());
        } else {
            throw new InvalidRecordException("Record with key '" + record.key() + "' has "
                    + (record.value() == null ? "no value" : "a value of type " + record.value().getClass().getName()));
        }
    }

    private void decide(ReturnRequested request, long timestamp) {
        OrderReturns order = orders.get(request.getOrderId());
        ReturnVerdict verdict = ReturnRules.judge(request, order, settings.policy());
        if (verdict == ReturnVerdict.AUTHORIZE) {
            Step step = ReturnStates.authorize(order, request);
            ReturnState authorized = step.state().getReturns().get(step.state().getReturns().size() - 1);
            shipBy.put(shipByKey(authorized), authorized.getReturnId());
            carryOut(step, timestamp);
        } else if (verdict instanceof Decline decline) {
            emit(ReturnStates.declined(request, decline.reason(), decline.message()), timestamp);
            if (order != null) {
                orders.put(order.getOrderId(), ReturnStates.remember(order, request.getRequestId()));
            }
        }
    }

    private void judge(ReturnScan scan, long timestamp) {
        OrderReturns order = orders.get(scan.getOrderId());
        ReturnVerdict verdict = ReturnRules.judge(scan, order);
        Optional<ReturnState> ret = ReturnStates.find(order, scan.getReturnId());
        if (verdict == ReturnVerdict.SHIP) {
            shipBy.delete(shipByKey(ret.orElseThrow()));
            carryOut(ReturnStates.ship(order, ret.orElseThrow(), scan), timestamp);
        } else if (verdict == ReturnVerdict.RECEIVE) {
            shipBy.delete(shipByKey(ret.orElseThrow()));
            carryOut(ReturnStates.receive(order, ret.orElseThrow(), scan, Instant.ofEpochMilli(timestamp)), timestamp);
        } else if (verdict instanceof Reject reject) {
            ReturnScanRejected rejection = new ReturnScanRejected(scan,
                    ret.map(found -> ReturnStatus.valueOf(found.getStatus())).orElse(null), reject.reason(),
                    reject.message(), Instant.ofEpochMilli(timestamp));
            context().forward(new Record<>(scan.getOrderId(), rejection, timestamp), ReturnsTopology.REJECTIONS_SINK);
            listener.rejected(rejection);
            if (order != null) {
                orders.put(order.getOrderId(), ReturnStates.remember(order, scan.getScanId()));
            }
        }
    }

    /**
     * Closes the returns whose ship-by time has come (in stream time) and that were not shipped back. The store is
     * keyed by that time, so the pass reads only the returns that are due, and stops at the first that is not.
     */
    private void closeUnshipped(long streamTime) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> byDeadline = shipBy.all()) {
            while (byDeadline.hasNext()) {
                KeyValue<String, String> next = byDeadline.next();
                if (deadlineOf(next.key) > streamTime) {
                    break;
                }
                due.add(next);
            }
        }
        for (KeyValue<String, String> deadline : due) {
            shipBy.delete(deadline.key);
            OrderReturns order = orders.get(orderIdOf(deadline.value));
            ReturnStates.find(order, deadline.value)
                    .filter(ret -> ret.getStatus().equals(ReturnStatus.AUTHORIZED.name()))
                    .ifPresent(ret -> carryOut(ReturnStates.expire(order, ret, settings.policy().shipBy(),
                            Instant.ofEpochMilli(deadlineOf(deadline.key))), streamTime));
        }
    }

    /**
     * {@code <ship-by time in epoch millis, 13 digits>/<returnId>}: the store's byte order is then the order of the
     * deadlines (until the year 2286). A RETURN_SHIP_BY changed between runs leaves the entries made before under
     * their old times: each is deleted when its time comes, and closes its return only if it is still AUTHORIZED.
     */
    private String shipByKey(ReturnState ret) {
        // not String.format, which parses its pattern on every call: this runs for every return request and scan
        String deadline = Long.toString(ReturnStates.shipBy(ret, settings.policy().shipBy()).toEpochMilli());
        return "0".repeat(Math.max(0, 13 - deadline.length())) + deadline + "/" + ret.getReturnId();
    }

    private static long deadlineOf(String shipByKey) {
        return Long.parseLong(shipByKey.substring(0, shipByKey.indexOf('/')));
    }

    private void carryOut(Step step, long timestamp) {
        orders.put(step.state().getOrderId(), step.state());
        step.events().forEach(event -> emit(event, timestamp));
        step.refund().ifPresent(refund -> {
            context().forward(new Record<>(refund.getOrderId(), refund, timestamp), ReturnsTopology.REFUNDS_SINK);
            listener.refunded(refund);
        });
    }

    private void emit(ReturnEvent event, long timestamp) {
        context().forward(new Record<>(event.getOrderId(), event, timestamp), ReturnsTopology.EVENTS_SINK);
        listener.emitted(event);
    }

    private void store(OrderReturns order) {
        if (order != null) {
            orders.put(order.getOrderId(), order);
        }
    }

    /** {@code <orderId>-R<n>} → the order ID. */
    private static String orderIdOf(String returnId) {
        return returnId.substring(0, returnId.lastIndexOf("-R"));
    }

    /** A request the rules can judge: an ID, and lines of a SKU and a positive quantity each. */
    private static void requireReadable(ReturnRequested request) {
        String orderId = request.getOrderId();
        if (request.getRequestId().isBlank()) {
            throw new InvalidRecordException("The return request for order " + orderId + " has a blank requestId");
        }
        if (request.getItems().isEmpty()) {
            throw new InvalidRecordException("Return request " + request.getRequestId() + " for order " + orderId
                    + " asks for no items");
        }
        for (ReturnItem item : request.getItems()) {
            if (item.getSku().isBlank() || item.getQuantity() < 1) {
                throw new InvalidRecordException("Return request " + request.getRequestId() + " for order " + orderId
                        + " has a line of SKU '" + item.getSku() + "' and quantity " + item.getQuantity()
                        + "; each line needs a SKU and a quantity of at least 1");
            }
        }
    }

    /** Keyed by its order ID, and on that key's partition, where the order's returns live. */
    private void requireKeyed(String key, String orderId) {
        KeyPartitions.requireKeyedByOrderId(key, orderId, context().recordMetadata(), settings.inputPartitions());
    }
}

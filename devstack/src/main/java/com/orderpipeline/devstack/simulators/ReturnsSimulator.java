package com.orderpipeline.devstack.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.WorkOrderItem;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated buyers sending things back, and the carrier and returns centre that take them, using only what real
 * ones have. The buyers of a share of the physical orders ask, a few seconds after delivery, to return an item
 * over order-id-service's public API. For every return returns-stream authorizes on {@code orders.returns}, the
 * carrier scans the parcel SHIPPED_BACK and the returns centre scans it RECEIVED a few seconds later on
 * {@code returns.scans}, with the condition of each line: mostly SELLABLE, a few DAMAGED or MISSING. So refunds
 * flow within a couple of minutes of a fresh start.
 *
 * <p>Which orders are returned follows from their IDs, and requests and scans carry IDs derived from the order
 * and the return, so what is sent again after a restart is recognised as a re-delivery.
 */
public final class ReturnsSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnsSimulator.class);
    private static final int MAX_AWAITED_DELIVERIES = 10_000;
    private static final String RETURNS_CENTRE = "RTN-1";
    private static final String[] REASONS = {"DAMAGED", "DEFECTIVE", "NOT_AS_DESCRIBED", "NO_LONGER_NEEDED", "WRONG_ITEM"};

    /**
     * How often things happen, each a share from 0 to 1.
     *
     * @param returned share of physical orders of which an item is sent back once delivered
     * @param damaged  share of returned lines received DAMAGED
     * @param missing  share of returned lines not in the parcel (MISSING)
     */
    public record Shares(double returned, double damaged, double missing) {
        public static final Shares DEFAULT = new Shares(0.05, 0.08, 0.04);
    }

    /** An order to be returned once delivered: the line that goes back, and its PLACED event still to answer. */
    private record AwaitedDelivery(String sku, int quantity, TopicFollower.Reply placed) {
    }

    private final OrderApiClient api;
    private final Shares shares;
    private final double speed;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, AwaitedDelivery> awaited = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AwaitedDelivery> eldest) {
                    boolean full = size() > MAX_AWAITED_DELIVERIES;
                    if (full) {
                        eldest.getValue().placed().done();
                    }
                    return full;
                }
            });
    private final AtomicLong returnsRequested = new AtomicLong();
    private final SimulatorProducer<ReturnScan> scans;
    private final TopicFollower<FulfillmentEvent> buyers;
    private final TopicFollower<ReturnEvent> returnsCentre;

    /** @param speed 1 for the default pace; 2 takes half the time */
    public ReturnsSimulator(Map<String, Object> kafka, SchemaRegistryClient registry, String fulfillmentTopic,
                            String returnsTopic, String returnScansTopic, OrderApiClient api, Shares shares,
                            double speed, Clock clock) {
        this.api = api;
        this.shares = shares;
        this.speed = speed;
        this.clock = clock;
        this.scans = new SimulatorProducer<>(kafka, "returns-simulator", registry, ReturnScan.class, returnScansTopic);
        this.buyers = new TopicFollower<>(kafka, "returns-simulator-buyers", fulfillmentTopic,
                new AvroDeserializer<>(FulfillmentEvent.class, registry), this::followOrder);
        this.returnsCentre = new TopicFollower<>(kafka, "returns-simulator-centre", returnsTopic,
                new AvroDeserializer<>(ReturnEvent.class, registry), this::followReturn);
    }

    /** Return requests the API accepted (202); returns-stream still decides each. */
    public long returnsRequested() {
        return returnsRequested.get();
    }

    public long returnScansSent() {
        return scans.sent();
    }

    private void followOrder(FulfillmentEvent event, TopicFollower.Reply reply) {
        String orderId = event.getOrderId();
        if (event.getStatus() == FulfillmentStatus.PLACED && event.getWorkOrder() != null && isReturned(orderId)) {
            WorkOrderItem line = event.getWorkOrder().getItems().get(0);
            int quantity = ThreadLocalRandom.current().nextInt(5) == 0 ? line.getQuantity() : 1;
            awaited.put(orderId, new AwaitedDelivery(line.getSku(), quantity, reply));
            return;
        }
        AwaitedDelivery delivery = event.getStatus() == FulfillmentStatus.DELIVERED || event.getStatus() == FulfillmentStatus.CANCELLED
                ? awaited.remove(orderId) : null;
        if (delivery == null) {
            reply.done();
        } else if (event.getStatus() == FulfillmentStatus.CANCELLED) {
            delivery.placed().done();
            reply.done();
        } else {
            reply.after(paced(2_000, 4_000), "the return request of " + orderId, () -> {
                requestReturn(orderId, delivery);
                delivery.placed().done();
            });
        }
    }

    /** Whether the buyer of this order sends an item back: decided by its ID, so a restart decides the same. */
    private boolean isReturned(String orderId) {
        return Math.floorMod(orderId.hashCode() * 0x9E3779B1, 10_000) < shares.returned() * 10_000;
    }

    private void requestReturn(String orderId, AwaitedDelivery delivery) {
        ObjectNode request = json.createObjectNode();
        request.putArray("items").addObject().put("sku", delivery.sku()).put("quantity", delivery.quantity());
        request.put("reason", REASONS[Math.floorMod(orderId.hashCode(), REASONS.length)]).put("comment", "Sent back from the shop's simulator");
        HttpResponse<String> response;
        try {
            response = api.post("/orders/" + orderId + "/returns", "return-" + orderId, request)
                    .orElseThrow(() -> new IllegalStateException("the order API cannot be reached"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for a return", e);
        }
        if (response.statusCode() == 503) {
            throw new IllegalStateException("the order API answered 503: " + response.body());
        }
        if (response.statusCode() == 202) {
            returnsRequested.incrementAndGet();
        } else {
            LOG.warn("The return request of {} was refused with {}: {}", orderId, response.statusCode(), response.body());
        }
    }

    private void followReturn(ReturnEvent event, TopicFollower.Reply reply) {
        switch (event.getStatus()) {
            case AUTHORIZED -> reply.after(paced(3_000, 5_000), "the SHIPPED_BACK scan of " + event.getReturnId(),
                    () -> scans.send(event.getOrderId(), scan(event, ReturnScanType.SHIPPED_BACK)
                            .setCarrier(Parcels.carrier(event.getReturnId()))
                            .setTrackingNumber(Parcels.trackingNumber("RT", event.getReturnId()))
                            .setLines(List.of()).build()));
            case IN_TRANSIT -> reply.after(paced(4_000, 6_000), "the RECEIVED scan of " + event.getReturnId(),
                    () -> scans.send(event.getOrderId(), scan(event, ReturnScanType.RECEIVED).setWarehouseId(RETURNS_CENTRE)
                            .setLines(event.getItems().stream().map(item -> new ReturnItem(item.getSku(), item.getQuantity(),
                                    condition())).toList()).build()));
            default -> reply.done();
        }
    }

    private ReturnScan.Builder scan(ReturnEvent event, ReturnScanType type) {
        return ReturnScan.newBuilder()
                .setScanId(event.getReturnId() + "/" + type.name())
                .setReturnId(event.getReturnId())
                .setOrderId(event.getOrderId())
                .setType(type)
                .setScannedAt(clock.instant());
    }

    private ItemCondition condition() {
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < shares.missing()) {
            return ItemCondition.MISSING;
        }
        return draw < shares.missing() + shares.damaged() ? ItemCondition.DAMAGED : ItemCondition.SELLABLE;
    }

    /** A delay of {@code base} plus up to {@code spread} milliseconds, at this simulator's speed. */
    private Duration paced(int base, int spread) {
        return Duration.ofMillis((long) ((base + ThreadLocalRandom.current().nextInt(spread)) / speed));
    }

    @Override
    public void close() {
        buyers.close();
        returnsCentre.close();
        scans.close();
    }
}

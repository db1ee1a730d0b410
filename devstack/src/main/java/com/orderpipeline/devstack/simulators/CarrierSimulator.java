package com.orderpipeline.devstack.simulators;

import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated carrier between the warehouse's SHIPPED scan and its DELIVERED one: for every parcel shipped on
 * {@code orders.fulfillment} it reports on {@code carrier.events}, with the schema tracking-stream registered for
 * carriers, IN_TRANSIT from a hub or two, now and then a DELAYED with a later estimate, OUT_FOR_DELIVERY, now and
 * then a DELIVERY_ATTEMPTED and a second round, all within the few seconds before the warehouse simulator's
 * DELIVERED scan. Each parcel's journey is drawn from its order ID, and each event's ID from the order and the
 * step, so a journey told again after a restart is the same one, re-delivered. A journey cut by a restart loses
 * its remaining events; the delivery itself still comes from the warehouse.
 */
public final class CarrierSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierSimulator.class);
    private static final String[] HUBS = {"Portland, OR, US", "Reno, NV, US", "Salt Lake City, UT, US", "Memphis, TN, US"};

    private final double speed;
    private final Clock clock;
    private final SimulatorProducer<CarrierEvent> events;
    private final TopicFollower<FulfillmentEvent> shipments;
    private final ScheduledExecutorService journeys = Executors.newSingleThreadScheduledExecutor(
            TopicFollower.daemon("carrier-simulator"));
    private final AtomicLong delayed = new AtomicLong();

    /** @param speed 1 for the default pace (a journey of about ten seconds); 2 takes half the time */
    public CarrierSimulator(Map<String, Object> kafka, SchemaRegistryClient registry, String fulfillmentTopic,
                            String carrierTopic, double speed, Clock clock) {
        this.speed = speed;
        this.clock = clock;
        this.events = new SimulatorProducer<>(kafka, "carrier-simulator", registry, CarrierEvent.class, carrierTopic);
        this.shipments = new TopicFollower<>(kafka, "carrier-simulator", fulfillmentTopic,
                new AvroDeserializer<>(FulfillmentEvent.class, registry), this::onStep);
    }

    public long eventsSent() {
        return events.sent();
    }

    public long delaysSent() {
        return delayed.get();
    }

    /** One planned report: after how long from the shipment, what, and from where. */
    private record Report(Duration after, CarrierEventType type, int round, String location, LocalDate estimate) {
    }

    private void onStep(FulfillmentEvent event, TopicFollower.Reply reply) {
        if (event.getStatus() == FulfillmentStatus.SHIPPED && event.getCarrier() != null) {
            for (Report report : journey(event.getOrderId())) {
                journeys.schedule(() -> report(event, report), (long) (report.after().toMillis() / speed),
                        TimeUnit.MILLISECONDS);
            }
        }
        reply.done();
    }

    /** The parcel's journey, drawn from its order ID; everything within nine seconds of the shipment. */
    private List<Report> journey(String orderId) {
        Random draw = new Random(orderId.hashCode());
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Report> plan = new ArrayList<>();
        int first = draw.nextInt(HUBS.length);
        String hub = HUBS[first];
        plan.add(new Report(Duration.ofMillis(1_500), CarrierEventType.IN_TRANSIT, 1, hub, null));
        if (draw.nextInt(2) == 0) {
            String second = HUBS[(first + 1 + draw.nextInt(HUBS.length - 1)) % HUBS.length];
            plan.add(new Report(Duration.ofMillis(3_500), CarrierEventType.IN_TRANSIT, 2, second, null));
            hub = second;
        }
        if (draw.nextInt(10) == 0) {
            plan.add(new Report(Duration.ofMillis(4_500), CarrierEventType.DELAYED, 1, hub, today.plusDays(3)));
        }
        plan.add(new Report(Duration.ofMillis(6_000), CarrierEventType.OUT_FOR_DELIVERY, 1, null, null));
        if (draw.nextInt(10) == 0) {
            plan.add(new Report(Duration.ofMillis(7_500), CarrierEventType.DELIVERY_ATTEMPTED, 1, null, null));
            plan.add(new Report(Duration.ofMillis(8_500), CarrierEventType.OUT_FOR_DELIVERY, 2, null, null));
        }
        return plan;
    }

    private void report(FulfillmentEvent shipment, Report report) {
        CarrierEvent event = CarrierEvent.newBuilder()
                .setEventId(shipment.getOrderId() + "/" + report.type() + "-" + report.round())
                .setOrderId(shipment.getOrderId())
                .setCarrier(shipment.getCarrier())
                .setTrackingNumber(shipment.getTrackingNumber() == null ? "" : shipment.getTrackingNumber())
                .setType(report.type())
                .setOccurredAt(clock.instant())
                .setLocation(report.location())
                .setEstimatedDelivery(report.estimate())
                .setDetail(switch (report.type()) {
                    case DELAYED -> "Held at the hub by the weather";
                    case DELIVERY_ATTEMPTED -> "Nobody at home; we will try again";
                    default -> null;
                })
                .build();
        // not waited for: the journey's reports go out in order from this one thread, at any pace
        events.sendLater(shipment.getOrderId(), event).whenComplete((taken, error) -> {
            if (error != null) {
                LOG.warn("Could not report {} of {}: {}", report.type(), shipment.getOrderId(), error.getMessage());
            } else if (report.type() == CarrierEventType.DELAYED) {
                delayed.incrementAndGet();
            }
        });
    }

    @Override
    public void close() {
        shipments.close();
        journeys.shutdownNow();
        events.close();
    }
}

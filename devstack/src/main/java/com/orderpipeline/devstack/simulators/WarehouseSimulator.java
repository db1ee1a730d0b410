package com.orderpipeline.devstack.simulators;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated warehouse and carrier, using only what a real one has: it reads the work orders and status
 * changes on {@code orders.fulfillment} and answers each step with the next scan on {@code fulfillment.scans},
 * written with the schema fulfillment-stream registered for warehouses. Steps take a few seconds each, so an
 * order goes from placed to delivered in well under a minute. A small share of scans is faulty (a second scan
 * of a step, a parcel shipped without its tracking number, a scan from the wrong warehouse), each followed by
 * the right one, so rejections show without stalling orders.
 *
 * <p>Scan ids are derived from the order and step, so a scan sent again after a restart is recognised as a
 * re-delivery; the {@link TopicFollower} resumes every order in flight.
 */
public final class WarehouseSimulator implements AutoCloseable {
    private static final int MAX_REMEMBERED_CANCELLATIONS = 10_000;

    private final double faultShare;
    private final double speed;
    private final Clock clock;
    private final SimulatorProducer<WarehouseScan> scans;
    private final TopicFollower<FulfillmentEvent> follower;
    /** Orders cancelled lately, whose scheduled scan is not sent: the warehouse stops work on them. */
    private final Set<String> cancelled = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_REMEMBERED_CANCELLATIONS;
                }
            }));
    private final AtomicLong faultsSent = new AtomicLong();

    /**
     * @param faultShare share of scans sent faulty first, from 0 to 1
     * @param speed      1 for the default pace; 2 takes half the time
     */
    public WarehouseSimulator(Map<String, Object> kafka, SchemaRegistryClient registry, String eventsTopic,
                              String scansTopic, double faultShare, double speed, Clock clock) {
        this.faultShare = faultShare;
        this.speed = speed;
        this.clock = clock;
        this.scans = new SimulatorProducer<>(kafka, "warehouse-simulator", registry, WarehouseScan.class, scansTopic);
        this.follower = new TopicFollower<>(kafka, "warehouse-simulator", eventsTopic,
                new AvroDeserializer<>(FulfillmentEvent.class, registry), this::answer);
    }

    public long scansSent() {
        return scans.sent();
    }

    public long faultyScansSent() {
        return faultsSent.get();
    }

    private void answer(FulfillmentEvent event, TopicFollower.Reply reply) {
        if (event.getStatus() == FulfillmentStatus.CANCELLED) {
            cancelled.add(event.getOrderId());
        }
        Optional<ScanType> next = nextStep(event);
        if (next.isEmpty()) {
            reply.done();
            return;
        }
        ScanType step = next.get();
        reply.after(Duration.ofMillis((long) (delayFor(step).toMillis() / speed)), "the " + step + " scan of " + event.getOrderId(),
                () -> {
                    if (cancelled.contains(event.getOrderId())) {
                        return;
                    }
                    if (ThreadLocalRandom.current().nextDouble() < faultShare) {
                        sendFault(event, step);
                    }
                    scans.send(event.getOrderId(), scan(event, step, event.getWarehouseId(), true, step.name()));
                });
    }

    private static Optional<ScanType> nextStep(FulfillmentEvent event) {
        if (event.getWorkOrder() == null && event.getStatus() == FulfillmentStatus.PLACED) {
            return Optional.empty();
        }
        return switch (event.getStatus()) {
            case PLACED -> Optional.of(ScanType.PICKED);
            case PICKED -> Optional.of(ScanType.PACKED);
            case PACKED -> Optional.of(ScanType.SHIPPED);
            case SHIPPED -> Optional.of(ScanType.DELIVERED);
            case DELIVERED, CANCELLED, UNKNOWN -> Optional.empty();
        };
    }

    private Duration delayFor(ScanType step) {
        return switch (step) {
            case PICKED, PACKED -> Duration.ofMillis(2_000 + ThreadLocalRandom.current().nextInt(3_000));
            case SHIPPED -> Duration.ofMillis(3_000 + ThreadLocalRandom.current().nextInt(5_000));
            // after the simulated carrier's journey of up to nine seconds
            case DELIVERED, UNKNOWN -> Duration.ofMillis(10_000 + ThreadLocalRandom.current().nextInt(8_000));
        };
    }

    private void sendFault(FulfillmentEvent event, ScanType step) {
        int kind = ThreadLocalRandom.current().nextInt(step == ScanType.SHIPPED ? 3 : 2);
        WarehouseScan faulty = switch (kind) {
            case 0 -> scan(event, step, event.getWarehouseId(), true, step.name() + "-double");
            case 1 -> scan(event, step, "XX-0", true, step.name() + "-misrouted");
            default -> scan(event, step, event.getWarehouseId(), false, step.name() + "-no-tracking");
        };
        // sent first, so the right scan that follows finds the order where the faulty one left it
        if (kind == 0) {
            scans.send(event.getOrderId(), scan(event, step, event.getWarehouseId(), true, step.name()));
        }
        scans.send(event.getOrderId(), faulty);
        faultsSent.incrementAndGet();
    }

    private WarehouseScan scan(FulfillmentEvent event, ScanType step, String warehouse, boolean withShipment, String scanSuffix) {
        WarehouseScan.Builder scan = WarehouseScan.newBuilder()
                .setScanId(event.getOrderId() + "/" + scanSuffix)
                .setOrderId(event.getOrderId())
                .setType(step)
                .setWarehouseId(warehouse)
                .setScannedAt(clock.instant())
                .setLocation(step == ScanType.DELIVERED ? "front door" : warehouse);
        if (step == ScanType.SHIPPED && withShipment) {
            scan.setCarrier(Parcels.carrier(event.getOrderId())).setTrackingNumber(Parcels.trackingNumber("1Z", event.getOrderId()));
        }
        return scan.build();
    }

    @Override
    public void close() {
        follower.close();
        scans.close();
    }
}

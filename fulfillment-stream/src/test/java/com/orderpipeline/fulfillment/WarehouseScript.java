package com.orderpipeline.fulfillment;

import static com.orderpipeline.fulfillment.Orders.placedEvent;
import static com.orderpipeline.fulfillment.Orders.scan;
import static com.orderpipeline.fulfillment.Orders.stepEvent;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RejectionReason;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day of a warehouse, scripted: the orders, the scans it sends in waves (some re-delivered, some out of order,
 * some faulty) and what fulfillment-stream must make of them. Order {@code i} gets its fault by {@code i % 10}:
 * <pre>
 *   0  digital when i % 20 == 0 (and a stray PICKED scan for it when i % 40 == 0), else every scan re-delivered
 *   1  clean                        6  a SHIPPED without tracking number first: MISSING_SHIPMENT_DETAILS
 *   2  a second PICKED: DUPLICATE   7  PACKED sent before PICKED: parked, then applied
 *   3  all scans before the order   8  clean
 *   4  PICKED after SHIPPED: back   9  no PICKED ever when i % 50 == 9: the rest parked and expired, else clean
 *   5  a PACKED from another warehouse first: WRONG_WAREHOUSE
 * </pre>
 * plus scans for orders that never come (UNKNOWN_ORDER once the grace period is over in stream time). Record
 * timestamps are the scans' times: orders are placed a second apart from {@code base}, their scans follow minutes
 * later and the DELIVERED scans three hours later, which takes stream time past every parked scan's grace period
 * of up to an hour.
 */
final class WarehouseScript {
    /** A rejection as far as it does not depend on when the stream thread decided it. */
    record Rejection(String orderId, String scanId, RejectionReason reason, FulfillmentStatus orderStatus) {
    }

    private static final String[][] DESTINATIONS = {{"US", "98109", "SEA-1"}, {"US", "10001", "NYC-1"}, {"DE", "10115", "BER-1"}};
    private static final int ORPHANS = 5;

    final List<OrderPlaced> orders = new ArrayList<>();
    /** Sent before any order: they must wait for their orders, or for the grace period. */
    final List<WarehouseScan> early = new ArrayList<>();
    /** Sent after the orders are placed: PICKED, PACKED, SHIPPED and DELIVERED waves, in that order. */
    final List<List<WarehouseScan>> waves = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    final Map<String, List<FulfillmentEvent>> events = new LinkedHashMap<>();
    final List<Rejection> rejections = new ArrayList<>();

    WarehouseScript(int orderCount, Instant base) {
        for (int i = 0; i < orderCount; i++) {
            Instant placedAt = base.plusSeconds(i);
            if (i % 20 == 0) {
                digitalOrder(i, placedAt);
            } else {
                physicalOrder(i, placedAt);
            }
        }
        for (int k = 0; k < ORPHANS; k++) {
            WarehouseScan orphan = scan("orphan-" + k, Orders.physicalId(90_000 + k), ScanType.PICKED, "SEA-1",
                    base.plus(Duration.ofMinutes(5)));
            early.add(orphan);
            rejections.add(new Rejection(orphan.getOrderId(), orphan.getScanId(), RejectionReason.UNKNOWN_ORDER, null));
        }
    }

    int eventCount() {
        return events.values().stream().mapToInt(List::size).sum();
    }

    private void digitalOrder(int i, Instant placedAt) {
        OrderPlaced order = Orders.digital(Orders.digitalId(10_000 + i), placedAt);
        orders.add(order);
        events.put(order.getOrderId(), List.of(placedEvent(order, "DIGITAL"), new FulfillmentEvent(order.getOrderId(),
                FulfillmentStatus.DELIVERED, FulfillmentStatus.PLACED, 2, placedAt, "DIGITAL", null, null, null, null, null)));
        if (i % 40 == 0) {
            WarehouseScan stray = scan("stray-" + i, order.getOrderId(), ScanType.PICKED, "SEA-1", placedAt.plusSeconds(600));
            waves.get(0).add(stray);
            reject(stray, RejectionReason.INVALID_TRANSITION, FulfillmentStatus.DELIVERED);
        }
    }

    private void physicalOrder(int i, Instant placedAt) {
        String[] destination = DESTINATIONS[i % DESTINATIONS.length];
        OrderPlaced order = Orders.physical(Orders.physicalId(10_000 + i), placedAt,
                Orders.address(destination[0], destination[1]));
        String id = order.getOrderId();
        String warehouse = destination[2];
        orders.add(order);
        List<WarehouseScan> steps = new ArrayList<>();
        Duration[] after = {Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(3)};
        if (i % 10 == 3) {
            after = new Duration[]{Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4)};
        } else if (i % 50 == 9) {
            // parked scans expire once the other orders' DELIVERED scans take stream time past them plus the grace
            after[3] = Duration.ofMinutes(40);
        }
        for (ScanType type : FulfillmentSteps.SCANS) {
            steps.add(scan(id + "-" + type, id, type, warehouse, placedAt.plus(after[type.ordinal()])));
        }
        List<FulfillmentEvent> expected = new ArrayList<>(List.of(placedEvent(order, warehouse)));
        events.put(id, expected);
        if (i % 50 == 9) {
            for (int step = 1; step < steps.size(); step++) {
                waves.get(step).add(steps.get(step));
                reject(steps.get(step), RejectionReason.INVALID_TRANSITION, FulfillmentStatus.PLACED);
            }
            return;
        }
        for (int step = 0; step < steps.size(); step++) {
            expected.add(stepEvent(steps.get(step), step + 2));
        }
        if (i % 10 == 3) {
            early.addAll(steps);
            return;
        }
        for (int step = 0; step < steps.size(); step++) {
            waves.get(step).add(steps.get(step));
        }
        switch (i % 10) {
            case 0 -> {
                waves.get(0).add(steps.get(0));
                waves.get(2).add(steps.get(2));
            }
            case 2 -> add(0, scan(id + "-again", id, ScanType.PICKED, warehouse, placedAt.plusSeconds(700)),
                    RejectionReason.DUPLICATE_STATUS, FulfillmentStatus.PICKED);
            case 4 -> add(2, scan(id + "-back", id, ScanType.PICKED, warehouse, placedAt.plusSeconds(2000)),
                    RejectionReason.INVALID_TRANSITION, FulfillmentStatus.SHIPPED);
            case 5 -> insertBefore(1, steps.get(1), scan(id + "-elsewhere", id, ScanType.PACKED, "XX-9",
                    placedAt.plusSeconds(1100)), RejectionReason.WRONG_WAREHOUSE, FulfillmentStatus.PICKED);
            case 6 -> insertBefore(2, steps.get(2), new WarehouseScan(id + "-untracked", id, ScanType.SHIPPED, warehouse,
                    placedAt.plusSeconds(1700), Orders.CARRIER, null, null),
                    RejectionReason.MISSING_SHIPMENT_DETAILS, FulfillmentStatus.PACKED);
            case 7 -> {
                waves.get(1).remove(steps.get(1));
                waves.get(0).add(waves.get(0).indexOf(steps.get(0)), steps.get(1));
            }
            default -> {
                // clean
            }
        }
    }

    private void add(int wave, WarehouseScan scan, RejectionReason reason, FulfillmentStatus status) {
        waves.get(wave).add(scan);
        reject(scan, reason, status);
    }

    private void insertBefore(int wave, WarehouseScan next, WarehouseScan scan, RejectionReason reason,
                              FulfillmentStatus status) {
        waves.get(wave).add(waves.get(wave).indexOf(next), scan);
        reject(scan, reason, status);
    }

    private void reject(WarehouseScan scan, RejectionReason reason, FulfillmentStatus status) {
        rejections.add(new Rejection(scan.getOrderId(), scan.getScanId(), reason, status));
    }
}

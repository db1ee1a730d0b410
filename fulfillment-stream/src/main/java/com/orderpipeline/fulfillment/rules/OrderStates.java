package com.orderpipeline.fulfillment.rules;

import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How an order's stored state changes: the next step with its event, and the scans it remembers. Never
 * changes a state in place: stores may hand out cached instances.
 */
public final class OrderStates {
    /**
     * How many scanIds an order remembers for de-duplication. Far more than the handful a real order gets; the
     * bound only keeps a warehouse that floods one order with new scanIds from growing its state without end.
     */
    static final int REMEMBERED_SCAN_IDS = 100;

    private OrderStates() {
    }

    /** An order's state with the event that took it there. */
    public record Step(OrderState state, FulfillmentEvent event) {
    }

    public static FulfillmentStatus status(OrderState order) {
        return FulfillmentStatus.valueOf(order.getStatus());
    }

    /** Whether a scan with this scanId (or a request with this requestId) was decided for the order before. */
    public static boolean hasSeen(OrderState order, String scanId) {
        return order != null && order.getScanIds().contains(scanId);
    }

    /** The order moved to {@code to} by the scan, and the event that says so. */
    public static Step advance(OrderState order, WarehouseScan scan, FulfillmentStatus to) {
        // the shipment's details come with the SHIPPED scan and stay on every later event
        boolean shipped = scan.getType() == ScanType.SHIPPED;
        String carrier = shipped ? scan.getCarrier() : order.getCarrier();
        String trackingNumber = shipped ? scan.getTrackingNumber() : order.getTrackingNumber();
        int sequence = order.getSequence() + 1;
        // constructors rather than builders: this runs for every scan, and builders copy every field
        OrderState next = new OrderState(order.getOrderId(), order.getDigital(), order.getWarehouseId(), to.name(),
                sequence, scan.getScannedAt(), carrier, trackingNumber, withScanId(order.getScanIds(), scan.getScanId()));
        FulfillmentEvent event = new FulfillmentEvent(order.getOrderId(), to, status(order), sequence,
                scan.getScannedAt(), order.getWarehouseId(), carrier, trackingNumber, scan.getScanId(), null, null);
        return new Step(next, event);
    }

    /** The order cancelled by the request, and the CANCELLED event that tells the warehouse to stop. */
    public static Step cancel(OrderState order, CancellationRequested request) {
        int sequence = order.getSequence() + 1;
        OrderState next = new OrderState(order.getOrderId(), order.getDigital(), order.getWarehouseId(),
                FulfillmentStatus.CANCELLED.name(), sequence, request.getRequestedAt(), order.getCarrier(),
                order.getTrackingNumber(), withScanId(order.getScanIds(), request.getRequestId()));
        FulfillmentEvent event = new FulfillmentEvent(order.getOrderId(), FulfillmentStatus.CANCELLED, status(order),
                sequence, request.getRequestedAt(), order.getWarehouseId(), order.getCarrier(), order.getTrackingNumber(),
                request.getRequestId(), null, request.getCancellation());
        return new Step(next, event);
    }

    /** The order, unchanged but for one more remembered scanId (or requestId). */
    public static OrderState remember(OrderState order, String scanId) {
        return new OrderState(order.getOrderId(), order.getDigital(), order.getWarehouseId(), order.getStatus(),
                order.getSequence(), order.getUpdatedAt(), order.getCarrier(), order.getTrackingNumber(),
                withScanId(order.getScanIds(), scanId));
    }

    private static List<String> withScanId(List<String> scanIds, String scanId) {
        List<String> more = new ArrayList<>(scanIds.size() + 1);
        more.addAll(scanIds.size() < REMEMBERED_SCAN_IDS ? scanIds
                : scanIds.subList(scanIds.size() - REMEMBERED_SCAN_IDS + 1, scanIds.size()));
        more.add(scanId);
        return more;
    }

    /** A digital order delivered the moment it was placed. */
    static Step deliverDigital(OrderState placed, Instant at) {
        OrderState delivered = OrderState.newBuilder(placed)
                .setStatus(FulfillmentStatus.DELIVERED.name())
                .setSequence(placed.getSequence() + 1)
                .build();
        FulfillmentEvent event = FulfillmentEvent.newBuilder()
                .setOrderId(placed.getOrderId())
                .setStatus(FulfillmentStatus.DELIVERED)
                .setPreviousStatus(FulfillmentStatus.PLACED)
                .setSequence(delivered.getSequence())
                .setOccurredAt(at)
                .setWarehouseId(placed.getWarehouseId())
                .build();
        return new Step(delivered, event);
    }
}

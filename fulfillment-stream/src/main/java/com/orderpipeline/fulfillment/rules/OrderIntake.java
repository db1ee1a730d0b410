package com.orderpipeline.fulfillment.rules;

import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.fulfillment.rules.OrderStates.Step;
import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.runtime.streams.InvalidRecordException;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.WorkOrder;
import com.orderpipeline.schemas.avro.WorkOrderItem;
import java.util.List;

/**
 * A placed order entering fulfillment: routed to its warehouse and announced with a PLACED event carrying the
 * work order. A digital order needs no warehouse: it is PLACED and DELIVERED at once, without a work order.
 */
public final class OrderIntake {

    private OrderIntake() {
    }

    /** The order's first state and the events that announce it, in order. */
    public record Admission(OrderState state, List<FulfillmentEvent> events) {
    }

    /** @throws InvalidRecordException when the order cannot be fulfilled as it stands */
    public static Admission admit(OrderPlaced order, WarehouseRoutes routes) {
        boolean digital = DigitalOrders.isDigital(order.getOrderId());
        if (digital != (order.getChannel() == Channel.DIGITAL)) {
            throw new InvalidRecordException("Order " + order.getOrderId() + " has channel " + order.getChannel()
                    + ", which its ID's prefix contradicts: digital orders, and only they, have IDs D01-…");
        }
        if (!digital && order.getShipTo() == null) {
            throw new InvalidRecordException("Physical order " + order.getOrderId() + " has no shipTo address,"
                    + " so it can be routed to no warehouse");
        }
        OrderState placed = OrderState.newBuilder()
                .setOrderId(order.getOrderId())
                .setDigital(digital)
                .setWarehouseId(digital ? DigitalOrders.WAREHOUSE_ID : routes.warehouseFor(order.getShipTo()))
                .setStatus(FulfillmentStatus.PLACED.name())
                .setSequence(1)
                .setUpdatedAt(order.getPlacedAt())
                .setCarrier(null)
                .setTrackingNumber(null)
                .setScanIds(List.of())
                .build();
        FulfillmentEvent placedEvent = FulfillmentEvent.newBuilder()
                .setOrderId(order.getOrderId())
                .setStatus(FulfillmentStatus.PLACED)
                .setPreviousStatus(null)
                .setSequence(placed.getSequence())
                .setOccurredAt(order.getPlacedAt())
                .setWarehouseId(placed.getWarehouseId())
                .setWorkOrder(digital ? null : workOrder(order))
                .build();
        if (!digital) {
            return new Admission(placed, List.of(placedEvent));
        }
        Step delivered = OrderStates.deliverDigital(placed, order.getPlacedAt());
        return new Admission(delivered.state(), List.of(placedEvent, delivered.event()));
    }

    private static WorkOrder workOrder(OrderPlaced order) {
        List<WorkOrderItem> items = order.getItems().stream()
                .map(item -> new WorkOrderItem(item.getSku(), item.getTitle(), item.getQuantity()))
                .toList();
        return new WorkOrder(items, order.getShippingSpeed(), order.getPromisedBy(), order.getShipTo());
    }
}

package com.orderpipeline.fulfillment;

import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.avro.WorkOrder;
import com.orderpipeline.schemas.avro.WorkOrderItem;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.schemas.topics.TopicNames;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Orders, scans and the events they should lead to, as the tests write them. */
public final class Orders {
    public static final String CARRIER = "UPS";
    private static final LocalDate PROMISED_BY = LocalDate.of(2025, 3, 5);

    private Orders() {
    }

    /** Topic names of their own, so test classes share one broker and registry. */
    public static TopicNames topics(String suffix) {
        return TopicNames.suffixed(suffix);
    }

    public static String physicalId(long n) {
        return OrderId.of("114", n).canonical();
    }

    public static String digitalId(long n) {
        return OrderId.of("D01", n).canonical();
    }

    public static Address address(String country, String postalCode) {
        return new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", postalCode, country);
    }

    public static OrderPlaced physical(String orderId, Instant placedAt, Address shipTo) {
        return new OrderPlaced(orderId, "C-1001", placedAt, Channel.PHYSICAL,
                List.of(new LineItem("B00X4WHP5E", "Kindle Paperwhite", 2, 14_999L), new LineItem("B07", "Case", 1, 2_999L)),
                "USD", 32_997L, ShippingSpeed.STANDARD, PROMISED_BY, shipTo, null, null);
    }

    public static OrderPlaced physical(String orderId, Instant placedAt) {
        return physical(orderId, placedAt, address("US", "98109"));
    }

    public static OrderPlaced digital(String orderId, Instant placedAt) {
        return new OrderPlaced(orderId, "C-7", placedAt, Channel.DIGITAL,
                List.of(new LineItem("EBOOK-1", "An e-book", 1, 999L)), "EUR", 999L, ShippingSpeed.STANDARD,
                PROMISED_BY, null, null, null);
    }

    public static WorkOrder workOrder(OrderPlaced order) {
        return new WorkOrder(order.getItems().stream()
                .map(item -> new WorkOrderItem(item.getSku(), item.getTitle(), item.getQuantity())).toList(),
                order.getShippingSpeed(), order.getPromisedBy(), order.getShipTo());
    }

    /** A scan as a warehouse sends it; SHIPPED scans carry the carrier and a tracking number. */
    public static WarehouseScan scan(String scanId, String orderId, ScanType type, String warehouseId, Instant at) {
        boolean shipped = type == ScanType.SHIPPED;
        return new WarehouseScan(scanId, orderId, type, warehouseId, at, shipped ? CARRIER : null,
                shipped ? trackingNumber(orderId) : null, "dock 4");
    }

    public static String trackingNumber(String orderId) {
        return "1Z" + orderId.replace("-", "");
    }

    public static FulfillmentEvent placedEvent(OrderPlaced order, String warehouseId) {
        return new FulfillmentEvent(order.getOrderId(), FulfillmentStatus.PLACED, null, 1, order.getPlacedAt(),
                warehouseId, null, null, null, order.getChannel() == Channel.DIGITAL ? null : workOrder(order), null);
    }

    /** The event a scan that advances its order leads to; shipment details from SHIPPED on. */
    public static FulfillmentEvent stepEvent(WarehouseScan scan, int sequence) {
        FulfillmentStatus status = FulfillmentStatus.valueOf(scan.getType().name());
        boolean shipped = status == FulfillmentStatus.SHIPPED || status == FulfillmentStatus.DELIVERED;
        return new FulfillmentEvent(scan.getOrderId(), status, FulfillmentSteps.previous(status),
                sequence, scan.getScannedAt(), scan.getWarehouseId(), shipped ? CARRIER : null,
                shipped ? trackingNumber(scan.getOrderId()) : null, scan.getScanId(), null, null);
    }
}

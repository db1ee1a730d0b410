package com.orderpipeline.tracking.testing;

import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Orders and fulfillment events as the upstream services write them, for tests. */
public final class Orders {
    private Orders() {
    }

    /** A valid physical order ID (prefix 114) for this number. */
    public static String physicalId(long number) {
        return OrderId.of("114", number * 7_919 + 1_234_567).canonical();
    }

    public static String digitalId(long number) {
        return OrderId.of("D01", number * 7_919 + 7_654_321).canonical();
    }

    /** Two Kindles and a book to Ada Lovelace in Seattle: plenty of personal data the view must not keep. */
    public static OrderPlaced placed(String orderId, Instant placedAt, LocalDate promisedBy) {
        return OrderPlaced.newBuilder()
                .setOrderId(orderId)
                .setCustomerId("C-1001")
                .setPlacedAt(placedAt)
                .setChannel(Channel.PHYSICAL)
                .setItems(List.of(new LineItem("B00X4WHP5E", "Kindle Paperwhite", 2, 14_999L),
                        new LineItem("0141439513", "Pride and Prejudice", 1, 799L)))
                .setCurrency("USD")
                .setTotal(30_797L)
                .setShippingSpeed(ShippingSpeed.STANDARD)
                .setPromisedBy(promisedBy)
                .setShipTo(new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US"))
                .build();
    }

    public static OrderPlaced placedDigital(String orderId, Instant placedAt, LocalDate promisedBy) {
        return OrderPlaced.newBuilder(placed(orderId, placedAt, promisedBy))
                .setChannel(Channel.DIGITAL)
                .setItems(List.of(new LineItem("EBOOK-1", "An e-book", 1, 999L)))
                .setTotal(999L)
                .setShipTo(null)
                .build();
    }

    /** A fulfillment step from warehouse WH-SEA-1; SHIPPED carries a carrier and tracking number. */
    public static FulfillmentEvent step(String orderId, FulfillmentStatus status, int sequence, Instant at) {
        boolean shipped = status == FulfillmentStatus.SHIPPED;
        return FulfillmentEvent.newBuilder()
                .setOrderId(orderId)
                .setStatus(status)
                .setPreviousStatus(sequence == 1 ? null : FulfillmentSteps.previous(status))
                .setSequence(sequence)
                .setOccurredAt(at)
                .setWarehouseId("WH-SEA-1")
                .setCarrier(shipped ? "UPS" : null)
                .setTrackingNumber(shipped ? "1Z999AA10123456784" : null)
                .setCausedBy(sequence == 1 ? null : "scan-" + orderId + "-" + sequence)
                .setWorkOrder(null)
                .build();
    }
}

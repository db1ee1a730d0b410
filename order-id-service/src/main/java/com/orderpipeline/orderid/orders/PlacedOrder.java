package com.orderpipeline.orderid.orders;

import com.orderpipeline.schemas.avro.OrderPlaced;
import java.time.Instant;
import java.time.LocalDate;

/** What the client is told once Kafka acknowledged the order: its ID, when it was placed and the promise. */
public record PlacedOrder(String orderId, Instant placedAt, LocalDate promisedBy) {

    public static PlacedOrder of(OrderPlaced event) {
        return new PlacedOrder(event.getOrderId(), event.getPlacedAt(), event.getPromisedBy());
    }
}

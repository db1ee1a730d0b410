package com.orderpipeline.orderid.orders;

import java.time.Instant;
import java.time.LocalDate;

/** What the client is told once Kafka acknowledged the order: its ID, when it was placed and the promise. */
public record PlacedOrder(String orderId, Instant placedAt, LocalDate promisedBy) {
}

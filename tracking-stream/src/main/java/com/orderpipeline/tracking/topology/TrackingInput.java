package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;

/**
 * One record from either input topic, so both reach the one processor that owns the view. Never serialized:
 * it lives only between the sources and the processor of one task.
 */
sealed interface TrackingInput {

    /** From {@code orders.placed}. */
    record Placed(OrderPlaced order) implements TrackingInput {
    }

    /** From {@code orders.fulfillment}. */
    record Fulfilled(FulfillmentEvent event) implements TrackingInput {
    }
}

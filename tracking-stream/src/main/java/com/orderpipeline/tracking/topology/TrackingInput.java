package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;

/**
 * One record from any of the input topics, so all reach the one processor that owns the view. Never serialized:
 * it lives only between the sources and the processor of one task.
 */
sealed interface TrackingInput {

    /** From {@code orders.placed}. */
    record Placed(OrderPlaced order) implements TrackingInput {
    }

    /** From {@code orders.fulfillment}. */
    record Fulfilled(FulfillmentEvent event) implements TrackingInput {
    }

    /** From {@code orders.returns}. */
    record Returned(ReturnEvent event) implements TrackingInput {
    }

    /** From {@code payments.refunds}. */
    record Refunded(RefundIssued refund) implements TrackingInput {
    }

    /** From {@code carrier.events}. */
    record Carried(CarrierEvent event) implements TrackingInput {
    }
}

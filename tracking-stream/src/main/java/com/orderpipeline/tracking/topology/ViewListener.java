package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.OrderTracking;

/**
 * Told of every new version of an order's tracking view, on the stream thread that made it, right after it was
 * written to the store. Implementations must return at once: they hold up processing.
 */
@FunctionalInterface
public interface ViewListener {
    void onUpdate(OrderTracking view);
}

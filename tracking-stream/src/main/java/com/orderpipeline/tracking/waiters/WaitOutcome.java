package com.orderpipeline.tracking.waiters;

import com.orderpipeline.schemas.avro.OrderTracking;
import java.util.Optional;

/**
 * How a wait for a status ended: the order reached it (with the view that did), or the time ran out (the
 * caller reads the view as it stands).
 */
public record WaitOutcome(boolean reached, Optional<OrderTracking> view) {

    public static WaitOutcome reached(OrderTracking view) {
        return new WaitOutcome(true, Optional.of(view));
    }

    public static WaitOutcome timedOut() {
        return new WaitOutcome(false, Optional.empty());
    }
}

package com.orderpipeline.tracking.waiters;

import com.orderpipeline.schemas.avro.OrderTracking;
import java.util.Optional;

/**
 * How a wait for a status ended: the order reached it (with the view that did), the time ran out (the caller
 * reads the view as it stands), or the order moved to another instance (the caller waits on there).
 */
public record WaitOutcome(boolean reached, boolean moved, Optional<OrderTracking> view) {

    public static WaitOutcome reached(OrderTracking view) {
        return new WaitOutcome(true, false, Optional.of(view));
    }

    public static WaitOutcome timedOut() {
        return new WaitOutcome(false, false, Optional.empty());
    }

    public static WaitOutcome movedAway() {
        return new WaitOutcome(false, true, Optional.empty());
    }
}

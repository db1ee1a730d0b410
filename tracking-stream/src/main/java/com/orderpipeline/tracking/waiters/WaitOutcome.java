package com.orderpipeline.tracking.waiters;

import com.orderpipeline.schemas.avro.OrderTracking;
import java.util.Optional;

/**
 * How a wait for a status ended: the order reached it (with the view that did), the time ran out (the caller
 * reads the view as it stands), the order can no longer reach it (cancelled: answered at once, with the view), or
 * the order moved to another instance (the caller waits on there).
 */
public record WaitOutcome(boolean reached, boolean moved, Optional<OrderTracking> view) {

    public static WaitOutcome reached(OrderTracking view) {
        return new WaitOutcome(true, false, Optional.of(view));
    }

    /** The order got to a status from which the awaited one can never be reached (it was cancelled). */
    public static WaitOutcome unreachable(OrderTracking view) {
        return new WaitOutcome(false, false, Optional.of(view));
    }

    public static WaitOutcome timedOut() {
        return new WaitOutcome(false, false, Optional.empty());
    }

    public static WaitOutcome movedAway() {
        return new WaitOutcome(false, true, Optional.empty());
    }
}

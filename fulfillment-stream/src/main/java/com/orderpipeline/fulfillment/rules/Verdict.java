package com.orderpipeline.fulfillment.rules;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.RejectionReason;
import com.orderpipeline.schemas.avro.RequestRejectionReason;

/** What {@link ScanRules} decide about one warehouse scan or cancellation request. */
public sealed interface Verdict {
    Verdict IGNORE = new Ignore();
    Verdict PARK = new Park();
    Verdict CANCEL = new Cancel();

    /** The scan moves the order to its next status. */
    record Advance(FulfillmentStatus to) implements Verdict {
    }

    /** The scan is refused, for a reason the warehouse can act on. */
    record Reject(RejectionReason reason, String message) implements Verdict {
    }

    /** The cancellation request is refused, for a reason the shop or support can act on. */
    record Refuse(RequestRejectionReason reason, String message) implements Verdict {
    }

    /** The cancellation request cancels the order. */
    record Cancel() implements Verdict {
    }

    /** The scan came before its order or before the step it follows: it waits, up to the grace period. */
    record Park() implements Verdict {
    }

    /** The scan was seen before (same scanId): it changes nothing and emits nothing. */
    record Ignore() implements Verdict {
    }
}

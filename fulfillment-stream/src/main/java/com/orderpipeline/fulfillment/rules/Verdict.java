package com.orderpipeline.fulfillment.rules;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.RejectionReason;

/** What {@link ScanRules} decide about one warehouse scan. */
public sealed interface Verdict {
    Verdict IGNORE = new Ignore();
    Verdict PARK = new Park();

    /** The scan moves the order to its next status. */
    record Advance(FulfillmentStatus to) implements Verdict {
    }

    /** The scan is refused, for a reason the warehouse can act on. */
    record Reject(RejectionReason reason, String message) implements Verdict {
    }

    /** The scan came before its order or before the step it follows: it waits, up to the grace period. */
    record Park() implements Verdict {
    }

    /** The scan was seen before (same scanId): it changes nothing and emits nothing. */
    record Ignore() implements Verdict {
    }
}

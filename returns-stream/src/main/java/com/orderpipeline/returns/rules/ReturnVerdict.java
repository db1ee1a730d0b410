package com.orderpipeline.returns.rules;

import com.orderpipeline.schemas.avro.DeclineReason;
import com.orderpipeline.schemas.avro.ReturnScanRejectionReason;

/** What {@link ReturnRules} decide about one return request or return scan. */
public sealed interface ReturnVerdict {
    ReturnVerdict IGNORE = new Ignore();
    ReturnVerdict AUTHORIZE = new Authorize();
    ReturnVerdict SHIP = new Ship();
    ReturnVerdict RECEIVE = new Receive();

    /** Decided before (same requestId or scanId): changes nothing and emits nothing. */
    record Ignore() implements ReturnVerdict {
    }

    /** The request becomes a return, {@code <orderId>-R<n>}, that the customer may now send back. */
    record Authorize() implements ReturnVerdict {
    }

    /** The request is declined, for a reason the customer or support can act on. */
    record Decline(DeclineReason reason, String message) implements ReturnVerdict {
    }

    /** The return is on its way back: IN_TRANSIT. */
    record Ship() implements ReturnVerdict {
    }

    /** The return reached a warehouse: RECEIVED, then REFUNDED or CLOSED. */
    record Receive() implements ReturnVerdict {
    }

    /** The scan cannot be applied to the return, for a reason the carrier or warehouse can act on. */
    record Reject(ReturnScanRejectionReason reason, String message) implements ReturnVerdict {
    }
}

package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import java.time.Duration;
import java.util.Optional;

/** What looking an order up came to, wherever it was answered. Controllers turn it into HTTP. */
public sealed interface Lookup {

    /**
     * @param stale     read from a standby or restoring copy of the store: it may lag the owner
     * @param servedBy  {@code host:port} of the instance whose store answered
     * @param waitedFor present for a long poll
     */
    record Found(TrackingView view, boolean stale, String servedBy, Optional<Waited> waitedFor) implements Lookup {
    }

    /**
     * The order's view already written as the API answers it ({@link AnswerJson}), for the JSON API, which needs
     * nothing else of it.
     *
     * @param json UTF-8
     */
    record Answered(byte[] json, boolean stale, String servedBy) implements Lookup {
    }

    record NotFound(String orderId, String servedBy) implements Lookup {
    }

    /** No store can answer for the order right now (starting, rebalancing, owner unreachable); worth a retry. */
    record Unavailable(String detail, Duration retryAfter) implements Lookup {
    }

    /** The owner answered, but not as an instance of this service would. */
    record OwnerFailed(String owner, String detail) implements Lookup {
    }

    /** How a long poll ended: whether the order reached the status waited for within the timeout. */
    record Waited(FulfillmentStatus status, boolean reached, Duration timeout) {
    }
}

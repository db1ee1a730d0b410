package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import java.time.Duration;

/** A long poll: answer once the order reaches {@code status} (or a later one), or after {@code timeout}. */
public record WaitFor(FulfillmentStatus status, Duration timeout) {
}

package com.orderpipeline.returns.topology;

import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnScanRejected;

/**
 * Told what the returns processor decided, for counting. Called on the stream thread while a record is
 * processed: it must be quick and must not throw. A record processed again after a crash is told again.
 */
public interface ReturnsListener {
    ReturnsListener NONE = new ReturnsListener() {
    };

    default void emitted(ReturnEvent event) {
    }

    default void refunded(RefundIssued refund) {
    }

    default void rejected(ReturnScanRejected rejection) {
    }
}

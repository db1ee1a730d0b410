package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.WarehouseScan;

/**
 * Told what the state machine decided, for counting. Called on the stream thread while a record is processed:
 * it must be quick and must not throw. A record processed again after a crash is told again.
 */
public interface FulfillmentListener {
    FulfillmentListener NONE = new FulfillmentListener() {
    };

    default void emitted(FulfillmentEvent event) {
    }

    default void rejected(ScanRejected rejection) {
    }

    default void parked(WarehouseScan scan) {
    }
}

package com.orderpipeline.orderid.requests;

import com.orderpipeline.orderid.orders.EventWriter;
import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationRequested;
import java.time.Clock;
import java.util.Optional;

/**
 * Takes cancellation requests: writes each to {@code orders.requests} and answers once Kafka acknowledged it;
 * fulfillment-stream decides it. With an Idempotency-Key the requestId is derived from the order ID and the key,
 * so a retry writes the same request again, which fulfillment-stream decides only once.
 */
public final class CancellationRequests {
    private final RequestWriter<CancellationRequested> requests;

    /** @param kafka waits for the acknowledgement and turns a failure into a 503, as for orders */
    public CancellationRequests(EventWriter<CancellationRequested> requests, OrderService kafka, Clock clock) {
        this.requests = new RequestWriter<>("cancellation", requests, kafka, clock);
    }

    /** Writes the request; answers its requestId. */
    public String request(String orderId, Cancellation cancellation, Optional<String> note, Optional<String> idempotencyKey) {
        return requests.write(orderId, idempotencyKey, (requestId, requestedAt) ->
                new CancellationRequested(requestId, orderId, cancellation, note.orElse(null), requestedAt));
    }
}

package com.orderpipeline.orderid.requests;

import com.orderpipeline.orderid.orders.EventWriter;
import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationRequested;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes cancellation requests: writes each to {@code orders.requests} and answers once Kafka acknowledged it;
 * fulfillment-stream decides it. With an Idempotency-Key the requestId is derived from the order ID and the key,
 * so a retry writes the same request again, which fulfillment-stream decides only once.
 */
public final class CancellationRequests {
    private final EventWriter<CancellationRequested> requests;
    private final OrderService kafka;
    private final Clock clock;

    /** @param kafka waits for the acknowledgement and turns a failure into a 503, as for orders */
    public CancellationRequests(EventWriter<CancellationRequested> requests, OrderService kafka, Clock clock) {
        this.requests = requests;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Writes the request; answers its requestId. */
    public String request(String orderId, Cancellation cancellation, Optional<String> note, Optional<String> idempotencyKey) {
        String requestId = idempotencyKey
                .map(key -> UUID.nameUUIDFromBytes(("cancellation\n" + orderId + "\n" + key).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(UUID::randomUUID).toString();
        CancellationRequested request = new CancellationRequested(requestId, orderId, cancellation, note.orElse(null),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        kafka.awaitAcknowledgement(requests.write(orderId, request), "the cancellation request");
        return requestId;
    }
}

package com.orderpipeline.orderid.requests;

import com.orderpipeline.orderid.orders.EventWriter;
import com.orderpipeline.orderid.orders.OrderService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes one kind of request about a placed order (a cancellation, a return), keyed by the order ID, and answers
 * its requestId once Kafka acknowledged it. With an Idempotency-Key the requestId is derived from the kind, the
 * order ID and the key, so a retry writes the same request again, which the stream app that decides it decides
 * only once; without one it is random.
 */
final class RequestWriter<V> {
    private final String kind;
    private final EventWriter<V> requests;
    private final OrderService kafka;
    private final Clock clock;

    /** The record of a request, once its ID and time are known. */
    @FunctionalInterface
    interface Request<V> {
        V with(String requestId, Instant requestedAt);
    }

    /** @param kafka waits for the acknowledgement and turns a failure into a 503, as for orders */
    RequestWriter(String kind, EventWriter<V> requests, OrderService kafka, Clock clock) {
        this.kind = kind;
        this.requests = requests;
        this.kafka = kafka;
        this.clock = clock;
    }

    String write(String orderId, Optional<String> idempotencyKey, Request<V> request) {
        String requestId = requestId(kind, orderId, idempotencyKey);
        V record = request.with(requestId, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        kafka.awaitAcknowledgement(requests.write(orderId, record), "the " + kind + " request",
                "the " + kind + " request was not accepted");
        return requestId;
    }

    static String requestId(String kind, String orderId, Optional<String> idempotencyKey) {
        return idempotencyKey
                .map(key -> UUID.nameUUIDFromBytes((kind + "\n" + orderId + "\n" + key).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(UUID::randomUUID).toString();
    }
}

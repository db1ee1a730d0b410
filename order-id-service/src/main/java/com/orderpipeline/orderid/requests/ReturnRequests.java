package com.orderpipeline.orderid.requests;

import com.orderpipeline.orderid.orders.EventWriter;
import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnRequested;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Takes return requests: writes each to {@code returns.requests} and answers once Kafka acknowledged it;
 * returns-stream authorizes or declines it. With an Idempotency-Key the requestId is derived from the order ID
 * and the key, so a retry writes the same request again, which returns-stream decides only once.
 */
public final class ReturnRequests {
    private final RequestWriter<ReturnRequested> requests;

    /** @param kafka waits for the acknowledgement and turns a failure into a 503, as for orders */
    public ReturnRequests(EventWriter<ReturnRequested> requests, OrderService kafka, Clock clock) {
        this.requests = new RequestWriter<>("return", requests, kafka, clock);
    }

    /** Writes the request; answers its requestId. */
    public String request(String orderId, ReturnRequest request, Optional<String> idempotencyKey) {
        // the condition is the warehouse's finding once the items are back, never the customer's claim
        List<ReturnItem> items = request.items().stream()
                .map(item -> new ReturnItem(item.sku(), item.quantity(), null)).toList();
        return requests.write(orderId, idempotencyKey, (requestId, requestedAt) -> new ReturnRequested(requestId, orderId,
                items, request.reason(), request.comment().orElse(null), request.requestedBy(), requestedAt));
    }
}

package com.orderpipeline.orderid.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.orderid.orders.FieldReader;
import com.orderpipeline.orderid.orders.PersonalData;
import com.orderpipeline.orderid.requests.CancellationRequests;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.ids.OrderIdRules;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /orders/{orderId}/cancellation}: checks the order ID and the body ({@code reason},
 * {@code requestedBy}, an optional {@code note}), writes the request and answers 202 with its requestId and a
 * {@code Location} on the order's tracking resource. fulfillment-stream decides it.
 */
public final class CancellationController {
    static final int MAX_NOTE = 500;
    private static final Set<String> FIELDS = Set.of("reason", "requestedBy", "note");

    private final CancellationRequests requests;
    private final OrderRequestHttp http;

    public CancellationController(CancellationRequests requests, OrderIdRules rules, String trackingBaseUrl, ObjectMapper json) {
        this.requests = requests;
        this.http = new OrderRequestHttp(rules, trackingBaseUrl, json);
    }

    public void request(Context ctx) {
        String orderId = http.orderId(ctx);
        JsonNode body = http.objectBody(ctx, "the cancellation", "reason and requestedBy");
        FieldReader fields = new FieldReader("a cancellation");
        fields.unknownFields(body, "", FIELDS);
        CancellationReason reason = fields.choice(body, "reason", CancellationReason.class, true);
        RequestedBy requestedBy = fields.choice(body, "requestedBy", RequestedBy.class, true);
        Optional<String> note = fields.prose(body, "note", "note", MAX_NOTE);
        note.flatMap(PersonalData::proseProblem).ifPresent(problem -> fields.reject("note", problem));
        fields.refuseIfInvalid();
        String requestId = requests.request(orderId, new Cancellation(reason, requestedBy), note, http.idempotencyKey(ctx));
        http.accepted(ctx, orderId, requestId);
    }
}

package com.orderpipeline.orderid.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.ids.OrderIdRules;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The HTTP half that every request about a placed order ({@code POST /orders/{orderId}/cancellation},
 * {@code .../returns}) shares: the order ID of the path, a JSON object body, the Idempotency-Key, and the 202 that
 * says <em>requested</em> and points at the order's tracking resource.
 */
final class OrderRequestHttp {
    private final OrderIdRules rules;
    private final String trackingBaseUrl;
    private final ObjectMapper json;

    OrderRequestHttp(OrderIdRules rules, String trackingBaseUrl, ObjectMapper json) {
        this.rules = rules;
        this.trackingBaseUrl = trackingBaseUrl;
        this.json = json;
    }

    /** The order ID of the path in canonical form, or a 400 with the reason it is none. */
    String orderId(Context ctx) {
        return OrderIdController.parse(ctx.pathParam("orderId"), rules).canonical();
    }

    /** The body as a JSON object; 415 when it is not JSON, 400 when it cannot be read or is no object. */
    JsonNode objectBody(Context ctx, String what, String fields) {
        OrderController.requireJson(ctx.contentType());
        JsonNode body = OrderController.readJson(json, ctx.bodyAsBytes(), what);
        if (!body.isObject()) {
            throw ProblemException.badRequest("The request body must be a JSON object with " + fields);
        }
        return body;
    }

    Optional<String> idempotencyKey(Context ctx) {
        return Optional.ofNullable(ctx.header(OrderController.IDEMPOTENCY_KEY)).map(OrderController::validKey);
    }

    void accepted(Context ctx, String orderId, String requestId) {
        ctx.status(202)
                .header("Location", trackingBaseUrl + "/orders/" + orderId)
                .contentType("application/json")
                .result(json.createObjectNode()
                        .put("orderId", orderId)
                        .put("requestId", requestId)
                        .put("status", "REQUESTED")
                        .toString());
    }
}

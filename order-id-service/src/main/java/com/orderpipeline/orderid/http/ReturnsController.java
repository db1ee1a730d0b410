package com.orderpipeline.orderid.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.orderid.requests.ReturnRequest;
import com.orderpipeline.orderid.requests.ReturnRequestParser;
import com.orderpipeline.orderid.requests.ReturnRequests;
import com.orderpipeline.schemas.ids.OrderIdRules;
import io.javalin.http.Context;

/**
 * {@code POST /orders/{orderId}/returns}: checks the order ID and the body ({@code items}, {@code reason}, an
 * optional {@code comment} and {@code requestedBy}), writes the request and answers 202 with its requestId and a
 * {@code Location} on the order's tracking resource. returns-stream decides it.
 */
public final class ReturnsController {
    private final ReturnRequests requests;
    private final OrderRequestHttp http;

    public ReturnsController(ReturnRequests requests, OrderIdRules rules, String trackingBaseUrl, ObjectMapper json) {
        this.requests = requests;
        this.http = new OrderRequestHttp(rules, trackingBaseUrl, json);
    }

    public void request(Context ctx) {
        String orderId = http.orderId(ctx);
        ReturnRequest request = ReturnRequestParser.parse(http.objectBody(ctx, "the return", "items and reason"));
        String requestId = requests.request(orderId, request, http.idempotencyKey(ctx));
        http.accepted(ctx, orderId, requestId);
    }
}

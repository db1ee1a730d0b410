package com.orderpipeline.tracking.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The APIs behind the desk, by what they do: the support view and a customer's orders from this service's own
 * API (so its forwarding to the instance that owns the order, its access check and its audit lines apply to the
 * desk's reads as to anyone's), cancellations and returns from order-id-service, the one writer of requests.
 */
final class DeskApi {
    private final ApiCalls calls;
    private final Optional<String> orderApi;

    /** @param orderApi {@code ORDER_API_URL}; empty: the desk cannot act */
    DeskApi(ApiCalls calls, Optional<String> orderApi) {
        this.calls = calls;
        this.orderApi = orderApi;
    }

    /** The own base URL for a server bound to {@code httpHost}: loopback unless it listens on one address only. */
    static String loopbackBase(String httpHost, int port) {
        String host = httpHost.isBlank() || "0.0.0.0".equals(httpHost) || "::".equals(httpHost)
                || "[::]".equals(httpHost) ? "127.0.0.1" : httpHost;
        boolean ipv6 = host.contains(":") && !host.startsWith("[");
        return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }

    boolean canAct() {
        return orderApi.isPresent();
    }

    /** @param ownBase this service's own address ({@code http://127.0.0.1:8083}) */
    CompletableFuture<ApiAnswer> order(String ownBase, Session session, String orderId) {
        return calls.get(URI.create(ownBase + "/support/orders/" + segment(orderId)), session.token());
    }

    CompletableFuture<ApiAnswer> customerOrders(String ownBase, Session session, String customerId, int limit,
                                                Optional<String> before) {
        String query = "?limit=" + limit + before.map(cursor -> "&before=" + segment(cursor)).orElse("");
        return calls.get(URI.create(ownBase + "/support/customers/" + segment(customerId) + "/orders" + query),
                session.token());
    }

    CompletableFuture<ApiAnswer> cancel(Session session, String orderId, String nonce, ObjectNode body) {
        return act(session, "/orders/" + segment(orderId) + "/cancellation", nonce, body);
    }

    CompletableFuture<ApiAnswer> startReturn(Session session, String orderId, String nonce, ObjectNode body) {
        return act(session, "/orders/" + segment(orderId) + "/returns", nonce, body);
    }

    private CompletableFuture<ApiAnswer> act(Session session, String path, String nonce, ObjectNode body) {
        if (orderApi.isEmpty()) {
            return CompletableFuture.completedFuture(ApiAnswer.unreachable("The desk cannot act for customers:"
                    + " ORDER_API_URL is not set."));
        }
        return calls.post(URI.create(orderApi.get() + path), session.token(), "support-desk-" + nonce, body);
    }

    /** A path segment or query value, percent-encoded (a space as %20, never +). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

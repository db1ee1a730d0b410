package com.orderpipeline.orderid.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.orderid.idempotency.IdempotentOrders;
import com.orderpipeline.orderid.orders.OrderRequest;
import com.orderpipeline.orderid.orders.OrderRequestParser;
import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.orderid.orders.PlacedOrder;
import com.orderpipeline.runtime.http.ClientErrors;
import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /orders}: reads the JSON body, hands it to the {@link OrderService} (once per
 * {@code Idempotency-Key}) and answers 201 with the order ID and a {@code Location} on the tracking API.
 */
public final class OrderController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;
    private final IdempotentOrders idempotency;
    private final String trackingBaseUrl;
    private final Duration maxWaitForFirstAttempt;
    private final ObjectMapper json;

    public OrderController(OrderService orders, IdempotentOrders idempotency, String trackingBaseUrl,
                           Duration maxWaitForFirstAttempt, ObjectMapper json) {
        this.orders = orders;
        this.idempotency = idempotency;
        this.trackingBaseUrl = trackingBaseUrl;
        this.maxWaitForFirstAttempt = maxWaitForFirstAttempt;
        this.json = json;
    }

    /** The answer is written once Kafka acknowledged the order; no thread waits for it meanwhile. */
    public void place(Context ctx) {
        requireJson(ctx.contentType());
        JsonNode body = readJson(ctx.bodyAsBytes());
        OrderRequest request = OrderRequestParser.parse(body);
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null) {
            CompletableFuture<PlacedOrder> placed = orders.place(request);
            ctx.future(() -> placed.thenAccept(order -> created(ctx, order)));
            return;
        }
        CompletableFuture<IdempotentOrders.Outcome> outcome = idempotency.place(validKey(key), fingerprint(body), request,
                maxWaitForFirstAttempt);
        ctx.future(() -> outcome.thenAccept(placed -> {
            if (placed.replayed()) {
                ctx.header("Idempotent-Replayed", "true");
            }
            created(ctx, placed.order());
        }));
    }

    private void created(Context ctx, PlacedOrder order) {
        ctx.status(201)
                .header("Location", trackingBaseUrl + "/orders/" + order.orderId())
                .contentType("application/json")
                .result(json.createObjectNode()
                        .put("orderId", order.orderId())
                        .put("status", "PLACED")
                        .put("placedAt", order.placedAt().toString())
                        .put("promisedBy", order.promisedBy().toString())
                        .toString());
    }

    static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw ProblemException.unsupportedMediaType(contentType, "application/json");
        }
    }

    private JsonNode readJson(byte[] body) {
        return readJson(json, body, "the order");
    }

    /** The body as JSON, or a 400 problem saying what is wrong with it. */
    static JsonNode readJson(ObjectMapper json, byte[] body, String what) {
        if (body.length == 0) {
            throw ProblemException.badRequest("The request has no body; send " + what + " as a JSON object");
        }
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw ClientErrors.unreadableBody(e);
        }
    }

    static String validKey(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.badRequest("The Idempotency-Key header is not valid",
                    List.of(new FieldError(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters, such as a UUID")));
        }
        return key;
    }

    /** The same order sent twice, whatever its spacing, has the same fingerprint. */
    private static String fingerprint(JsonNode body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(body.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

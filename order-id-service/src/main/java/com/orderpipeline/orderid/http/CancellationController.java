package com.orderpipeline.orderid.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.orderid.requests.CancellationRequests;
import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.ids.OrderIdRules;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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
    private final OrderIdRules rules;
    private final String trackingBaseUrl;
    private final ObjectMapper json;

    public CancellationController(CancellationRequests requests, OrderIdRules rules, String trackingBaseUrl, ObjectMapper json) {
        this.requests = requests;
        this.rules = rules;
        this.trackingBaseUrl = trackingBaseUrl;
        this.json = json;
    }

    public void request(Context ctx) {
        String orderId = OrderIdController.parse(ctx.pathParam("orderId"), rules).canonical();
        OrderController.requireJson(ctx.contentType());
        JsonNode body = OrderController.readJson(json, ctx.bodyAsBytes(), "the cancellation");
        if (!body.isObject()) {
            throw ProblemException.badRequest("The request body must be a JSON object with reason and requestedBy");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                errors.add(new FieldError(field, "is not a field of a cancellation (known: note, reason, requestedBy)"));
            }
        }
        CancellationReason reason = choice(body, "reason", CancellationReason.values(), errors)
                .map(CancellationReason::valueOf).orElse(null);
        RequestedBy requestedBy = choice(body, "requestedBy", RequestedBy.values(), errors)
                .map(RequestedBy::valueOf).orElse(null);
        Optional<String> note = note(body.get("note"), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? "1 field of the cancellation is not valid"
                    : errors.size() + " fields of the cancellation are not valid", errors);
        }
        Optional<String> key = Optional.ofNullable(ctx.header(OrderController.IDEMPOTENCY_KEY)).map(OrderController::validKey);
        String requestId = requests.request(orderId, new Cancellation(reason, requestedBy), note, key);
        ctx.status(202)
                .header("Location", trackingBaseUrl + "/orders/" + orderId)
                .contentType("application/json")
                .result(json.createObjectNode()
                        .put("orderId", orderId)
                        .put("requestId", requestId)
                        .put("status", "REQUESTED")
                        .toString());
    }

    /** The symbol a required enum field names; UNKNOWN, the schemas' stand-in for later symbols, is no choice. */
    private static Optional<String> choice(JsonNode body, String field, Enum<?>[] symbols, List<FieldError> errors) {
        List<String> allowed = Arrays.stream(symbols).map(Enum::name).filter(name -> !name.equals("UNKNOWN")).toList();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required: one of " + String.join(", ", allowed)));
            return Optional.empty();
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed) + ", not " + node));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private static Optional<String> note(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.add(new FieldError("note", "must be a string"));
            return Optional.empty();
        }
        String note = node.asText().strip();
        if (note.length() > MAX_NOTE) {
            errors.add(new FieldError("note", "must be at most " + MAX_NOTE + " characters, not " + note.length()));
            return Optional.empty();
        }
        if (note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.add(new FieldError("note", "must not contain control characters other than line breaks"));
            return Optional.empty();
        }
        return note.isEmpty() ? Optional.empty() : Optional.of(note);
    }
}

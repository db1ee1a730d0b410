package com.orderpipeline.orderid.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.ids.InvalidOrderIdException;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /order-ids/{id}}: whether an ID is well-formed, its normal form, prefix and channel, or a 400
 * with the specific reason (length, character, prefix, check digit).
 */
public final class OrderIdController {
    private final OrderIdRules rules;
    private final ObjectMapper json;

    public OrderIdController(OrderIdRules rules, ObjectMapper json) {
        this.rules = rules;
        this.json = json;
    }

    /** The order ID in {@code input}, or a 400 problem naming the reason (length, character, prefix, check digit). */
    static OrderId parse(String input, OrderIdRules rules) {
        try {
            return OrderId.parse(input, rules);
        } catch (InvalidOrderIdException e) {
            throw new ProblemException(400, "/problems/invalid-order-id", "The order ID is not valid", e.getMessage(),
                    List.of(), Optional.empty())
                    .withExtension("reason", e.reason().name())
                    .withExtension("input", input);
        }
    }

    public void check(Context ctx) {
        String input = ctx.pathParam("id");
        OrderId id = parse(input, rules);
        ctx.contentType("application/json").result(json.createObjectNode()
                .put("input", input)
                .put("valid", true)
                .put("orderId", id.canonical())
                .put("compact", id.compact())
                .put("prefix", id.prefix())
                .put("channel", id.channel().name())
                .toString());
    }
}

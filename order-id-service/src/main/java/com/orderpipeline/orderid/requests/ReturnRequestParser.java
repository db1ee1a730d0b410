package com.orderpipeline.orderid.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.orderid.orders.FieldReader;
import com.orderpipeline.orderid.orders.OrderRequestParser;
import com.orderpipeline.orderid.orders.PersonalData;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the JSON body of {@code POST /orders/{orderId}/returns} into a {@link ReturnRequest}, naming every bad
 * field at once. It checks the request's form only; whether the order was delivered, holds these SKUs and still
 * has that many to return is returns-stream's decision.
 */
public final class ReturnRequestParser {
    static final int MAX_COMMENT = 500;
    private static final Set<String> FIELDS = Set.of("items", "reason", "comment", "requestedBy");
    private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity");

    private final FieldReader fields = new FieldReader("a return");

    private ReturnRequestParser() {
    }

    /** Parses and validates a JSON object; throws a 400 problem naming every bad field. */
    public static ReturnRequest parse(JsonNode body) {
        return new ReturnRequestParser().read(body);
    }

    private ReturnRequest read(JsonNode body) {
        fields.unknownFields(body, "", FIELDS);
        List<ReturnRequest.Item> items = items(body);
        ReturnReason reason = fields.choice(body, "reason", ReturnReason.class, true);
        Optional<String> comment = fields.prose(body, "comment", "comment", MAX_COMMENT);
        comment.flatMap(PersonalData::proseProblem).ifPresent(problem -> fields.reject("comment", problem));
        RequestedBy requestedBy = fields.choice(body, "requestedBy", RequestedBy.class, false);
        fields.refuseIfInvalid();
        return new ReturnRequest(items, reason, comment, requestedBy == null ? RequestedBy.CUSTOMER : requestedBy);
    }

    /** The order's own limits bound a return's lines: no SKU or quantity past them can be in the order. */
    private List<ReturnRequest.Item> items(JsonNode body) {
        List<ReturnRequest.Item> items = new ArrayList<>();
        Map<String, String> firstLine = new HashMap<>();
        for (FieldReader.Entry entry : fields.items(body, OrderRequestParser.MAX_ITEMS, "sku and quantity")) {
            String path = entry.path();
            fields.unknownFields(entry.node(), path + ".", ITEM_FIELDS);
            String sku = fields.text(entry.node(), "sku", path + ".sku", OrderRequestParser.MAX_SKU, true);
            Long quantity = fields.whole(entry.node(), "quantity", path + ".quantity", 1, OrderRequestParser.MAX_QUANTITY);
            String earlier = sku == null ? null : firstLine.putIfAbsent(sku, path);
            if (earlier != null) {
                fields.reject(path + ".sku", "appears twice (also in " + earlier + "); put the whole quantity of a SKU on one line");
            } else if (sku != null && quantity != null) {
                items.add(new ReturnRequest.Item(sku, quantity.intValue()));
            }
        }
        return items;
    }
}

package com.orderpipeline.tracking.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.TrackingCarrierEvent;
import com.orderpipeline.schemas.avro.TrackingRefund;
import com.orderpipeline.schemas.avro.TrackingReturn;
import com.orderpipeline.schemas.avro.TrackingReturnItem;
import com.orderpipeline.schemas.avro.TrackingStep;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * The support view of an order (SPEC.md, "The support desk"): the order as placed with its personal data, the
 * view's status and dates, and the support history's records laid out as the timeline, the rejections, the
 * cancellation, the returns and the refunds. Orders whose history began before the history was kept still show
 * the view's timeline, returns and refunds, with the details the view has.
 */
public final class SupportView {
    private final ObjectMapper json;

    public SupportView(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param history the order's support history records, as its prefix scan gives them (key order)
     */
    public String render(OrderPlaced order, OrderTracking view, List<KeyValue<String, String>> history) {
        Map<SupportRecord.Kind, List<ObjectNode>> records = new HashMap<>();
        for (KeyValue<String, String> record : history) {
            records.computeIfAbsent(SupportHistoryKeys.kindOf(record.key), kind -> new ArrayList<>()).add(parse(record.value));
        }
        ObjectNode answer = json.createObjectNode()
                .put("orderId", order.getOrderId())
                .put("customerId", order.getCustomerId())
                .put("contactEmail", order.getContactEmail())
                .put("channel", order.getChannel().name())
                .put("status", view.getStatus().name())
                .put("placedAt", order.getPlacedAt().toString())
                .put("updatedAt", view.getUpdatedAt().toString());
        ArrayNode items = answer.putArray("items");
        for (LineItem item : order.getItems()) {
            items.addObject().put("sku", item.getSku()).put("title", item.getTitle()).put("quantity", item.getQuantity())
                    .put("unitPrice", item.getUnitPrice());
        }
        answer.put("total", order.getTotal()).put("currency", order.getCurrency())
                .put("shippingSpeed", order.getShippingSpeed().name());
        answer.set("shipTo", address(order.getShipTo()));
        if (order.getPayment() == null) {
            answer.putNull("payment");
        } else {
            answer.putObject("payment").put("method", order.getPayment().getMethod().name())
                    .put("label", order.getPayment().getLabel())
                    .put("status", view.getPaymentStatus() == null ? null : view.getPaymentStatus().name());
        }
        answer.put("promisedBy", view.getPromisedBy() == null ? null : view.getPromisedBy().toString())
                .put("deliveredAt", view.getDeliveredAt() == null ? null : view.getDeliveredAt().toString())
                .put("late", view.getLate())
                .put("warehouseId", view.getWarehouseId())
                .put("carrier", view.getCarrier())
                .put("trackingNumber", view.getTrackingNumber());
        answer.put("estimatedDelivery", view.getEstimatedDelivery() == null ? null : view.getEstimatedDelivery().toString())
                .put("carrierStatus", view.getCarrierStatus() == null ? null : view.getCarrierStatus().name());
        ArrayNode carrierEvents = answer.putArray("carrierEvents");
        for (TrackingCarrierEvent event : view.getCarrierEvents()) {
            carrierEvents.addObject().put("eventId", event.getEventId()).put("type", event.getType().name())
                    .put("at", event.getAt().toString()).put("place", event.getPlace()).put("detail", event.getDetail())
                    .put("estimatedDelivery", event.getEstimatedDelivery());
        }
        List<ObjectNode> steps = records.getOrDefault(SupportRecord.Kind.FULFILLMENT, List.of());
        answer.set("timeline", timeline(view, steps));
        answer.set("cancellation", cancellation(steps));
        answer.putArray("rejections").addAll(records.getOrDefault(SupportRecord.Kind.REJECTION, List.of()));
        answer.set("returns", returns(view, records.getOrDefault(SupportRecord.Kind.RETURN, List.of())));
        answer.set("refunds", refunds(view, records.getOrDefault(SupportRecord.Kind.REFUND, List.of())));
        return answer.toString();
    }

    private JsonNode address(Address shipTo) {
        if (shipTo == null) {
            return json.nullNode();
        }
        return json.createObjectNode().put("name", shipTo.getName()).put("line1", shipTo.getLine1())
                .put("line2", shipTo.getLine2()).put("city", shipTo.getCity()).put("region", shipTo.getRegion())
                .put("postalCode", shipTo.getPostalCode()).put("country", shipTo.getCountry());
    }

    /** The view's steps in their order, each with what its fulfillment event says of it. */
    private ArrayNode timeline(OrderTracking view, List<ObjectNode> events) {
        Map<String, ObjectNode> byStatus = new HashMap<>();
        events.forEach(event -> byStatus.putIfAbsent(event.path("status").asText(), event));
        ArrayNode timeline = json.createArrayNode();
        for (TrackingStep step : view.getTimeline()) {
            ObjectNode event = byStatus.get(step.getStatus().name());
            ObjectNode entry = timeline.addObject().put("status", step.getStatus().name()).put("at", step.getAt().toString())
                    .put("place", step.getPlace());
            for (String field : List.of("warehouseId", "carrier", "trackingNumber", "sequence", "causedBy")) {
                entry.set(field, event == null ? json.nullNode() : event.path(field).deepCopy());
            }
        }
        return timeline;
    }

    private JsonNode cancellation(List<ObjectNode> events) {
        for (ObjectNode event : events) {
            JsonNode cancellation = event.path("cancellation");
            if ("CANCELLED".equals(event.path("status").asText()) && cancellation.isObject()) {
                return json.createObjectNode().put("reason", cancellation.path("reason").asText())
                        .put("requestedBy", cancellation.path("requestedBy").asText())
                        .put("requestId", event.path("causedBy").textValue())
                        .put("at", event.path("at").textValue());
            }
        }
        return json.nullNode();
    }

    /**
     * Each return (or declined request) at its latest event, with the history of its statuses, in the order they
     * were requested; the events come grouped by return and in sequence, from the keys.
     */
    private ArrayNode returns(OrderTracking view, List<ObjectNode> events) {
        ArrayNode answer = json.createArrayNode();
        if (events.isEmpty()) {
            for (TrackingReturn returned : view.getReturns()) {
                ObjectNode entry = answer.addObject().put("returnId", returned.getReturnId())
                        .put("requestId", returned.getRequestId()).put("status", returned.getStatus().name());
                ArrayNode items = entry.putArray("items");
                for (TrackingReturnItem item : returned.getItems()) {
                    items.addObject().put("sku", item.getSku()).put("quantity", item.getQuantity()).putNull("condition");
                }
                entry.put("refundAmount", returned.getRefundAmount()).putArray("history");
            }
            return answer;
        }
        Map<String, List<ObjectNode>> byReturn = new LinkedHashMap<>();
        for (ObjectNode event : events) {
            String subject = event.hasNonNull("returnId") ? event.path("returnId").asText() : event.path("requestId").asText();
            byReturn.computeIfAbsent(subject, key -> new ArrayList<>()).add(event);
        }
        List<List<ObjectNode>> inOrder = new ArrayList<>(byReturn.values());
        inOrder.sort(Comparator.comparing(history -> history.get(0).path("at").asText()));
        for (List<ObjectNode> history : inOrder) {
            ObjectNode latest = history.get(history.size() - 1);
            ObjectNode entry = answer.addObject();
            for (String field : List.of("returnId", "requestId", "status", "reason", "declineReason", "message", "items")) {
                entry.set(field, latest.path(field).deepCopy());
            }
            entry.set("carrier", lastNonNull(history, "carrier"));
            entry.set("trackingNumber", lastNonNull(history, "trackingNumber"));
            entry.set("refundAmount", lastNonNull(history, "refundAmount"));
            ArrayNode statuses = entry.putArray("history");
            history.forEach(event -> statuses.addObject().put("status", event.path("status").asText())
                    .put("at", event.path("at").textValue()));
        }
        return answer;
    }

    private ArrayNode refunds(OrderTracking view, List<ObjectNode> refunds) {
        ArrayNode answer = json.createArrayNode();
        if (!refunds.isEmpty()) {
            return answer.addAll(refunds);
        }
        for (TrackingRefund refund : view.getRefunds()) {
            answer.addObject().put("refundId", refund.getRefundId()).put("returnId", refund.getReturnId())
                    .put("amount", refund.getAmount()).put("currency", view.getCurrency()).putNull("issuedAt")
                    .putArray("items");
        }
        return answer;
    }

    private JsonNode lastNonNull(List<ObjectNode> events, String field) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).hasNonNull(field)) {
                return events.get(i).get(field).deepCopy();
            }
        }
        return json.nullNode();
    }

    private ObjectNode parse(String entry) {
        try {
            return (ObjectNode) json.readTree(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A support history entry is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}

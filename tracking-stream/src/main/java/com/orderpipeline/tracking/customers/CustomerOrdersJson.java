package com.orderpipeline.tracking.customers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.CustomerOrder;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.query.TrackingView;
import java.time.LocalDate;

/**
 * The JSON of a page of Your Orders, as SPEC.md lays it out: per order its ID, date, status, items, total,
 * ship-to name and city, payment method and status, promised and estimated delivery, delivery and returns.
 * Personal data, answered only to a shop or support token. Each entry is rendered once, when the customer index
 * stores it, so a page is the stored entries joined: a read decodes nothing.
 */
public final class CustomerOrdersJson {
    private final ObjectMapper json;

    public CustomerOrdersJson(ObjectMapper json) {
        this.json = json;
    }

    /** A page: the entries as stored, in a body that names the customer and the next page's cursor. */
    public String page(String customerId, CustomerOrderPages.Page page) {
        StringBuilder body = new StringBuilder(64 + page.orders().stream().mapToInt(e -> e.json().length() + 1).sum())
                .append("{\"customerId\":").append(quoted(customerId)).append(",\"orders\":[");
        for (int i = 0; i < page.orders().size(); i++) {
            body.append(i == 0 ? "" : ",").append(page.orders().get(i).json());
        }
        return body.append("],\"next\":").append(page.next().map(this::quoted).orElse("null")).append('}').toString();
    }

    /** One order's entry, as the customer-orders store keeps it. */
    public String entry(CustomerOrder order) {
        return entryNode(order).toString();
    }

    private String quoted(String text) {
        return json.getNodeFactory().textNode(text).toString();
    }

    private ObjectNode entryNode(CustomerOrder order) {
        OrderPlaced placed = order.getPlaced();
        OrderTracking view = order.getView();
        ObjectNode entry = json.createObjectNode()
                .put("orderId", placed.getOrderId())
                .put("placedAt", placed.getPlacedAt().toString())
                .put("status", view.getStatus().name())
                .put("itemCount", view.getItemCount());
        ArrayNode items = entry.putArray("items");
        for (LineItem item : placed.getItems()) {
            items.addObject().put("sku", item.getSku()).put("title", item.getTitle()).put("quantity", item.getQuantity());
        }
        entry.put("total", placed.getTotal()).put("currency", placed.getCurrency());
        Address shipTo = placed.getShipTo();
        if (shipTo == null) {
            entry.putNull("shipTo");
        } else {
            entry.putObject("shipTo").put("name", shipTo.getName()).put("city", shipTo.getCity())
                    .put("country", shipTo.getCountry());
        }
        ObjectNode payment = entry.putObject("payment");
        payment.put("method", placed.getPayment() == null ? null : placed.getPayment().getMethod().name());
        payment.put("label", placed.getPayment() == null ? null : placed.getPayment().getLabel());
        payment.put("status", view.getPaymentStatus() == null ? null : view.getPaymentStatus().name());
        entry.put("promisedBy", view.getPromisedBy() == null ? null : view.getPromisedBy().toString());
        LocalDate estimate = view.getEstimatedDelivery() != null ? view.getEstimatedDelivery() : view.getPromisedBy();
        entry.put("estimatedDelivery", estimate == null ? null : estimate.toString());
        entry.put("deliveredAt", view.getDeliveredAt() == null ? null : view.getDeliveredAt().toString());
        entry.put("late", view.getLate());
        entry.set("returns", json.valueToTree(TrackingView.returnsOf(view)));
        return entry;
    }
}

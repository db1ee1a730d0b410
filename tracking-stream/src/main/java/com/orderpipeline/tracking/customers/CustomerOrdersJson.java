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

/**
 * The JSON of a page of Your Orders, as SPEC.md lays it out: per order its ID, date, status, items, total,
 * ship-to name and city, payment method and status, promised and estimated delivery, delivery and returns.
 * Personal data, answered only to a shop or support token.
 */
public final class CustomerOrdersJson {
    private final ObjectMapper json;

    public CustomerOrdersJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(String customerId, CustomerOrderPages.Page page) {
        ObjectNode body = json.createObjectNode().put("customerId", customerId);
        ArrayNode orders = body.putArray("orders");
        page.orders().forEach(order -> orders.add(entry(order)));
        body.put("next", page.next().orElse(null));
        return body.toString();
    }

    private ObjectNode entry(CustomerOrder order) {
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
        // no carrier estimate is kept yet: the promise is the best date known
        entry.putNull("estimatedDelivery");
        entry.put("deliveredAt", view.getDeliveredAt() == null ? null : view.getDeliveredAt().toString());
        entry.put("late", view.getLate());
        entry.set("returns", json.valueToTree(TrackingView.of(view).returns()));
        return entry;
    }
}

package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.desk.Fields.define;
import static com.orderpipeline.tracking.desk.Fields.money;
import static com.orderpipeline.tracking.desk.Fields.moment;
import static com.orderpipeline.tracking.desk.Fields.raw;
import static com.orderpipeline.tracking.desk.Fields.text;
import static com.orderpipeline.tracking.page.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An order as an agent on the phone needs it, from the support view's JSON: status and dates, the customer (with
 * a link to their orders) and contact e-mail, delivery promise and carrier, the full ship-to address, payment,
 * the items with prices and the total; then its history ({@link OrderHistory}) and what the agent can do
 * ({@link ActionForms}). Every value is escaped; a missing one shows as a dash.
 */
final class OrderSheet {
    private OrderSheet() {
    }

    static String render(JsonNode order, Session session, boolean canAct, Optional<String> notice) {
        String orderId = Optional.ofNullable(raw(order, "orderId")).orElse("");
        String currency = raw(order, "currency");
        StringBuilder body = new StringBuilder();
        notice.ifPresent(text -> body.append(DeskPage.notice(text)));
        body.append("<h1>Order <span id=\"order-number\" class=\"id\">").append(escape(orderId)).append("</span></h1>");
        summary(body, order);
        customer(body, order);
        delivery(body, order);
        shipTo(body, order.path("shipTo"));
        payment(body, order.path("payment"));
        items(body, order, currency);
        body.append(OrderHistory.render(order, currency));
        body.append(ActionForms.render(order, session, canAct));
        body.append(DeskPage.search(""));
        return DeskPage.render("Order " + orderId, Optional.of(session), body.toString());
    }

    private static void summary(StringBuilder body, JsonNode order) {
        body.append("<section class=\"card\" id=\"summary\"><dl>");
        define(body, "Status", "status", text(order, "status"));
        define(body, "Channel", "channel", text(order, "channel"));
        define(body, "Placed", "placed-at", moment(order, "placedAt"));
        define(body, "Last update", "updated-at", moment(order, "updatedAt"));
        body.append("</dl></section>");
    }

    private static void customer(StringBuilder body, JsonNode order) {
        String customerId = raw(order, "customerId");
        body.append("<section class=\"card\" id=\"customer\"><h2>Customer</h2><dl>");
        define(body, "Customer ID", "customer-id", customerId == null ? Fields.NONE
                : "<a href=\"" + escape(DeskPage.customerHref(customerId, Optional.empty())) + "\">" + escape(customerId)
                + "</a>");
        define(body, "Contact e-mail", "contact-email", text(order, "contactEmail"));
        body.append("</dl></section>");
    }

    private static void delivery(StringBuilder body, JsonNode order) {
        body.append("<section class=\"card\" id=\"delivery\"><h2>Delivery</h2><dl>");
        define(body, "Shipping speed", "shipping-speed", text(order, "shippingSpeed"));
        define(body, "Promised by", "promised-by", Fields.day(order, "promisedBy"));
        define(body, "Delivered", "delivered-at", moment(order, "deliveredAt"));
        define(body, "Late", "late", order.path("late").asBoolean(false) ? "<strong>yes</strong>" : "no");
        define(body, "Warehouse", "warehouse", text(order, "warehouseId"));
        define(body, "Carrier", "carrier", text(order, "carrier"));
        define(body, "Tracking number", "tracking-number", text(order, "trackingNumber"));
        body.append("</dl></section>");
    }

    private static void shipTo(StringBuilder body, JsonNode shipTo) {
        body.append("<section class=\"card\"><h2>Ship to</h2>");
        if (!shipTo.isObject()) {
            body.append("<p id=\"ship-to\">No address: nothing is shipped for this order.</p></section>");
            return;
        }
        String cityLine = String.join(" ", java.util.stream.Stream.of(raw(shipTo, "postalCode"), raw(shipTo, "city"),
                raw(shipTo, "region")).filter(part -> part != null).toList());
        body.append("<address id=\"ship-to\">");
        for (String line : new String[]{raw(shipTo, "name"), raw(shipTo, "line1"), raw(shipTo, "line2"), cityLine,
            raw(shipTo, "country")}) {
            if (line != null && !line.isBlank()) {
                body.append(escape(line)).append('\n');
            }
        }
        body.append("</address></section>");
    }

    private static void payment(StringBuilder body, JsonNode payment) {
        body.append("<section class=\"card\" id=\"payment\"><h2>Payment</h2><dl>");
        define(body, "Method", "payment-method", text(payment, "method"));
        define(body, "Label", "payment-label", text(payment, "label"));
        define(body, "Status", "payment-status", text(payment, "status"));
        body.append("</dl></section>");
    }

    private static void items(StringBuilder body, JsonNode order, String currency) {
        body.append("<section class=\"card\"><h2>Items</h2><div class=\"table\"><table id=\"items\"><thead><tr>")
                .append("<th>SKU</th><th>Title</th><th class=\"num\">Quantity</th><th class=\"num\">Unit price</th>")
                .append("</tr></thead><tbody>");
        for (JsonNode item : Fields.list(order, "items")) {
            body.append("<tr><td class=\"sku\">").append(text(item, "sku")).append("</td><td>").append(text(item, "title"))
                    .append("</td><td class=\"num\">").append(text(item, "quantity")).append("</td><td class=\"num\">")
                    .append(money(item, "unitPrice", currency)).append("</td></tr>");
        }
        body.append("</tbody><tfoot><tr><th colspan=\"3\">Total</th><td class=\"num\" id=\"total\">")
                .append(money(order, "total", currency)).append("</td></tr></tfoot></table></div></section>");
    }
}

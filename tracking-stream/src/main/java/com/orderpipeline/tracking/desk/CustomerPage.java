package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.desk.Fields.money;
import static com.orderpipeline.tracking.desk.Fields.moment;
import static com.orderpipeline.tracking.desk.Fields.raw;
import static com.orderpipeline.tracking.desk.Fields.text;
import static com.orderpipeline.tracking.page.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A customer's orders, newest first, from the JSON of Your Orders: each with a link to its desk page, its date,
 * status, items, total, ship-to and payment, and a link to the next page while there is one. An unknown customer
 * is an empty list, as the API answers it.
 */
final class CustomerPage {
    private CustomerPage() {
    }

    static String render(String customerId, JsonNode page, Session session) {
        StringBuilder body = new StringBuilder("<h1>Customer <span id=\"customer-number\" class=\"id\">")
                .append(escape(customerId)).append("</span></h1><section class=\"card\">");
        if (Fields.empty(page, "orders")) {
            body.append("<p id=\"no-orders\">No orders for this customer ID.</p>");
        } else {
            body.append("<div class=\"table\"><table id=\"orders\"><thead><tr><th>Order</th><th>Placed</th><th>Status</th>")
                    .append("<th>Items</th><th class=\"num\">Total</th><th>Ships to</th><th>Payment</th></tr></thead><tbody>");
            for (JsonNode order : Fields.list(page, "orders")) {
                row(body, order);
            }
            body.append("</tbody></table></div>");
        }
        Optional.ofNullable(raw(page, "next")).ifPresent(next -> body.append("<p><a id=\"next-page\" href=\"")
                .append(escape(DeskPage.customerHref(customerId, Optional.of(next)))).append("\">Older orders</a></p>"));
        body.append("</section>").append(DeskPage.search(customerId));
        return DeskPage.render("Customer " + customerId, Optional.of(session), body.toString());
    }

    private static void row(StringBuilder body, JsonNode order) {
        String orderId = raw(order, "orderId");
        StringBuilder items = new StringBuilder();
        for (JsonNode item : Fields.list(order, "items")) {
            items.append(items.isEmpty() ? "" : "<br>").append(text(item, "quantity")).append(" × ")
                    .append(text(item, "title"));
        }
        JsonNode shipTo = order.path("shipTo");
        JsonNode payment = order.path("payment");
        body.append("<tr class=\"order\"><td>").append(orderId == null ? Fields.NONE : "<a class=\"order-link id\" href=\""
                        + escape(DeskPage.orderHref(orderId)) + "\">" + escape(orderId) + "</a>")
                .append("</td><td>").append(moment(order, "placedAt"))
                .append("</td><td>").append(text(order, "status"))
                .append("</td><td>").append(items.isEmpty() ? Fields.NONE : items)
                .append("</td><td class=\"num\">").append(money(order, "total", raw(order, "currency")))
                .append("</td><td>").append(shipTo.isObject() ? text(shipTo, "name") + ", " + text(shipTo, "city") + ", "
                        + text(shipTo, "country") : "digital")
                .append("</td><td>").append(text(payment, "label")).append(" · ").append(text(payment, "status"))
                .append("</td></tr>");
    }
}

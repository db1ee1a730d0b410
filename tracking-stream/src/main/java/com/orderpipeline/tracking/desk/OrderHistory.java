package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.desk.Fields.money;
import static com.orderpipeline.tracking.desk.Fields.moment;
import static com.orderpipeline.tracking.desk.Fields.text;
import static com.orderpipeline.tracking.page.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to an order, from the support view's JSON: the fulfillment timeline with warehouse and carrier,
 * the cancellation, every rejected scan and request, the returns with their lines, statuses and history, and the
 * refunds with their amounts. A section with nothing to show says so rather than vanishing, so an agent knows
 * there is none.
 */
final class OrderHistory {
    private OrderHistory() {
    }

    static String render(JsonNode order, String currency) {
        StringBuilder body = new StringBuilder();
        timeline(body, order);
        cancellation(body, order.path("cancellation"));
        rejections(body, order);
        returns(body, order, currency);
        refunds(body, order, currency);
        return body.toString();
    }

    private static void timeline(StringBuilder body, JsonNode order) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode step : Fields.list(order, "timeline")) {
            rows.add(List.of(text(step, "status"), moment(step, "at"), text(step, "place"), text(step, "warehouseId"),
                    text(step, "carrier"), text(step, "trackingNumber"), text(step, "causedBy")));
        }
        section(body, "Timeline", "timeline", List.of("Status", "When", "Where", "Warehouse", "Carrier",
                "Tracking number", "Caused by"), rows, "No fulfillment step yet.");
    }

    private static void cancellation(StringBuilder body, JsonNode cancellation) {
        if (!cancellation.isObject()) {
            return;
        }
        body.append("<section class=\"card\" id=\"cancellation\"><h2>Cancellation</h2><dl>");
        Fields.define(body, "Reason", "cancellation-reason", text(cancellation, "reason"));
        Fields.define(body, "Requested by", "cancellation-by", text(cancellation, "requestedBy"));
        Fields.define(body, "Request", "cancellation-request", text(cancellation, "requestId"));
        Fields.define(body, "When", "cancellation-at", moment(cancellation, "at"));
        body.append("</dl></section>");
    }

    private static void rejections(StringBuilder body, JsonNode order) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode rejection : Fields.list(order, "rejections")) {
            rows.add(List.of(text(rejection, "kind"), text(rejection, "type"), text(rejection, "reason"),
                    text(rejection, "message"), text(rejection, "status"), text(rejection, "warehouseId"),
                    moment(rejection, "at"), text(rejection, "id")));
        }
        section(body, "Rejected scans and requests", "rejections", List.of("Kind", "Type", "Reason", "Message",
                "Order status", "Warehouse", "When", "ID"), rows, "Nothing was rejected.");
    }

    private static void returns(StringBuilder body, JsonNode order, String currency) {
        body.append("<section class=\"card\" id=\"returns\"><h2>Returns</h2>");
        if (Fields.empty(order, "returns")) {
            body.append("<p>No return was requested.</p>");
        }
        for (JsonNode entry : Fields.list(order, "returns")) {
            body.append("<article class=\"return\" data-status=\"").append(escape(Fields.raw(entry, "status")))
                    .append("\"><h3>").append(Fields.raw(entry, "returnId") == null ? "Return request"
                            : "Return <span class=\"id return-id\">" + text(entry, "returnId") + "</span>")
                    .append("</h3><dl>");
            define(body, "Status", text(entry, "status"));
            define(body, "Request", text(entry, "requestId"));
            define(body, "Reason", text(entry, "reason"));
            define(body, "Declined because", text(entry, "declineReason"));
            define(body, "Message", text(entry, "message"));
            define(body, "Carrier", text(entry, "carrier"));
            define(body, "Tracking number", text(entry, "trackingNumber"));
            define(body, "Refund", money(entry, "refundAmount", currency));
            body.append("</dl>");
            List<List<String>> lines = new ArrayList<>();
            for (JsonNode line : Fields.list(entry, "items")) {
                lines.add(List.of(text(line, "sku"), text(line, "quantity"), text(line, "condition")));
            }
            table(body, "return-items", List.of("SKU", "Quantity", "Condition"), lines);
            List<List<String>> history = new ArrayList<>();
            for (JsonNode step : Fields.list(entry, "history")) {
                history.add(List.of(text(step, "status"), moment(step, "at")));
            }
            table(body, "return-history", List.of("Status", "When"), history);
            body.append("</article>");
        }
        body.append("</section>");
    }

    private static void refunds(StringBuilder body, JsonNode order, String currency) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode refund : Fields.list(order, "refunds")) {
            String refundCurrency = Fields.raw(refund, "currency") == null ? currency : Fields.raw(refund, "currency");
            List<String> items = new ArrayList<>();
            for (JsonNode item : Fields.list(refund, "items")) {
                items.add(text(item, "quantity") + " × " + text(item, "sku"));
            }
            rows.add(List.of(text(refund, "refundId"), text(refund, "returnId"), money(refund, "amount", refundCurrency),
                    moment(refund, "issuedAt"), items.isEmpty() ? Fields.NONE : String.join(", ", items)));
        }
        section(body, "Refunds", "refunds", List.of("Refund", "Return", "Amount", "Issued", "Items"), rows,
                "No refund was issued.");
    }

    private static void section(StringBuilder body, String title, String id, List<String> headings,
                                List<List<String>> rows, String whenEmpty) {
        body.append("<section class=\"card\"><h2>").append(escape(title)).append("</h2>");
        if (rows.isEmpty()) {
            body.append("<p id=\"").append(id).append("\">").append(escape(whenEmpty)).append("</p></section>");
            return;
        }
        body.append("<div class=\"table\"><table id=\"").append(id).append("\">");
        rows(body, headings, rows);
        body.append("</table></div></section>");
    }

    private static void table(StringBuilder body, String cssClass, List<String> headings, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        body.append("<div class=\"table\"><table class=\"").append(cssClass).append("\">");
        rows(body, headings, rows);
        body.append("</table></div>");
    }

    /** The head and body of a table; the cells are HTML already. */
    private static void rows(StringBuilder body, List<String> headings, List<List<String>> rows) {
        body.append("<thead><tr>");
        headings.forEach(heading -> body.append("<th>").append(escape(heading)).append("</th>"));
        body.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(cell).append("</td>"));
            body.append("</tr>");
        }
        body.append("</tbody>");
    }

    private static void define(StringBuilder body, String term, String html) {
        if (!Fields.NONE.equals(html)) {
            body.append("<dt>").append(escape(term)).append("</dt><dd>").append(html).append("</dd>");
        }
    }
}

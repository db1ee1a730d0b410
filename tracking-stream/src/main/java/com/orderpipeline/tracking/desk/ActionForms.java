package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.page.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.ReturnReason;
import java.util.Arrays;
import java.util.Set;

/**
 * The forms an agent acts with for the customer: cancel (while the order is PLACED, PICKED or PACKED) and start a
 * return (of a delivered physical order, the order's items offered with how many of each). Shown only where they
 * can succeed; fulfillment-stream and returns-stream decide anyway. Each form carries the session's form token and
 * a nonce of its own, the request's {@code Idempotency-Key}, so submitting it twice asks once. Without
 * {@code ORDER_API_URL} a note says how to turn them on.
 */
final class ActionForms {
    static final String NOTE = "note";
    static final String COMMENT = "comment";
    static final String REASON = "reason";
    static final String NONCE = "nonce";
    static final String SKU = "sku.";
    static final String QUANTITY = "quantity.";
    static final int MAX_TEXT = 500;
    private static final Set<String> CANCELLABLE = Set.of("PLACED", "PICKED", "PACKED");

    private ActionForms() {
    }

    static String render(JsonNode order, Session session, boolean canAct) {
        String status = Fields.raw(order, "status");
        boolean cancellable = status != null && CANCELLABLE.contains(status);
        boolean returnable = "DELIVERED".equals(status) && "PHYSICAL".equals(Fields.raw(order, "channel"))
                && !Fields.empty(order, "items");
        if (!cancellable && !returnable) {
            return "";
        }
        StringBuilder body = new StringBuilder("<section class=\"card\" id=\"actions\"><h2>Act for the customer</h2>");
        if (!canAct) {
            return body.append("<p id=\"actions-off\" class=\"warning\">Cancelling and returns are off on this desk: set"
                    + " ORDER_API_URL to order-id-service's address to act for the customer here.</p></section>").toString();
        }
        String orderHref = escape(DeskPage.orderHref(Fields.raw(order, "orderId")));
        if (cancellable) {
            body.append("<form id=\"cancel-form\" method=\"post\" action=\"").append(orderHref).append("/cancel\">")
                    .append(hidden(session))
                    .append("<label for=\"cancel-reason\">Cancel the order</label>")
                    .append(select("cancel-reason", Arrays.stream(CancellationReason.values()).map(Enum::name).toList(),
                            CancellationReason.CUSTOMER_REQUEST.name()))
                    .append(textarea("cancel-note", NOTE, "Note (optional, never a card number)"))
                    .append("<button id=\"cancel-button\" class=\"danger\" type=\"submit\">Cancel this order</button></form>");
        }
        if (returnable) {
            body.append("<form id=\"return-form\" method=\"post\" action=\"").append(orderHref).append("/return\">")
                    .append(hidden(session)).append("<label>Start a return: how many of each item come back</label>");
            int index = 0;
            for (JsonNode item : Fields.list(order, "items")) {
                String sku = Fields.raw(item, "sku");
                int quantity = Math.max(0, item.path("quantity").asInt(0));
                body.append("<fieldset><label for=\"return-quantity-").append(index).append("\">")
                        .append(Fields.text(item, "sku")).append(" · ").append(Fields.text(item, "title"))
                        .append(" (").append(quantity).append(" ordered)</label>")
                        .append("<input type=\"hidden\" name=\"").append(SKU).append(index).append("\" value=\"")
                        .append(escape(sku)).append("\"><input id=\"return-quantity-").append(index)
                        .append("\" type=\"number\" min=\"0\" max=\"").append(quantity).append("\" value=\"0\" name=\"")
                        .append(QUANTITY).append(index).append("\"></fieldset>");
                index++;
            }
            body.append(select("return-reason", Arrays.stream(ReturnReason.values()).map(Enum::name).toList(),
                            ReturnReason.DAMAGED.name()))
                    .append(textarea("return-comment", COMMENT, "Comment (optional, never a card number)"))
                    .append("<button id=\"return-button\" type=\"submit\">Start the return</button></form>");
        }
        return body.append("</section>").toString();
    }

    private static String hidden(Session session) {
        return DeskPage.csrf(session) + "<input type=\"hidden\" name=\"" + NONCE + "\" value=\"" + Sessions.randomToken() + "\">";
    }

    private static String select(String id, java.util.List<String> options, String chosen) {
        StringBuilder select = new StringBuilder("<select id=\"").append(id).append("\" name=\"").append(REASON)
                .append("\" aria-label=\"Reason\">");
        for (String option : options) {
            select.append("<option").append(option.equals(chosen) ? " selected" : "").append(">").append(option)
                    .append("</option>");
        }
        return select.append("</select>").toString();
    }

    private static String textarea(String id, String name, String placeholder) {
        return "<textarea id=\"" + id + "\" name=\"" + name + "\" maxlength=\"" + MAX_TEXT + "\" rows=\"2\" placeholder=\""
                + escape(placeholder) + "\"></textarea>";
    }
}

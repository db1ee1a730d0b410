package com.orderpipeline.tracking.page;

import static com.orderpipeline.tracking.page.Html.escape;

import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.money.Money;
import com.orderpipeline.tracking.query.TrackingView;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The returns of an order on its tracking page: each with its return ID, where it stands in words, the items
 * it covers and, once refunded, the amount in the order's currency. A declined request is shown too, so the
 * customer sees the answer to what they asked.
 */
final class ReturnsSection {
    private static final Map<ReturnStatus, String> STATUS_WORDS = Map.of(
            ReturnStatus.AUTHORIZED, "Return authorized: please send the items back",
            ReturnStatus.DECLINED, "Request declined",
            ReturnStatus.IN_TRANSIT, "On its way back to us",
            ReturnStatus.RECEIVED, "Received; your refund is being prepared",
            ReturnStatus.REFUNDED, "Refunded",
            ReturnStatus.CLOSED, "Closed");

    private ReturnsSection() {
    }

    /** The section, or nothing for an order without returns. */
    static String render(TrackingView view) {
        if (view.returns().isEmpty()) {
            return "";
        }
        StringBuilder body = new StringBuilder("<section class=\"card\" id=\"returns\"><h2>Returns</h2><ul class=\"returns\">");
        for (TrackingView.Return entry : view.returns()) {
            body.append("<li class=\"return\" data-status=\"").append(entry.status().name()).append("\"><div class=\"what\">")
                    .append(entry.returnId() == null ? "Return request"
                            : "Return <span class=\"id return-id\">" + escape(entry.returnId()) + "</span>")
                    .append("</div><dl>");
            definition(body, "Status", STATUS_WORDS.getOrDefault(entry.status(), "Being processed"), "return-status");
            definition(body, "Items", entry.items().stream().map(item -> item.quantity() + " × " + item.sku())
                    .collect(Collectors.joining(", ")), "return-items");
            if (entry.refundAmount() != null) {
                definition(body, "Refunded", Money.format(entry.refundAmount(), view.currency()), "return-refund");
            }
            body.append("</dl></li>");
        }
        return body.append("</ul></section>").toString();
    }

    private static void definition(StringBuilder body, String term, String value, String cssClass) {
        body.append("<dt>").append(escape(term)).append("</dt><dd class=\"").append(cssClass).append("\">")
                .append(escape(value)).append("</dd>");
    }
}

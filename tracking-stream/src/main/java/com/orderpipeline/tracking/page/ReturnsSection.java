package com.orderpipeline.tracking.page;

import static com.orderpipeline.tracking.page.Html.escape;

import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.query.TrackingView;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
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
                definition(body, "Refunded", money(entry.refundAmount(), view.currency()), "return-refund");
            }
            body.append("</dl></li>");
        }
        return body.append("</ul></section>").toString();
    }

    /**
     * An amount in minor units as a person reads it, with the currency's own number of decimals and its ISO code:
     * "USD 1,499.99", "JPY 1,500". Without a currency known, two decimals and no code.
     */
    static String money(long minorUnits, String currencyCode) {
        int decimals = 2;
        if (currencyCode != null) {
            try {
                decimals = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
            } catch (IllegalArgumentException notIso) {
                // not an ISO 4217 code: shown as it came, with two decimals
            }
        }
        String code = currencyCode == null ? "" : currencyCode + " ";
        NumberFormat number = NumberFormat.getNumberInstance(Locale.ENGLISH);
        number.setMinimumFractionDigits(decimals);
        number.setMaximumFractionDigits(decimals);
        return code + number.format(BigDecimal.valueOf(minorUnits, decimals));
    }

    private static void definition(StringBuilder body, String term, String value, String cssClass) {
        body.append("<dt>").append(escape(term)).append("</dt><dd class=\"").append(cssClass).append("\">")
                .append(escape(value)).append("</dd>");
    }
}

package com.orderpipeline.notifier.mail;

import com.orderpipeline.notifier.avro.MailLine;
import com.orderpipeline.notifier.avro.NotifiedOrder;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.schemas.avro.OrderPlaced;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders one mail from the order's state and the facts of its event through the templates: subject, text and
 * HTML, to the order's contact address, with the link to the order's tracking page
 * ({@code <TRACKING_PAGE_URL>/track/<orderId>}).
 */
public final class MailRenderer {
    private final Templates templates;
    private final String trackingPageUrl;

    public MailRenderer(Templates templates, String trackingPageUrl) {
        this.templates = templates;
        this.trackingPageUrl = trackingPageUrl.endsWith("/")
                ? trackingPageUrl.substring(0, trackingPageUrl.length() - 1) : trackingPageUrl;
    }

    /** The order's own placeholders, kept in the store from its OrderPlaced. */
    public static Map<String, String> orderValues(OrderPlaced order) {
        Map<String, String> values = new HashMap<>();
        values.put(Placeholders.ORDER_ID, order.getOrderId());
        values.put(Placeholders.CUSTOMER_NAME, order.getShipTo() == null ? "" : order.getShipTo().getName());
        values.put(Placeholders.PLACED_ON, Formats.date(order.getPlacedAt()));
        values.put(Placeholders.PROMISED_BY, Formats.date(order.getPromisedBy()));
        values.put(Placeholders.TOTAL, Formats.money(order.getTotal(), order.getCurrency()));
        values.put(Placeholders.ITEMS, order.getItems().stream()
                .map(item -> item.getQuantity() + " × " + item.getTitle() + "  "
                        + Formats.money(item.getUnitPrice(), order.getCurrency()) + " each")
                .collect(Collectors.joining("\n")));
        return values;
    }

    public OutgoingMail render(String orderId, NotifiedOrder order, MailFacts facts, Instant decidedAt) {
        Map<String, String> values = new HashMap<>(order.getValues());
        values.putAll(facts.values());
        values.put(Placeholders.TRACKING_URL, trackingPageUrl + "/track/"
                + URLEncoder.encode(orderId, StandardCharsets.UTF_8));
        String lines = lines(facts.lines(), order.getTitles());
        values.put(Placeholders.RETURN_ITEMS, lines);
        values.put(Placeholders.REFUNDED_ITEMS, lines);
        Templates.Parts parts = templates.of(facts.kind());
        return OutgoingMail.newBuilder()
                .setMailId(facts.mailId(orderId))
                .setOrderId(orderId)
                .setKind(facts.kind().templateName())
                .setTo(order.getContactEmail())
                // a subject is one line, whatever a template or a value holds
                .setSubject(parts.subject().render(values).strip().replaceAll("\\s*[\\r\\n]+\\s*", " "))
                .setText(parts.text().render(values))
                .setHtml(parts.html().render(values))
                .setDecidedAt(decidedAt)
                .setAttempt(0)
                .setNotBefore(Instant.EPOCH)
                .build();
    }

    private static String lines(List<MailLine> lines, Map<String, String> titles) {
        return lines.stream()
                .map(line -> line.getQuantity() + " × " + titles.getOrDefault(line.getSku(), line.getSku()))
                .collect(Collectors.joining("\n"));
    }
}

package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.page.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.schemas.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reading the APIs' JSON for a page, where any field may be missing or null: text, amounts in the order's
 * currency, instants and dates as a person reads them (UTC, as on the tracking page). Everything returned is
 * already HTML-escaped.
 */
final class Fields {
    static final String NONE = "–";
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private Fields() {
    }

    /** The field as text, or null when it is missing, null or empty. Not escaped. */
    static String raw(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /** The field, escaped; {@value #NONE} when there is none. */
    static String text(JsonNode node, String field) {
        String value = raw(node, field);
        return value == null ? NONE : escape(value);
    }

    /** An amount in minor units, in the currency's own decimals with its code. */
    static String money(JsonNode node, String field, String currency) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? escape(Money.format(value.asLong(), currency)) : NONE;
    }

    static String moment(JsonNode node, String field) {
        return formatted(node, field, value -> MOMENT.format(Instant.parse(value)));
    }

    static String day(JsonNode node, String field) {
        return formatted(node, field, value -> DAY.format(LocalDate.parse(value)));
    }

    /** The field through {@code format}; as it came when it does not parse, a dash when there is none. */
    private static String formatted(JsonNode node, String field, Function<String, String> format) {
        String value = raw(node, field);
        if (value == null) {
            return NONE;
        }
        try {
            return escape(format.apply(value));
        } catch (DateTimeParseException e) {
            return escape(value);
        }
    }

    /** A list of the node's array field, empty when it has none. */
    static Iterable<JsonNode> list(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isArray() ? value : java.util.List.of();
    }

    static boolean empty(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return !value.isArray() || value.isEmpty();
    }

    /** A term and its value in a definition list; {@code html} must be escaped already. */
    static void define(StringBuilder out, String term, String id, String html) {
        out.append("<dt>").append(escape(term)).append("</dt><dd id=\"").append(id).append("\">").append(html).append("</dd>");
    }
}

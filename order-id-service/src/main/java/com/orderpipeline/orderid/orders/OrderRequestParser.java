package com.orderpipeline.orderid.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.PaymentMethod;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the JSON body of {@code POST /orders} into an {@link OrderRequest}, collecting every bad field (with its
 * JSON path, such as {@code items[1].quantity}) before refusing, so a client fixes them all in one go.
 */
public final class OrderRequestParser {
    public static final int MAX_ITEMS = 100;
    public static final int MAX_SKU = 40;
    public static final int MAX_QUANTITY = 9_999;
    static final long MAX_UNIT_PRICE = 10_000_000_000L;
    private static final Set<String> ORDER_FIELDS = Set.of("customerId", "channel", "currency", "shippingSpeed", "items", "shipTo",
            "contactEmail", "payment");
    private static final Set<String> PAYMENT_FIELDS = Set.of("method", "label");
    private static final Set<String> ITEM_FIELDS = Set.of("sku", "title", "quantity", "unitPrice");
    private static final Set<String> ADDRESS_FIELDS = Set.of("name", "line1", "line2", "city", "region", "postalCode", "country");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final FieldReader fields = new FieldReader("the order");
    private final List<FieldError> errors = fields.errors;

    private OrderRequestParser() {
    }

    /** Parses and validates; throws a 400 problem naming every bad field. */
    public static OrderRequest parse(JsonNode body) {
        return new OrderRequestParser().read(body);
    }

    private OrderRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("The request body must be a JSON object describing the order");
        }
        fields.unknownFields(body, "", ORDER_FIELDS);
        String customerId = fields.text(body, "customerId", "customerId", 64, true);
        Channel channel = fields.choice(body, "channel", Channel.class, true);
        String currency = currency(body);
        ShippingSpeed speed = fields.choice(body, "shippingSpeed", ShippingSpeed.class, channel != Channel.DIGITAL);
        List<OrderRequest.Item> items = items(body);
        Optional<OrderRequest.Address> shipTo = shipTo(body.get("shipTo"), channel);
        Optional<String> contactEmail = contactEmail(body);
        Optional<OrderRequest.Payment> payment = payment(body.get("payment"));
        fields.refuseIfInvalid();
        OrderRequest request = new OrderRequest(customerId, channel, currency,
                speed == null ? ShippingSpeed.STANDARD : speed, items, shipTo, contactEmail, payment);
        try {
            request.total();
        } catch (ArithmeticException e) {
            throw ProblemException.badRequest("The order total is too large",
                    List.of(new FieldError("items", "the total of quantity times unitPrice is too large")));
        }
        return request;
    }

    private String currency(JsonNode body) {
        String code = fields.text(body, "currency", "currency", 3, true);
        if (code == null) {
            return null;
        }
        if (!code.matches("[A-Z]{3}") || !isIsoCurrency(code)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency code such as USD or EUR, not '" + code + "'"));
            return null;
        }
        return code;
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<OrderRequest.Item> items(JsonNode body) {
        List<OrderRequest.Item> items = new ArrayList<>();
        for (FieldReader.Entry entry : fields.items(body, MAX_ITEMS, "sku, title, quantity and unitPrice")) {
            String path = entry.path();
            JsonNode item = entry.node();
            fields.unknownFields(item, path + ".", ITEM_FIELDS);
            String sku = fields.text(item, "sku", path + ".sku", MAX_SKU, true);
            String title = fields.text(item, "title", path + ".title", 200, true);
            Long quantity = fields.whole(item, "quantity", path + ".quantity", 1, MAX_QUANTITY);
            Long unitPrice = fields.whole(item, "unitPrice", path + ".unitPrice", 1, MAX_UNIT_PRICE);
            if (sku != null && title != null && quantity != null && unitPrice != null) {
                items.add(new OrderRequest.Item(sku, title, quantity.intValue(), unitPrice));
            }
        }
        return items;
    }

    private Optional<OrderRequest.Address> shipTo(JsonNode node, Channel channel) {
        boolean given = node != null && !node.isNull();
        if (channel == Channel.DIGITAL) {
            if (given) {
                errors.add(new FieldError("shipTo", "must be absent for a DIGITAL order: nothing is shipped"));
            }
            return Optional.empty();
        }
        if (!given) {
            if (channel == Channel.PHYSICAL) {
                errors.add(new FieldError("shipTo", "is required for a PHYSICAL order"));
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("shipTo", "must be an address object"));
            return Optional.empty();
        }
        fields.unknownFields(node, "shipTo.", ADDRESS_FIELDS);
        String name = fields.text(node, "name", "shipTo.name", 100, true);
        String line1 = fields.text(node, "line1", "shipTo.line1", 200, true);
        String line2 = fields.text(node, "line2", "shipTo.line2", 200, false);
        String city = fields.text(node, "city", "shipTo.city", 100, true);
        String region = fields.text(node, "region", "shipTo.region", 100, false);
        String postalCode = fields.text(node, "postalCode", "shipTo.postalCode", 20, false);
        String country = fields.text(node, "country", "shipTo.country", 2, true);
        if (country != null && !COUNTRIES.contains(country)) {
            errors.add(new FieldError("shipTo.country", "must be an ISO 3166-1 alpha-2 country code such as US or DE, not '"
                    + country + "'"));
        }
        return Optional.of(new OrderRequest.Address(name, line1, line2, city, region, postalCode, country));
    }

    private Optional<String> contactEmail(JsonNode body) {
        String email = fields.text(body, "contactEmail", "contactEmail", PersonalData.MAX_EMAIL, false);
        if (email == null) {
            return Optional.empty();
        }
        PersonalData.emailProblem(email).ifPresent(problem -> errors.add(new FieldError("contactEmail", problem)));
        return Optional.of(email);
    }

    private Optional<OrderRequest.Payment> payment(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("payment", "must be an object with method and label"));
            return Optional.empty();
        }
        fields.unknownFields(node, "payment.", PAYMENT_FIELDS);
        PaymentMethod method = fields.choice(node, "method", "payment.method", PaymentMethod.class, true);
        String label = fields.text(node, "label", "payment.label", PersonalData.MAX_LABEL, true);
        if (label != null) {
            PersonalData.labelProblem(label).ifPresent(problem -> errors.add(new FieldError("payment.label", problem)));
        }
        return method == null || label == null ? Optional.empty() : Optional.of(new OrderRequest.Payment(method, label));
    }
}

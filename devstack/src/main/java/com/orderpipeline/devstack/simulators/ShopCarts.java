package com.orderpipeline.devstack.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The bodies of {@code POST /orders} a shop front sends: realistic carts of one to three lines, addresses in
 * several countries with their currencies, and some digital orders. What the simulated shopper places, and what
 * the bench loads the order API with.
 */
public final class ShopCarts {
    private static final double DIGITAL_SHARE = 0.15;
    private static final String[] SPEEDS = {"STANDARD", "STANDARD", "STANDARD", "EXPEDITED", "PRIORITY"};

    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom random;

    public ShopCarts(SplittableRandom random) {
        this.random = random;
    }

    /** The next order's body. */
    public ObjectNode next() {
        boolean digital = random.nextDouble() < DIGITAL_SHARE;
        Catalog.Destination destination = Catalog.pick(Catalog.DESTINATIONS, random);
        String customerId = "C-" + (1000 + random.nextInt(9000));
        ObjectNode order = json.createObjectNode()
                .put("customerId", customerId)
                .put("contactEmail", customerId.toLowerCase(Locale.ROOT) + "@example.com")
                .put("channel", digital ? "DIGITAL" : "PHYSICAL")
                .put("currency", destination.currency());
        ArrayNode items = order.putArray("items");
        int lines = digital ? 1 : 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            Catalog.Product product;
            do {
                product = Catalog.pick(Catalog.PRODUCTS, random);
            } while (product.digital() != digital);
            items.addObject().put("sku", product.sku()).put("title", product.title())
                    .put("quantity", digital ? 1 : 1 + random.nextInt(random.nextInt(10) == 0 ? 4 : 1))
                    .put("unitPrice", product.unitPrice());
        }
        if (!digital) {
            order.put("shippingSpeed", SPEEDS[random.nextInt(SPEEDS.length)]);
            order.putObject("shipTo")
                    .put("name", destination.name()).put("line1", destination.line1()).putNull("line2")
                    .put("city", destination.city()).put("region", destination.region())
                    .put("postalCode", destination.postalCode()).put("country", destination.country());
        }
        return order;
    }
}

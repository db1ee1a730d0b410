package com.orderpipeline.fulfillment.rules;

import com.orderpipeline.schemas.ids.OrderIdRules;

/**
 * Digital orders ({@code D01-…}): no warehouse, no work order, delivered the moment they are placed. Told
 * apart by the order ID's prefix, so a scan for one is refused even before the order itself has arrived.
 */
public final class DigitalOrders {
    /** The warehouseId their events carry: no warehouse handles them, and the field is required. */
    public static final String WAREHOUSE_ID = "DIGITAL";

    private DigitalOrders() {
    }

    public static boolean isDigital(String orderId) {
        return orderId.regionMatches(true, 0, OrderIdRules.DIGITAL_PREFIX, 0, OrderIdRules.DIGITAL_PREFIX.length());
    }
}

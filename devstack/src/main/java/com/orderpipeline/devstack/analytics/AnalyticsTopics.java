package com.orderpipeline.devstack.analytics;

import java.util.List;
import java.util.Objects;

/**
 * The three topics the analytics example reads, each holding one kind of event keyed by order ID.
 *
 * @param fulfillment the {@code FulfillmentEvent}s ({@code orders.fulfillment})
 * @param returns     the {@code ReturnEvent}s ({@code orders.returns})
 * @param refunds     the {@code RefundIssued}s ({@code payments.refunds})
 */
public record AnalyticsTopics(String fulfillment, String returns, String refunds) {

    public AnalyticsTopics {
        Objects.requireNonNull(fulfillment, "fulfillment");
        Objects.requireNonNull(returns, "returns");
        Objects.requireNonNull(refunds, "refunds");
        if (fulfillment.equals(returns) || fulfillment.equals(refunds) || returns.equals(refunds)) {
            throw new IllegalArgumentException("The fulfillment, returns and refunds topics must be three different"
                    + " topics, not " + fulfillment + ", " + returns + " and " + refunds);
        }
    }

    public List<String> all() {
        return List.of(fulfillment, returns, refunds);
    }

    /** The three names for a message: {@code 'orders.fulfillment', 'orders.returns' and 'payments.refunds'}. */
    public String quoted() {
        return "'" + fulfillment + "', '" + returns + "' and '" + refunds + "'";
    }
}

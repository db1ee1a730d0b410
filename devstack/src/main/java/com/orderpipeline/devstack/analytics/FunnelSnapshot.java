package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The funnel at one moment, as {@link FunnelStats#snapshot()} computed it.
 *
 * @param ordersByState       orders per current state (the status of the latest step read), every state present
 * @param events              fulfillment events read
 * @param placedToShipped     time from PLACED to SHIPPED over the orders with both steps read
 * @param placedToDelivered   time from PLACED to DELIVERED over the orders with both steps read, except digital
 *                            orders, delivered at once without shipping, which would drag the figure towards zero
 * @param digitalDeliveries   orders delivered directly after PLACED, without a SHIPPED step
 * @param ordersWithoutPlaced orders whose PLACED event was not read (deleted by retention, say): counted by state,
 *                            left out of the times
 * @param cancelledOrders     orders with a CANCELLED step read
 * @param returns             the returns of {@code orders.returns}, and the deliveries they are a share of
 * @param refundsByCurrency   the refunds of {@code payments.refunds} per currency, by currency code
 * @param unreadableRecords   records that could not be read as a {@code FulfillmentEvent} and were skipped
 * @param lastUnreadable      where the latest of them was and why it could not be read
 */
public record FunnelSnapshot(Map<FulfillmentStatus, Long> ordersByState, long events,
                             DurationStats placedToShipped, DurationStats placedToDelivered,
                             long digitalDeliveries, long ordersWithoutPlaced, long cancelledOrders,
                             ReturnFigures returns, Map<String, RefundTotal> refundsByCurrency,
                             long unreadableRecords, Optional<String> lastUnreadable) {

    public FunnelSnapshot {
        EnumMap<FulfillmentStatus, Long> complete = new EnumMap<>(FulfillmentStatus.class);
        for (FulfillmentStatus status : FulfillmentSteps.KNOWN) {
            complete.put(status, ordersByState.getOrDefault(status, 0L));
        }
        ordersByState = Collections.unmodifiableMap(complete);
        refundsByCurrency = Collections.unmodifiableSortedMap(new TreeMap<>(refundsByCurrency));
    }

    /** Orders seen, whatever their state. */
    public long orders() {
        return ordersByState.values().stream().mapToLong(Long::longValue).sum();
    }

    public long ordersIn(FulfillmentStatus status) {
        return ordersByState.get(status);
    }

    /** Refunds issued, in every currency. */
    public long refunds() {
        return refundsByCurrency.values().stream().mapToLong(RefundTotal::refunds).sum();
    }
}

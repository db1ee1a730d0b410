package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.PaymentStatus;
import com.orderpipeline.schemas.avro.TrackingStep;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * An order's payment status, derived from its events and never sent by clients: AUTHORIZED when placed,
 * CAPTURED once it ships (a digital order once it is delivered), VOIDED when it is cancelled before that,
 * PARTIALLY_REFUNDED and REFUNDED as its refunds add up to the captured total.
 */
final class PaymentStatuses {
    private PaymentStatuses() {
    }

    /**
     * @param reached  the fulfillment steps the order has reached
     * @param refunded what its refunds add up to, in minor units
     * @param total    the order's total in minor units; null when not known (orders tracked before totals were
     *                 kept), and then a refund counts as partial
     */
    static PaymentStatus of(Channel channel, Collection<FulfillmentStatus> reached, long refunded, Long total) {
        if (refunded > 0) {
            // a refund is only ever issued for money captured, whether or not its step has arrived yet
            return total != null && refunded >= total ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        }
        boolean captured = reached.contains(FulfillmentStatus.DELIVERED)
                || channel != Channel.DIGITAL && reached.contains(FulfillmentStatus.SHIPPED);
        if (captured) {
            return PaymentStatus.CAPTURED;
        }
        return reached.contains(FulfillmentStatus.CANCELLED) ? PaymentStatus.VOIDED : PaymentStatus.AUTHORIZED;
    }

    /**
     * The view with its payment status as its events have it; the same instance when that has not changed. The
     * order's total is looked up only for an order with refunds, the one case that needs it.
     */
    static OrderTracking withPaymentStatus(OrderTracking view, Supplier<Long> total) {
        long refunded = ReturnViews.refunded(view);
        PaymentStatus status = of(view.getChannel(), view.getTimeline().stream().map(TrackingStep::getStatus).toList(),
                refunded, refunded > 0 ? total.get() : null);
        return status == view.getPaymentStatus() ? view : OrderTracking.newBuilder(view).setPaymentStatus(status).build();
    }
}

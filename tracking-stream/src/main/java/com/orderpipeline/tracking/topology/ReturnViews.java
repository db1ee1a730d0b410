package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RefundSummary;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.TrackingRefund;
import com.orderpipeline.schemas.avro.TrackingReturn;
import com.orderpipeline.schemas.avro.TrackingReturnItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of an order's returns and refunds in its tracking view, as pure functions. One entry per return at
 * its latest status, in the order the returns were decided; a declined request is an entry without a return ID.
 * The refunds are kept once per refund ID, whether {@code payments.refunds} or the return's REFUNDED event told
 * of them first: they are what the payment status adds up.
 *
 * <p>Like {@link TrackingViews}, every function answers the very same instance when nothing changes.
 */
final class ReturnViews {
    private ReturnViews() {
    }

    /**
     * The view after a step of a return. A return is known by its return ID, a declined request by its request ID;
     * an event whose sequence the entry already has, or passed, changes nothing. The items are those the return
     * was decided for; the refunded amount comes with REFUNDED.
     */
    static OrderTracking apply(OrderTracking view, ReturnEvent event) {
        List<TrackingReturn> returns = new ArrayList<>(view.getReturns());
        int index = indexOf(returns, event);
        TrackingReturn known = index < 0 ? null : returns.get(index);
        RefundSummary refund = event.getStatus() == ReturnStatus.REFUNDED ? event.getRefund() : null;
        OrderTracking counted = refund == null ? view
                : withRefund(view, refund.getRefundId(), event.getReturnId(), refund.getAmount());
        if (known != null && event.getSequence() <= known.getSequence()) {
            return counted;
        }
        TrackingReturn entry = TrackingReturn.newBuilder()
                .setReturnId(event.getReturnId())
                .setRequestId(event.getRequestId())
                .setStatus(event.getStatus())
                .setSequence(event.getSequence())
                .setItems(known != null ? known.getItems() : event.getItems().stream()
                        .map(item -> new TrackingReturnItem(item.getSku(), item.getQuantity())).toList())
                .setRefundAmount(refund != null ? Long.valueOf(refund.getAmount())
                        : known == null ? null : known.getRefundAmount())
                .build();
        if (known == null) {
            returns.add(entry);
        } else {
            returns.set(index, entry);
        }
        return OrderTracking.newBuilder(counted)
                .setReturns(returns)
                .setUpdatedAt(TrackingViews.later(view.getUpdatedAt(), event.getOccurredAt()))
                .build();
    }

    /** The view with a refund issued for the order; one it already counts changes nothing. */
    static OrderTracking apply(OrderTracking view, RefundIssued refund) {
        return withRefund(view, refund.getRefundId(), refund.getReturnId(), refund.getAmount());
    }

    /** What the order's refunds add up to, in minor units. */
    static long refunded(OrderTracking view) {
        return view.getRefunds().stream().mapToLong(TrackingRefund::getAmount).sum();
    }

    private static OrderTracking withRefund(OrderTracking view, String refundId, String returnId, long amount) {
        if (view.getRefunds().stream().anyMatch(known -> known.getRefundId().equals(refundId))) {
            return view;
        }
        List<TrackingRefund> refunds = new ArrayList<>(view.getRefunds());
        refunds.add(new TrackingRefund(refundId, returnId, amount));
        return OrderTracking.newBuilder(view).setRefunds(refunds).build();
    }

    private static int indexOf(List<TrackingReturn> returns, ReturnEvent event) {
        for (int i = 0; i < returns.size(); i++) {
            TrackingReturn entry = returns.get(i);
            boolean same = event.getReturnId() != null ? event.getReturnId().equals(entry.getReturnId())
                    : entry.getReturnId() == null && Objects.equals(event.getRequestId(), entry.getRequestId());
            if (same) {
                return i;
            }
        }
        return -1;
    }
}

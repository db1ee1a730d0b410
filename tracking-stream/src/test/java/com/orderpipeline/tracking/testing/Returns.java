package com.orderpipeline.tracking.testing;

import com.orderpipeline.schemas.avro.DeclineReason;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RefundSummary;
import com.orderpipeline.schemas.avro.RefundedItem;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnStatus;
import java.time.Instant;
import java.util.List;

/** Return events and refunds as returns-stream writes them, for tests of the order in {@link Orders#placed}. */
public final class Returns {
    /** The unit price of the order's Kindle, what a returned one is refunded. */
    public static final long KINDLE_PRICE = 14_999L;
    public static final String KINDLE = "B00X4WHP5E";
    public static final String BOOK = "0141439513";

    private Returns() {
    }

    /** The n-th return of the order: {@code <orderId>-R<n>}. */
    public static String returnId(String orderId, int n) {
        return orderId + "-R" + n;
    }

    /**
     * A step of a return of {@code quantity} of {@code sku}; REFUNDED carries the refund {@code refund-<returnId>}
     * of {@code refundAmount}, which is otherwise ignored.
     */
    public static ReturnEvent step(String orderId, String returnId, String requestId, ReturnStatus status, int sequence,
                                   Instant at, String sku, int quantity, long refundAmount) {
        boolean received = status == ReturnStatus.RECEIVED || status == ReturnStatus.REFUNDED;
        boolean shipped = status == ReturnStatus.IN_TRANSIT;
        return ReturnEvent.newBuilder()
                .setReturnId(returnId)
                .setOrderId(orderId)
                .setRequestId(requestId)
                .setStatus(status)
                .setSequence(sequence)
                .setOccurredAt(at)
                .setItems(List.of(new ReturnItem(sku, quantity, received ? ItemCondition.SELLABLE : null)))
                .setReason(ReturnReason.NO_LONGER_NEEDED)
                .setDeclineReason(null)
                .setMessage(null)
                .setCarrier(shipped ? "UPS" : null)
                .setTrackingNumber(shipped ? "1Z999AA10199999999" : null)
                .setRefund(status == ReturnStatus.REFUNDED
                        ? new RefundSummary(refundId(returnId), refundAmount, "USD") : null)
                .build();
    }

    /** A request declined because more was asked back than was delivered. */
    public static ReturnEvent declined(String orderId, String requestId, Instant at, String sku, int quantity) {
        return ReturnEvent.newBuilder(step(orderId, null, requestId, ReturnStatus.DECLINED, 1, at, sku, quantity, 0))
                .setDeclineReason(DeclineReason.QUANTITY_EXCEEDED)
                .setMessage("Only 2 of " + sku + " were delivered")
                .build();
    }

    public static String refundId(String returnId) {
        return "refund-" + returnId;
    }

    /** The refund of a return's {@code quantity} of {@code sku}, at {@code unitPrice} each, as payments.refunds has it. */
    public static RefundIssued refund(String orderId, String returnId, Instant at, String sku, int quantity, long unitPrice) {
        return RefundIssued.newBuilder()
                .setRefundId(refundId(returnId))
                .setOrderId(orderId)
                .setReturnId(returnId)
                .setAmount(quantity * unitPrice)
                .setCurrency("USD")
                .setItems(List.of(new RefundedItem(sku, quantity, unitPrice, ItemCondition.SELLABLE)))
                .setIssuedAt(at)
                .build();
    }
}

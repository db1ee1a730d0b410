package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.RefundIssued;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The refunds read from {@code payments.refunds}, for {@link FunnelStats}: their count and amount per currency.
 * The payment system pays each refund ID once, so a re-delivered refund is counted once too.
 */
final class RefundTally {
    private final Set<String> refundIds = new HashSet<>();
    private final Map<String, RefundTotal> byCurrency = new TreeMap<>();

    void add(RefundIssued refund) {
        Objects.requireNonNull(refund, "refund");
        if (refundIds.add(refund.getRefundId())) {
            byCurrency.merge(refund.getCurrency(), new RefundTotal(1, refund.getAmount()),
                    (total, one) -> total.plus(one.amount()));
        }
    }

    /** The totals per currency, by currency code. */
    Map<String, RefundTotal> byCurrency() {
        return byCurrency;
    }
}

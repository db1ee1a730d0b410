package com.orderpipeline.devstack.analytics;

/**
 * The refunds of one currency in a {@link FunnelSnapshot}.
 *
 * @param refunds how many were issued
 * @param amount  what they add up to, in minor units of the currency
 */
public record RefundTotal(long refunds, long amount) {

    /** This total with one more refund of {@code amount}. */
    RefundTotal plus(long amount) {
        return new RefundTotal(refunds + 1, Math.addExact(this.amount, amount));
    }
}

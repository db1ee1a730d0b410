package com.orderpipeline.devstack.analytics;

/**
 * The returns side of a {@link FunnelSnapshot}: what {@code orders.returns} says, set against the deliveries of
 * {@code orders.fulfillment}.
 *
 * @param events                  return events read
 * @param authorized              returns authorized (each return ID counted once, whichever of its events was read)
 * @param declined                return requests declined
 * @param physicalDeliveries      physical orders delivered: the orders that can be returned (a digital order
 *                                cannot)
 * @param returnedOrders          of those, the orders with at least one authorized return
 * @param returnedWithoutDelivery orders with an authorized return whose delivery was not read (deleted by
 *                                retention, say): counted in {@code authorized}, left out of the return rate
 */
public record ReturnFigures(long events, long authorized, long declined, long physicalDeliveries,
                            long returnedOrders, long returnedWithoutDelivery) {

    public static final ReturnFigures NONE = new ReturnFigures(0, 0, 0, 0, 0, 0);

    /** Requests decided: each is authorized or declined. */
    public long requests() {
        return authorized + declined;
    }
}

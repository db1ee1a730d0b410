package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.TrackingReturn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order's tracking view as the API answers it (JSON) and the page shows it: the public fields of the stored
 * {@link OrderTracking}, in Java types. What the store keeps for other views (the refunds, the payment status)
 * is left out.
 */
public record TrackingView(
        String orderId,
        FulfillmentStatus status,
        Instant placedAt,
        Instant updatedAt,
        Channel channel,
        int itemCount,
        String destinationCity,
        String destinationCountry,
        String warehouseId,
        String carrier,
        String trackingNumber,
        LocalDate promisedBy,
        Instant deliveredAt,
        boolean late,
        List<Step> timeline,
        String currency,
        List<Return> returns) {

    /** One step done: what, when, and where when known. */
    public record Step(FulfillmentStatus status, Instant at, String place) {
    }

    /**
     * One return at its latest status; a declined request has no return ID.
     *
     * @param refundAmount in minor units of the view's currency, once refunded
     */
    public record Return(String returnId, String requestId, ReturnStatus status, List<Item> items, Long refundAmount) {
        public Return {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** A quantity of one SKU of the order. */
    public record Item(String sku, int quantity) {
    }

    public TrackingView {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        returns = returns == null ? List.of() : List.copyOf(returns);
    }

    public static TrackingView of(OrderTracking view) {
        return new TrackingView(view.getOrderId(), view.getStatus(), view.getPlacedAt(), view.getUpdatedAt(),
                view.getChannel(), view.getItemCount(), view.getDestinationCity(), view.getDestinationCountry(),
                view.getWarehouseId(), view.getCarrier(), view.getTrackingNumber(), view.getPromisedBy(),
                view.getDeliveredAt(), view.getLate(),
                view.getTimeline().stream().map(s -> new Step(s.getStatus(), s.getAt(), s.getPlace())).toList(),
                view.getCurrency(), returnsOf(view));
    }

    /** The view's returns as the public JSON shows them, without the rest of the view. */
    public static List<Return> returnsOf(OrderTracking view) {
        return view.getReturns().stream().map(TrackingView::returnOf).toList();
    }

    private static Return returnOf(TrackingReturn entry) {
        return new Return(entry.getReturnId(), entry.getRequestId(), entry.getStatus(),
                entry.getItems().stream().map(item -> new Item(item.getSku(), item.getQuantity())).toList(),
                entry.getRefundAmount());
    }
}

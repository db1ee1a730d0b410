package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.TrackingCarrierEvent;
import com.orderpipeline.schemas.avro.TrackingReturn;
import com.orderpipeline.schemas.avro.TrackingStep;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
        List<Return> returns,
        LocalDate estimatedDelivery,
        CarrierEventType carrierStatus) {

    /**
     * One step done: what, when, and where when known. A carrier's event is an entry of its own, after the step
     * SHIPPED and with that status, naming the {@code event} and the carrier's {@code detail}; a step of the
     * fulfillment has neither.
     */
    public record Step(FulfillmentStatus status, Instant at, String place, CarrierEventType event, String detail) {
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

    /** The public view of a stored one; the estimate is the promise in views stored before estimates were kept. */
    public static TrackingView of(OrderTracking view) {
        return new TrackingView(view.getOrderId(), view.getStatus(), view.getPlacedAt(), view.getUpdatedAt(),
                view.getChannel(), view.getItemCount(), view.getDestinationCity(), view.getDestinationCountry(),
                view.getWarehouseId(), view.getCarrier(), view.getTrackingNumber(), view.getPromisedBy(),
                view.getDeliveredAt(), view.getLate(), timelineOf(view), view.getCurrency(), returnsOf(view),
                view.getEstimatedDelivery() != null ? view.getEstimatedDelivery() : view.getPromisedBy(),
                view.getCarrierStatus());
    }

    /** The steps of the fulfillment in their order, with the carrier's events, oldest first, after SHIPPED. */
    private static List<Step> timelineOf(OrderTracking view) {
        List<Step> timeline = new ArrayList<>(view.getTimeline().size() + view.getCarrierEvents().size());
        List<TrackingStep> steps = view.getTimeline();
        int next = 0;
        while (next < steps.size() && steps.get(next).getStatus().compareTo(FulfillmentStatus.SHIPPED) <= 0) {
            timeline.add(stepOf(steps.get(next++)));
        }
        for (TrackingCarrierEvent event : view.getCarrierEvents()) {
            timeline.add(new Step(FulfillmentStatus.SHIPPED, event.getAt(), event.getPlace(), event.getType(),
                    event.getDetail()));
        }
        while (next < steps.size()) {
            timeline.add(stepOf(steps.get(next++)));
        }
        return timeline;
    }

    private static Step stepOf(TrackingStep step) {
        return new Step(step.getStatus(), step.getAt(), step.getPlace(), null, null);
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

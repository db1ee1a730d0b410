package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order's tracking view as the API answers it (JSON) and the page shows it: the stored
 * {@link OrderTracking}, field for field, in Java types.
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
        List<Step> timeline) {

    /** One step done: what, when, and where when known. */
    public record Step(FulfillmentStatus status, Instant at, String place) {
    }

    public TrackingView {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    public static TrackingView of(OrderTracking view) {
        return new TrackingView(view.getOrderId(), view.getStatus(), view.getPlacedAt(), view.getUpdatedAt(),
                view.getChannel(), view.getItemCount(), view.getDestinationCity(), view.getDestinationCountry(),
                view.getWarehouseId(), view.getCarrier(), view.getTrackingNumber(), view.getPromisedBy(),
                view.getDeliveredAt(), view.getLate(),
                view.getTimeline().stream().map(s -> new Step(s.getStatus(), s.getAt(), s.getPlace())).toList());
    }
}

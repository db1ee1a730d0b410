package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.TrackingCarrierEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of carrier events in the tracking view, as pure functions. A carrier event is data beside the
 * fulfillment status, never a step of it: it adds an entry to the view's carrier events (oldest first, each
 * eventId once), and while the parcel is on its way it sets the carrier's latest status and the estimated
 * delivery (the latest estimate a carrier gave, else the promise). Once the order is delivered or cancelled an
 * event is still recorded, but changes neither. The late flag follows the estimate ({@link Deadlines}).
 *
 * <p>Answers the very same instance when nothing changes, so the caller can skip the write.
 */
public final class CarrierViews {
    /** The most carrier events a view keeps; the oldest beyond it are dropped. */
    public static final int MAX_EVENTS = 50;

    private CarrierViews() {
    }

    public static OrderTracking apply(OrderTracking view, CarrierEvent event) {
        boolean known = view.getCarrierEvents().stream().anyMatch(entry -> entry.getEventId().equals(event.getEventId()));
        if (known) {
            return view;
        }
        List<TrackingCarrierEvent> events = new ArrayList<>(view.getCarrierEvents());
        events.add(new TrackingCarrierEvent(event.getEventId(), event.getType(), event.getOccurredAt(),
                blankToNull(event.getLocation()), blankToNull(event.getDetail()),
                event.getEstimatedDelivery() == null ? null : event.getEstimatedDelivery().toString()));
        events.sort(Comparator.comparing(TrackingCarrierEvent::getAt));
        if (events.size() > MAX_EVENTS) {
            events = new ArrayList<>(events.subList(events.size() - MAX_EVENTS, events.size()));
        }
        OrderTracking.Builder next = OrderTracking.newBuilder(view)
                .setCarrierEvents(events)
                .setUpdatedAt(TrackingViews.later(view.getUpdatedAt(), event.getOccurredAt()));
        boolean onItsWay = view.getDeliveredAt() == null && view.getStatus() != FulfillmentStatus.CANCELLED;
        if (onItsWay) {
            next.setCarrierStatus(events.get(events.size() - 1).getType())
                    .setEstimatedDelivery(latestEstimate(events, view.getPromisedBy()));
        }
        if (view.getCarrier() == null) {
            next.setCarrier(blankToNull(event.getCarrier()));
        }
        if (view.getTrackingNumber() == null) {
            next.setTrackingNumber(blankToNull(event.getTrackingNumber()));
        }
        return next.build();
    }

    /** The estimate of the latest event that gave one, else the promise. */
    private static LocalDate latestEstimate(List<TrackingCarrierEvent> events, LocalDate promisedBy) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).getEstimatedDelivery() != null) {
                return LocalDate.parse(events.get(i).getEstimatedDelivery());
            }
        }
        return promisedBy;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.TrackingStep;
import com.orderpipeline.schemas.serde.TrustedPackages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of the tracking view, as pure functions: the view of a new order, the view after a fulfillment
 * step, and the late flag. The view keeps no personal data: of the address only the city and country, of the
 * items only their count, nothing of the customer or the prices.
 *
 * <p>Every function answers the very same instance when nothing changes, so the caller can skip the write.
 */
public final class TrackingViews {
    static {
        // the views are deep copies of generated records, also where no serde was made first
        TrustedPackages.trustProjectPackages();
    }


    private TrackingViews() {
    }

    /** The view of an order just placed: one step, PLACED, at the time it was placed. */
    public static OrderTracking placed(OrderPlaced order) {
        Address shipTo = order.getShipTo();
        return OrderTracking.newBuilder()
                .setOrderId(order.getOrderId())
                .setStatus(FulfillmentStatus.PLACED)
                .setPlacedAt(order.getPlacedAt())
                .setUpdatedAt(order.getPlacedAt())
                .setChannel(order.getChannel())
                .setItemCount(order.getItems().stream().mapToInt(LineItem::getQuantity).sum())
                .setDestinationCity(shipTo == null ? null : shipTo.getCity())
                .setDestinationCountry(shipTo == null ? null : shipTo.getCountry())
                .setWarehouseId(null)
                .setCarrier(null)
                .setTrackingNumber(null)
                .setPromisedBy(order.getPromisedBy())
                .setDeliveredAt(null)
                .setLate(false)
                .setTimeline(List.of(new TrackingStep(FulfillmentStatus.PLACED, order.getPlacedAt(), null)))
                .setCurrency(order.getCurrency())
                .setReturns(List.of())
                .setRefunds(List.of())
                .setPaymentStatus(null)
                .setEstimatedDelivery(order.getPromisedBy())
                .setCarrierStatus(null)
                .setCarrierEvents(List.of())
                .build();
    }

    /**
     * The view after a fulfillment step. A step the view already has changes nothing, except that the PLACED
     * event is where the order's warehouse is first named. Steps are kept in the order of the state machine,
     * so an event that overtakes an earlier one still lands in its place; the status is the furthest step.
     */
    public static OrderTracking apply(OrderTracking view, FulfillmentEvent event) {
        FulfillmentStatus status = event.getStatus();
        boolean known = view.getTimeline().stream().anyMatch(step -> step.getStatus() == status);
        String warehouse = blankToNull(event.getWarehouseId());
        if (known) {
            if (status != FulfillmentStatus.PLACED || warehouse == null || warehouse.equals(view.getWarehouseId())) {
                return view;
            }
            return OrderTracking.newBuilder(view).setWarehouseId(warehouse).build();
        }
        List<TrackingStep> timeline = new ArrayList<>(view.getTimeline());
        timeline.add(new TrackingStep(status, event.getOccurredAt(), placeOf(view, event)));
        timeline.sort(Comparator.comparing(TrackingStep::getStatus));
        OrderTracking.Builder next = OrderTracking.newBuilder(view)
                .setTimeline(timeline)
                .setStatus(timeline.get(timeline.size() - 1).getStatus())
                .setUpdatedAt(later(view.getUpdatedAt(), event.getOccurredAt()));
        if (warehouse != null) {
            next.setWarehouseId(warehouse);
        }
        if (event.getCarrier() != null) {
            next.setCarrier(event.getCarrier());
        }
        if (event.getTrackingNumber() != null) {
            next.setTrackingNumber(event.getTrackingNumber());
        }
        if (status == FulfillmentStatus.DELIVERED) {
            next.setDeliveredAt(event.getOccurredAt());
        }
        return next.build();
    }

    /**
     * The view with its late flag as it stands at {@code now} (see {@link Deadlines}). An order that becomes
     * late without a new event (its promised day passed) is updated as of the moment it became late; one the
     * carrier's estimate made late is updated as of that event.
     */
    public static OrderTracking withLateFlag(OrderTracking view, Instant now) {
        boolean late = Deadlines.isLate(view, now);
        if (late == view.getLate()) {
            return view;
        }
        OrderTracking.Builder next = OrderTracking.newBuilder(view).setLate(late);
        Instant lateFrom = Deadlines.lateFrom(view.getPromisedBy());
        if (late && view.getDeliveredAt() == null && !now.isBefore(lateFrom)) {
            next.setUpdatedAt(later(view.getUpdatedAt(), lateFrom));
        }
        return next.build();
    }

    /**
     * Where a step happened, as far as the pipeline knows: the warehouse for picking, packing and shipping, the
     * destination for a delivery, nowhere for placing the order.
     */
    private static String placeOf(OrderTracking view, FulfillmentEvent event) {
        return switch (event.getStatus()) {
            case PLACED -> null;
            case DELIVERED -> view.getDestinationCity() == null ? null
                    : view.getDestinationCity() + ", " + view.getDestinationCountry();
            default -> blankToNull(event.getWarehouseId());
        };
    }

    static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

package com.orderpipeline.tracking.testing;

import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.CarrierEventType;
import java.time.Instant;
import java.time.LocalDate;

/** Carrier events as a carrier writes them to {@code carrier.events}, for the parcel of {@link Orders#step}. */
public final class Carriers {
    private Carriers() {
    }

    /** An event of UPS for the order's parcel, at {@code location}, with an estimate when {@code estimate} is given. */
    public static CarrierEvent event(String orderId, String eventId, CarrierEventType type, Instant at, String location,
                                     LocalDate estimate) {
        return CarrierEvent.newBuilder()
                .setEventId(eventId)
                .setOrderId(orderId)
                .setCarrier("UPS")
                .setTrackingNumber("1Z999AA10123456784")
                .setType(type)
                .setOccurredAt(at)
                .setLocation(location)
                .setEstimatedDelivery(estimate)
                .setDetail(type == CarrierEventType.DELAYED ? "Weather delay at the hub" : null)
                .build();
    }
}

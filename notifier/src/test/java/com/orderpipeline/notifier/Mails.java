package com.orderpipeline.notifier;

import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RefundedItem;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The orders and events the notifier's tests write, each calling for one mail. */
public final class Mails {
    public static final String KINDLE = "B00X4WHP5E";
    public static final long KINDLE_PRICE = 14_999L;
    public static final String CASE = "B07";
    public static final long CASE_PRICE = 2_999L;
    public static final String CARRIER = "UPS";

    private Mails() {
    }

    public static String orderId(long n) {
        return OrderId.of("114", n).canonical();
    }

    /** Two Kindles and a case, in US dollars, for {@code email} (none when null). */
    public static OrderPlaced order(String orderId, String email, Instant placedAt) {
        return order(orderId, email, "USD", placedAt);
    }

    public static OrderPlaced order(String orderId, String email, String currency, Instant placedAt) {
        return new OrderPlaced(orderId, "C-1001", placedAt, Channel.PHYSICAL,
                List.of(new LineItem(KINDLE, "Kindle Paperwhite", 2, KINDLE_PRICE), new LineItem(CASE, "Case", 1, CASE_PRICE)),
                currency, 2 * KINDLE_PRICE + CASE_PRICE, ShippingSpeed.STANDARD, LocalDate.of(2026, 12, 10),
                new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US"), email, null);
    }

    public static FulfillmentEvent step(String orderId, FulfillmentStatus status, int sequence, Instant at) {
        boolean shipped = status == FulfillmentStatus.SHIPPED || status == FulfillmentStatus.DELIVERED;
        Cancellation cancellation = status == FulfillmentStatus.CANCELLED
                ? new Cancellation(CancellationReason.CUSTOMER_REQUEST, RequestedBy.CUSTOMER) : null;
        return new FulfillmentEvent(orderId, status, status == FulfillmentStatus.PLACED
                || status == FulfillmentStatus.CANCELLED ? null : FulfillmentSteps.previous(status), sequence, at, "SEA-1",
                shipped ? CARRIER : null, shipped ? trackingNumber(orderId) : null, null, null, cancellation);
    }

    public static String trackingNumber(String orderId) {
        return "1Z" + orderId.replace("-", "");
    }

    public static CarrierEvent outForDelivery(String eventId, String orderId, Instant at) {
        return new CarrierEvent(eventId, orderId, CARRIER, trackingNumber(orderId), CarrierEventType.OUT_FOR_DELIVERY,
                at, "Seattle, WA", LocalDate.of(2026, 12, 9), null);
    }

    public static CarrierEvent inTransit(String eventId, String orderId, Instant at) {
        return new CarrierEvent(eventId, orderId, CARRIER, trackingNumber(orderId), CarrierEventType.IN_TRANSIT,
                at, "Reno, NV", null, null);
    }

    public static ReturnEvent authorized(String orderId, Instant at) {
        return new ReturnEvent(orderId + "-R1", orderId, "q-1", ReturnStatus.AUTHORIZED, 1, at,
                List.of(new ReturnItem(KINDLE, 1, null)), ReturnReason.NO_LONGER_NEEDED, null, null, null, null, null);
    }

    public static RefundIssued refund(String orderId, String currency, Instant at) {
        return new RefundIssued(orderId + "-R1-F1", orderId, orderId + "-R1", KINDLE_PRICE, currency,
                List.of(new RefundedItem(KINDLE, 1, KINDLE_PRICE, ItemCondition.SELLABLE)), at);
    }
}

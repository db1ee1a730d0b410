package com.orderpipeline.notifier.mail;

import static com.orderpipeline.notifier.mail.Placeholders.CANCELLATION_REASON;
import static com.orderpipeline.notifier.mail.Placeholders.CANCELLED_ON;
import static com.orderpipeline.notifier.mail.Placeholders.CARRIER;
import static com.orderpipeline.notifier.mail.Placeholders.DELIVERED_ON;
import static com.orderpipeline.notifier.mail.Placeholders.ESTIMATED_DELIVERY;
import static com.orderpipeline.notifier.mail.Placeholders.LOCATION;
import static com.orderpipeline.notifier.mail.Placeholders.REFUND_AMOUNT;
import static com.orderpipeline.notifier.mail.Placeholders.RETURN_ID;
import static com.orderpipeline.notifier.mail.Placeholders.RETURN_REASON;
import static com.orderpipeline.notifier.mail.Placeholders.TRACKING_NUMBER;

import com.orderpipeline.notifier.avro.MailLine;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which event calls for which mail, in one table: an order placed for the confirmation, a fulfillment event
 * SHIPPED, DELIVERED or CANCELLED, a carrier's OUT_FOR_DELIVERY, a return AUTHORIZED and a refund issued. Every
 * other event calls for none.
 */
public final class MailEvents {
    private MailEvents() {
    }

    public static Optional<MailFacts> factsOf(SpecificRecord event) {
        if (event instanceof OrderPlaced) {
            return Optional.of(new MailFacts(MailKind.CONFIRMATION, "placed", Map.of(), List.of()));
        }
        if (event instanceof FulfillmentEvent fulfillment) {
            return fulfillment(fulfillment);
        }
        if (event instanceof CarrierEvent carrier && carrier.getType() == CarrierEventType.OUT_FOR_DELIVERY) {
            Map<String, String> values = new HashMap<>();
            values.put(CARRIER, carrier.getCarrier());
            values.put(TRACKING_NUMBER, carrier.getTrackingNumber());
            values.put(ESTIMATED_DELIVERY, Formats.date(carrier.getEstimatedDelivery()));
            values.put(LOCATION, carrier.getLocation() == null ? "" : carrier.getLocation());
            return Optional.of(new MailFacts(MailKind.OUT_FOR_DELIVERY, carrier.getEventId(), values, List.of()));
        }
        if (event instanceof ReturnEvent returned && returned.getStatus() == ReturnStatus.AUTHORIZED
                && returned.getReturnId() != null) {
            List<MailLine> lines = returned.getItems().stream()
                    .map(item -> new MailLine(item.getSku(), item.getQuantity())).toList();
            return Optional.of(new MailFacts(MailKind.RETURN_AUTHORIZED, returned.getReturnId(), Map.of(
                    RETURN_ID, returned.getReturnId(), RETURN_REASON, words(returned.getReason().name())), lines));
        }
        if (event instanceof RefundIssued refund) {
            List<MailLine> lines = refund.getItems().stream()
                    .map(item -> new MailLine(item.getSku(), item.getQuantity())).toList();
            return Optional.of(new MailFacts(MailKind.REFUND_ISSUED, refund.getRefundId(), Map.of(
                    RETURN_ID, refund.getReturnId(),
                    REFUND_AMOUNT, Formats.money(refund.getAmount(), refund.getCurrency())), lines));
        }
        return Optional.empty();
    }

    private static Optional<MailFacts> fulfillment(FulfillmentEvent event) {
        String key = Integer.toString(event.getSequence());
        return switch (event.getStatus()) {
            case SHIPPED -> Optional.of(new MailFacts(MailKind.SHIPPED, key, Map.of(
                    CARRIER, nonNull(event.getCarrier()), TRACKING_NUMBER, nonNull(event.getTrackingNumber())), List.of()));
            case DELIVERED -> Optional.of(new MailFacts(MailKind.DELIVERED, key,
                    Map.of(DELIVERED_ON, Formats.date(event.getOccurredAt())), List.of()));
            case CANCELLED -> Optional.of(new MailFacts(MailKind.CANCELLED, key, Map.of(
                    CANCELLED_ON, Formats.date(event.getOccurredAt()),
                    CANCELLATION_REASON, cancellationReason(event)), List.of()));
            default -> Optional.empty();
        };
    }

    private static String cancellationReason(FulfillmentEvent event) {
        CancellationReason reason = event.getCancellation() == null ? null : event.getCancellation().getReason();
        if (reason == null) {
            return "";
        }
        return switch (reason) {
            case CUSTOMER_REQUEST -> "you asked us to cancel it";
            case PAYMENT_DECLINED -> "the payment was declined";
            case OUT_OF_STOCK -> "an item is out of stock";
            case FRAUD_SUSPECTED, OTHER -> "we could not complete it";
        };
    }

    /** NO_LONGER_NEEDED as "no longer needed". */
    static String words(String symbol) {
        return symbol.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}

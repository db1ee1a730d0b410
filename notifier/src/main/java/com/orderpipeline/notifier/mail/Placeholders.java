package com.orderpipeline.notifier.mail;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The placeholders each kind of e-mail fills, so that a template naming one that does not exist is refused at
 * start rather than sent with a hole in it. docs/notifications.md lists them.
 */
public final class Placeholders {
    public static final String ORDER_ID = "orderId";
    public static final String CUSTOMER_NAME = "customerName";
    public static final String PLACED_ON = "placedOn";
    public static final String PROMISED_BY = "promisedBy";
    public static final String TOTAL = "total";
    public static final String ITEMS = "items";
    public static final String TRACKING_URL = "trackingUrl";
    public static final String CARRIER = "carrier";
    public static final String TRACKING_NUMBER = "trackingNumber";
    public static final String ESTIMATED_DELIVERY = "estimatedDelivery";
    public static final String LOCATION = "location";
    public static final String DELIVERED_ON = "deliveredOn";
    public static final String CANCELLED_ON = "cancelledOn";
    public static final String CANCELLATION_REASON = "cancellationReason";
    public static final String RETURN_ID = "returnId";
    public static final String RETURN_ITEMS = "returnItems";
    public static final String RETURN_REASON = "returnReason";
    public static final String REFUND_AMOUNT = "refundAmount";
    public static final String REFUNDED_ITEMS = "refundedItems";

    /** What every mail can use: the order's own figures and its tracking page. */
    public static final Set<String> COMMON = Set.of(ORDER_ID, CUSTOMER_NAME, PLACED_ON, PROMISED_BY, TOTAL, ITEMS,
            TRACKING_URL);

    private static final Map<MailKind, Set<String>> OWN = new EnumMap<>(Map.of(
            MailKind.CONFIRMATION, Set.of(),
            MailKind.SHIPPED, Set.of(CARRIER, TRACKING_NUMBER),
            MailKind.OUT_FOR_DELIVERY, Set.of(CARRIER, TRACKING_NUMBER, ESTIMATED_DELIVERY, LOCATION),
            MailKind.DELIVERED, Set.of(DELIVERED_ON),
            MailKind.CANCELLED, Set.of(CANCELLED_ON, CANCELLATION_REASON),
            MailKind.RETURN_AUTHORIZED, Set.of(RETURN_ID, RETURN_ITEMS, RETURN_REASON),
            MailKind.REFUND_ISSUED, Set.of(RETURN_ID, REFUND_AMOUNT, REFUNDED_ITEMS)));

    private Placeholders() {
    }

    /** Every placeholder the kind's templates may name. */
    public static Set<String> of(MailKind kind) {
        Set<String> all = new TreeSet<>(COMMON);
        all.addAll(OWN.get(kind));
        return all;
    }
}

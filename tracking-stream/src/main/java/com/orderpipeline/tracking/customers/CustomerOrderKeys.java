package com.orderpipeline.tracking.customers;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The keys of the customer-orders store: {@code <customerId>/<19 digits>/<orderId>}, the digits being
 * {@code Long.MAX_VALUE} minus the order's placement time in epoch millis, so that a prefix scan of a customer
 * reads its orders newest first. A key is read back only when its middle part is exactly 19 digits, so a customer
 * ID that itself holds a {@code /} never reads another customer's orders.
 */
public final class CustomerOrderKeys {
    private static final int DIGITS = 19;

    private CustomerOrderKeys() {
    }

    public static String key(String customerId, Instant placedAt, String orderId) {
        String newestFirst = String.format(Locale.ROOT, "%019d", Long.MAX_VALUE - placedAt.toEpochMilli());
        return prefix(customerId) + newestFirst + "/" + orderId;
    }

    /** What every key of the customer's starts with. */
    public static String prefix(String customerId) {
        return customerId + "/";
    }

    /** The order ID of a key found under {@code customerId}'s prefix, empty when it is another customer's. */
    public static Optional<String> orderIdOf(String customerId, String key) {
        String prefix = prefix(customerId);
        if (!key.startsWith(prefix) || key.length() <= prefix.length() + DIGITS + 1
                || key.charAt(prefix.length() + DIGITS) != '/') {
            return Optional.empty();
        }
        for (int i = prefix.length(); i < prefix.length() + DIGITS; i++) {
            if (!Character.isDigit(key.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(key.substring(prefix.length() + DIGITS + 1));
    }
}

package com.orderpipeline.tracking.support;

/**
 * The keys of {@link com.orderpipeline.tracking.topology.TrackingTopology#SUPPORT_HISTORY_STORE}:
 * {@code <orderId>|<kind letter>|<id>}, so that one prefix scan reads an order's whole history and another the
 * records of one kind. {@code |} sorts after every character of an order ID, so no order's prefix is another's.
 */
final class SupportHistoryKeys {
    private static final char SEPARATOR = '|';

    private SupportHistoryKeys() {
    }

    static String key(String orderId, SupportRecord record) {
        return prefix(orderId, record.kind()) + record.id();
    }

    /** Every record of the order. */
    static String prefix(String orderId) {
        return orderId + SEPARATOR;
    }

    /** The order's records of one kind. */
    static String prefix(String orderId, SupportRecord.Kind kind) {
        return prefix(orderId) + kind.letter() + SEPARATOR;
    }

    /** The kind of a key of this store. */
    static SupportRecord.Kind kindOf(String key) {
        int at = key.indexOf(SEPARATOR) + 1;
        for (SupportRecord.Kind kind : SupportRecord.Kind.values()) {
            if (key.startsWith(kind.letter(), at)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Not a key of the support history: " + key);
    }
}

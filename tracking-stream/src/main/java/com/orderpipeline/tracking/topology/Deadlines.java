package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * When an order is late, and the keys of the index of orders waiting to become late.
 *
 * <p>A promised delivery date is a calendar day in UTC: an order not delivered by the end of that day is late
 * from 00:00 UTC on the day after. An order delivered on or before its promised day is not late, whenever the
 * event saying so arrives; one delivered after it stays late. An order the carrier expects after its promised day is
 * late as soon as the carrier says so ("running late"), and no longer once a later estimate is back within it.
 */
public final class Deadlines {
    /** Sorts after every character of an order ID, so it closes a range of index keys. */
    private static final char AFTER_ANY_ID = '~';

    private Deadlines() {
    }

    /** The moment an order promised for {@code promisedBy} becomes late. */
    public static Instant lateFrom(LocalDate promisedBy) {
        return promisedBy.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Whether the view should be flagged late at {@code now}: undelivered past the promised day, or expected after
     * it (the carrier's estimate says so before the day has passed); delivered after it.
     */
    public static boolean isLate(OrderTracking view, Instant now) {
        if (view.getPromisedBy() == null || view.getStatus() == FulfillmentStatus.CANCELLED) {
            return false;
        }
        Instant deadline = lateFrom(view.getPromisedBy());
        Instant deliveredAt = view.getDeliveredAt();
        if (deliveredAt != null) {
            return !deliveredAt.isBefore(deadline);
        }
        LocalDate estimate = view.getEstimatedDelivery();
        return !now.isBefore(deadline) || (estimate != null && estimate.isAfter(view.getPromisedBy()));
    }

    /** Index keys sort by promised day, so the overdue orders are one range scan from the start. */
    static String indexKey(LocalDate promisedBy, String orderId) {
        return String.format(Locale.ROOT, "%08d|%s", promisedBy.toEpochDay(), orderId);
    }

    /** The first index key: below every key, whatever its day. */
    static String firstIndexKey() {
        return "";
    }

    /** The last index key of orders that are overdue at {@code now}: those promised before today (UTC). */
    static String lastOverdueIndexKey(Instant now) {
        LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        return String.format(Locale.ROOT, "%08d|%c", yesterday.toEpochDay(), AFTER_ANY_ID);
    }
}

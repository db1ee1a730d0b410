package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link FunnelSnapshot} as a small table for the terminal:
 *
 * <pre>
 * orders.fulfillment at 2025-06-01T12:00:05Z: 6 orders, 17 events
 *
 *   state          orders    share
 *   PLACED              1    16.7%
 *   PICKED              1    16.7%
 *   PACKED              0     0.0%
 *   SHIPPED             1    16.7%
 *   DELIVERED           3    50.0%
 *
 *   from PLACED    orders   median      p95
 *   to SHIPPED          3   1m 30s   2m 00s
 *   to DELIVERED        2   3m 20s   5m 00s
 *
 *   1 digital order delivered at once, left out of "to DELIVERED"
 * </pre>
 */
public final class FunnelTable {
    private static final String ROW = "  %-12s %8s %8s %8s";

    private FunnelTable() {
    }

    /** The table for {@code snapshot} of {@code topic}, taken at {@code at}; ends with a line break. */
    public static String render(String topic, FunnelSnapshot snapshot, Instant at) {
        StringBuilder out = new StringBuilder();
        long orders = snapshot.orders();
        out.append(topic).append(" at ").append(at.truncatedTo(ChronoUnit.SECONDS)).append(": ")
                .append(plural(orders, "order")).append(", ").append(plural(snapshot.events(), "event"))
                .append(System.lineSeparator()).append(System.lineSeparator());

        row(out, "state", "orders", "share", "");
        for (Map.Entry<FulfillmentStatus, Long> entry : snapshot.ordersByState().entrySet()) {
            long count = entry.getValue();
            String share = orders == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / orders);
            row(out, entry.getKey().name(), Long.toString(count), share, "");
        }
        out.append(System.lineSeparator());

        row(out, "from PLACED", "orders", "median", "p95");
        timeRow(out, "to SHIPPED", snapshot.placedToShipped());
        timeRow(out, "to DELIVERED", snapshot.placedToDelivered());

        StringBuilder notes = new StringBuilder();
        if (snapshot.digitalDeliveries() > 0) {
            note(notes, plural(snapshot.digitalDeliveries(), "digital order")
                    + " delivered at once, left out of \"to DELIVERED\"");
        }
        if (snapshot.ordersWithoutPlaced() > 0) {
            note(notes, plural(snapshot.ordersWithoutPlaced(), "order")
                    + " without a PLACED event on the topic (deleted by retention?), left out of the times");
        }
        if (snapshot.unreadableRecords() > 0) {
            note(notes, plural(snapshot.unreadableRecords(), "record") + " could not be read and "
                    + (snapshot.unreadableRecords() == 1 ? "was" : "were") + " skipped"
                    + snapshot.lastUnreadable().map(last -> " (last: " + last + ")").orElse(""));
        }
        if (!notes.isEmpty()) {
            out.append(System.lineSeparator()).append(notes);
        }
        return out.toString();
    }

    /** A duration as a person reads it: {@code 850 ms}, {@code 12.3 s}, {@code 4m 05s}, {@code 3h 07m}, {@code 2d 04h}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3_600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3_600, seconds % 3_600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", seconds / 86_400, seconds % 86_400 / 3_600);
    }

    private static void timeRow(StringBuilder out, String label, DurationStats stats) {
        row(out, label, Integer.toString(stats.count()), formatOrDash(stats.median()), formatOrDash(stats.p95()));
    }

    private static void row(StringBuilder out, String label, String first, String second, String third) {
        out.append(String.format(Locale.ROOT, ROW, label, first, second, third).stripTrailing())
                .append(System.lineSeparator());
    }

    private static String formatOrDash(Optional<Duration> duration) {
        return duration.map(FunnelTable::format).orElse("-");
    }

    private static void note(StringBuilder notes, String text) {
        notes.append("  ").append(text).append(System.lineSeparator());
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}

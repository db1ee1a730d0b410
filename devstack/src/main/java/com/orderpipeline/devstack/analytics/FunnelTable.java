package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.money.Money;
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
 * orders.fulfillment at 2025-06-01T12:00:05Z: 7 orders, 20 events
 * orders.returns: 3 return requests, 6 events
 * payments.refunds: 3 refunds
 *
 *   state          orders    share
 *   PLACED              1    14.3%
 *   PICKED              1    14.3%
 *   PACKED              0     0.0%
 *   SHIPPED             1    14.3%
 *   DELIVERED           3    42.9%
 *   CANCELLED           1    14.3%
 *
 *   from PLACED    orders   median      p95
 *   to SHIPPED          3   1m 30s   2m 00s
 *   to DELIVERED        2   3m 20s   5m 00s
 *
 *   outcome        orders     rate
 *   cancelled           1    14.3% of 7 orders placed
 *   returned            1    50.0% of 2 physical orders delivered
 *
 *   returns      requests    share
 *   authorized          2    66.7%
 *   declined            1    33.3%
 *
 *   currency      refunds   amount
 *   EUR                 1   EUR 20.00
 *   USD                 2   USD 1,519.98
 *
 *   1 digital order delivered at once, left out of "to DELIVERED"
 * </pre>
 */
public final class FunnelTable {
    private static final String ROW = "  %-12s %8s %8s %8s";
    private static final String MONEY_ROW = "  %-12s %8s   %s";

    private FunnelTable() {
    }

    /** The table for {@code snapshot} of {@code topics}, taken at {@code at}; ends with a line break. */
    public static String render(AnalyticsTopics topics, FunnelSnapshot snapshot, Instant at) {
        StringBuilder out = new StringBuilder();
        long orders = snapshot.orders();
        ReturnFigures returns = snapshot.returns();
        out.append(topics.fulfillment()).append(" at ").append(at.truncatedTo(ChronoUnit.SECONDS)).append(": ")
                .append(plural(orders, "order")).append(", ").append(plural(snapshot.events(), "event"))
                .append(System.lineSeparator());
        out.append(topics.returns()).append(": ").append(plural(returns.requests(), "return request")).append(", ")
                .append(plural(returns.events(), "event")).append(System.lineSeparator());
        out.append(topics.refunds()).append(": ").append(plural(snapshot.refunds(), "refund"))
                .append(System.lineSeparator()).append(System.lineSeparator());

        row(out, "state", "orders", "share", "");
        for (Map.Entry<FulfillmentStatus, Long> entry : snapshot.ordersByState().entrySet()) {
            row(out, entry.getKey().name(), Long.toString(entry.getValue()), share(entry.getValue(), orders), "");
        }
        out.append(System.lineSeparator());

        row(out, "from PLACED", "orders", "median", "p95");
        timeRow(out, "to SHIPPED", snapshot.placedToShipped());
        timeRow(out, "to DELIVERED", snapshot.placedToDelivered());
        out.append(System.lineSeparator());

        outcomes(out, snapshot);
        out.append(System.lineSeparator());
        returns(out, returns);
        out.append(System.lineSeparator());
        refunds(out, snapshot.refundsByCurrency());

        String notes = notes(snapshot);
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

    /** The cancellation rate over the orders placed, the return rate over the orders that can be returned. */
    private static void outcomes(StringBuilder out, FunnelSnapshot snapshot) {
        long orders = snapshot.orders();
        ReturnFigures returns = snapshot.returns();
        row(out, "outcome", "orders", "rate", "");
        row(out, "cancelled", Long.toString(snapshot.cancelledOrders()), share(snapshot.cancelledOrders(), orders),
                "of " + plural(orders, "order") + " placed");
        row(out, "returned", Long.toString(returns.returnedOrders()),
                share(returns.returnedOrders(), returns.physicalDeliveries()),
                "of " + plural(returns.physicalDeliveries(), "physical order") + " delivered");
    }

    private static void returns(StringBuilder out, ReturnFigures returns) {
        row(out, "returns", "requests", "share", "");
        row(out, "authorized", Long.toString(returns.authorized()), share(returns.authorized(), returns.requests()), "");
        row(out, "declined", Long.toString(returns.declined()), share(returns.declined(), returns.requests()), "");
    }

    private static void refunds(StringBuilder out, Map<String, RefundTotal> byCurrency) {
        moneyRow(out, "currency", "refunds", "amount");
        if (byCurrency.isEmpty()) {
            moneyRow(out, "-", "0", "-");
        }
        byCurrency.forEach((currency, total) ->
                moneyRow(out, currency, Long.toString(total.refunds()), Money.format(total.amount(), currency)));
    }

    /** What the figures leave out and why, a line each; empty when they leave nothing out. */
    private static String notes(FunnelSnapshot snapshot) {
        StringBuilder notes = new StringBuilder();
        if (snapshot.digitalDeliveries() > 0) {
            note(notes, plural(snapshot.digitalDeliveries(), "digital order")
                    + " delivered at once, left out of \"to DELIVERED\"");
        }
        if (snapshot.ordersWithoutPlaced() > 0) {
            note(notes, plural(snapshot.ordersWithoutPlaced(), "order")
                    + " without a PLACED event on the topic (deleted by retention?), left out of the times");
        }
        if (snapshot.returns().returnedWithoutDelivery() > 0) {
            note(notes, plural(snapshot.returns().returnedWithoutDelivery(), "returned order")
                    + " without a DELIVERED event on the topic (deleted by retention?), left out of \"returned\"");
        }
        if (snapshot.unreadableRecords() > 0) {
            note(notes, plural(snapshot.unreadableRecords(), "record") + " could not be read and "
                    + (snapshot.unreadableRecords() == 1 ? "was" : "were") + " skipped"
                    + snapshot.lastUnreadable().map(last -> " (last: " + last + ")").orElse(""));
        }
        return notes.toString();
    }

    private static void timeRow(StringBuilder out, String label, DurationStats stats) {
        row(out, label, Integer.toString(stats.count()), formatOrDash(stats.median()), formatOrDash(stats.p95()));
    }

    private static void row(StringBuilder out, String label, String first, String second, String third) {
        out.append(String.format(Locale.ROOT, ROW, label, first, second, third).stripTrailing())
                .append(System.lineSeparator());
    }

    private static void moneyRow(StringBuilder out, String label, String count, String amount) {
        out.append(String.format(Locale.ROOT, MONEY_ROW, label, count, amount)).append(System.lineSeparator());
    }

    /** {@code count} as a percentage of {@code of}, or a dash when there is nothing to take a share of. */
    private static String share(long count, long of) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / of);
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

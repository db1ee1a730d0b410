package com.orderpipeline.tracking.page;

import static com.orderpipeline.tracking.page.Html.escape;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.tracking.query.TrackingView;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An order's tracking page as a parcel tracking page reads: where the order is in words, the promised date and
 * a warning when it is late, carrier and tracking number, the timeline of steps done and still to come, and the
 * order's returns. A cancelled order shows the steps it made and its cancellation, and nothing still to come.
 * Times are shown in UTC, the time zone the promise is kept in.
 */
final class OrderPage {
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final List<FulfillmentStatus> PHYSICAL_STEPS = FulfillmentSteps.FORWARD;
    private static final List<FulfillmentStatus> DIGITAL_STEPS = List.of(FulfillmentStatus.PLACED, FulfillmentStatus.DELIVERED);
    private static final Map<FulfillmentStatus, String> STEP_NAMES = Map.of(
            FulfillmentStatus.PLACED, "Ordered",
            FulfillmentStatus.PICKED, "Picked",
            FulfillmentStatus.PACKED, "Packed",
            FulfillmentStatus.SHIPPED, "Shipped",
            FulfillmentStatus.DELIVERED, "Delivered",
            FulfillmentStatus.CANCELLED, "Cancelled");
    private static final Map<FulfillmentStatus, String> HEADLINES = Map.of(
            FulfillmentStatus.PLACED, "Order received",
            FulfillmentStatus.PICKED, "Being prepared",
            FulfillmentStatus.PACKED, "Packed, ready to ship",
            FulfillmentStatus.SHIPPED, "On its way",
            FulfillmentStatus.DELIVERED, "Delivered",
            FulfillmentStatus.CANCELLED, "Cancelled");

    private OrderPage() {
    }

    /** @param today the reader's today (UTC), to say "today" and "tomorrow" where that reads better than a date */
    static String render(TrackingView view, boolean stale, LocalDate today) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Order <span id=\"order-number\">").append(escape(view.orderId())).append("</span></h1>");
        body.append("<section class=\"card\" id=\"summary\"><h2 id=\"headline\">")
                .append(escape(HEADLINES.getOrDefault(view.status(), "Being processed"))).append("</h2>");
        body.append("<p class=\"sub\" id=\"promise\">").append(escape(promiseLine(view, today))).append("</p></section>");
        if (view.late()) {
            body.append("<p id=\"late-warning\" class=\"late\" role=\"alert\">").append(escape(lateLine(view))).append("</p>");
        }
        boolean cancelled = view.status() == FulfillmentStatus.CANCELLED;
        body.append("<section class=\"card\"><dl>");
        if (!cancelled || view.carrier() != null) {
            definition(body, "Carrier", view.carrier(), "carrier");
            definition(body, "Tracking number", view.trackingNumber(), "tracking-number");
        }
        definition(body, "Ships to", view.destinationCity() == null ? null
                : view.destinationCity() + ", " + view.destinationCountry(), "destination");
        definition(body, "Items", Integer.toString(view.itemCount()), "items");
        body.append("</dl></section>");
        body.append("<section class=\"card\"><ol class=\"timeline\" id=\"timeline\">");
        if (cancelled) {
            view.timeline().forEach(done -> step(body, done.status(), Optional.of(done)));
        } else {
            for (FulfillmentStatus status : view.channel() == Channel.DIGITAL ? DIGITAL_STEPS : PHYSICAL_STEPS) {
                step(body, status, view.timeline().stream().filter(s -> s.status() == status).findFirst());
            }
        }
        body.append("</ol></section>");
        body.append(ReturnsSection.render(view));
        if (stale) {
            body.append("<p class=\"stale\" id=\"stale\">This page may be a few seconds behind while tracking moves"
                    + " between servers.</p>");
        }
        body.append("<p class=\"stale\">Last update ").append(escape(MOMENT.format(view.updatedAt()))).append("</p>");
        body.append(Html.form(""));
        return Html.page("Order " + view.orderId(), body.toString());
    }

    private static String promiseLine(TrackingView view, LocalDate today) {
        if (view.status() == FulfillmentStatus.CANCELLED) {
            return view.timeline().stream().filter(s -> s.status() == FulfillmentStatus.CANCELLED).findFirst()
                    .map(step -> "Cancelled " + MOMENT.format(step.at()) + ". Nothing more will be sent.")
                    .orElse("Cancelled. Nothing more will be sent.");
        }
        if (view.deliveredAt() != null) {
            return "Delivered " + MOMENT.format(view.deliveredAt());
        }
        if (view.promisedBy() == null) {
            return "";
        }
        if (view.late()) {
            return "Was due by " + DAY.format(view.promisedBy());
        }
        if (view.promisedBy().equals(today)) {
            return "Arriving today";
        }
        return view.promisedBy().equals(today.plusDays(1)) ? "Arriving tomorrow"
                : "Arriving by " + DAY.format(view.promisedBy());
    }

    private static String lateLine(TrackingView view) {
        LocalDate promised = view.promisedBy();
        if (view.deliveredAt() != null) {
            return "This order arrived later than the " + DAY.format(promised) + " we promised. We are sorry.";
        }
        return "Running late: we promised delivery by " + DAY.format(promised) + ". It is still on its way, and we"
                + " are sorry for the wait.";
    }

    private static void definition(StringBuilder body, String term, String value, String id) {
        body.append("<dt>").append(escape(term)).append("</dt><dd id=\"").append(id).append("\">")
                .append(value == null ? "not yet known" : escape(value)).append("</dd>");
    }

    private static void step(StringBuilder body, FulfillmentStatus status, Optional<TrackingView.Step> done) {
        body.append("<li class=\"step ").append(done.isPresent() ? "done" : "todo")
                .append(status == FulfillmentStatus.CANCELLED ? " cancelled" : "").append("\" data-status=\"")
                .append(status.name()).append("\"><div class=\"what\">").append(escape(STEP_NAMES.get(status)))
                .append("</div><div class=\"when\">");
        if (done.isPresent()) {
            body.append(escape(MOMENT.format(done.get().at())));
            if (done.get().place() != null) {
                body.append(" · ").append(escape(done.get().place()));
            }
        } else {
            body.append("to come");
        }
        body.append("</div></li>");
    }
}

package com.orderpipeline.tracking.page;

import static com.orderpipeline.tracking.page.Html.escape;

import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.tracking.live.LiveViewers;
import com.orderpipeline.tracking.query.TrackingView;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An order's tracking page as a parcel tracking page reads: where the order is in words (the carrier's latest word
 * while it is on its way, with the place), the expected day and a warning when it is late, a progress bar of the
 * stages, carrier and tracking number, the timeline of steps done and still to come with the carrier's events,
 * and the order's returns. Complete without JavaScript; with it, a few lines follow the live stream of the view
 * and swap the page's content in place on every change. A cancelled order shows the steps it made and its cancellation, and nothing still to come.
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
            FulfillmentStatus.SHIPPED, "Shipped",
            FulfillmentStatus.DELIVERED, "Delivered",
            FulfillmentStatus.CANCELLED, "Cancelled");
    /** What the carrier's latest event says, in words; the headline while the parcel is on its way. */
    private static final Map<CarrierEventType, String> CARRIER_WORDS = Map.of(
            CarrierEventType.IN_TRANSIT, "In transit",
            CarrierEventType.OUT_FOR_DELIVERY, "Out for delivery",
            CarrierEventType.DELIVERY_ATTEMPTED, "Delivery attempted",
            CarrierEventType.DELAYED, "Delayed",
            CarrierEventType.EXCEPTION, "A problem on the way",
            CarrierEventType.AVAILABLE_FOR_PICKUP, "Ready for pickup");
    private static final DateTimeFormatter ARRIVING = DateTimeFormatter.ofPattern("EEEE, d MMMM", Locale.ENGLISH);
    /**
     * The live updates: the page asks for itself again on every change of the view and swaps its content in, only
     * where it differs (the first update, on connecting, usually does not), so what a reader is looking at stays.
     */
    private static final String LIVE_SCRIPT = """
            <script>
            (function () {
              if (!window.EventSource || !window.fetch) { return; }
              var source = new EventSource("/orders/%s/events");
              source.addEventListener("update", function () {
                fetch(location.href, {cache: "no-store"}).then(function (r) { return r.ok ? r.text() : null; })
                  .then(function (html) {
                    var next = html && new DOMParser().parseFromString(html, "text/html").querySelector("main");
                    var main = document.querySelector("main");
                    if (next && next.innerHTML !== main.innerHTML) { main.innerHTML = next.innerHTML; }
                  });
              });
              source.addEventListener("end", function () { source.close(); });
            })();
            </script>""";

    private OrderPage() {
    }

    /** @param today the reader's today (UTC), to say "today" and "tomorrow" where that reads better than a date */
    static String render(TrackingView view, boolean stale, LocalDate today) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Order <span id=\"order-number\">").append(escape(view.orderId())).append("</span></h1>");
        body.append("<section class=\"card\" id=\"summary\"><h2 id=\"headline\">")
                .append(escape(headline(view))).append("</h2>");
        latestCarrierEvent(view).filter(event -> view.status() == FulfillmentStatus.SHIPPED).ifPresent(event -> body
                .append("<p class=\"sub\" id=\"carrier-status\">").append(escape(CARRIER_WORDS.get(event.event())))
                .append(event.place() == null ? "" : " · " + escape(event.place())).append("</p>"));
        body.append("<p class=\"sub\" id=\"promise\">").append(escape(promiseLine(view, today))).append("</p>");
        if (view.status() != FulfillmentStatus.CANCELLED) {
            progress(body, view);
        }
        body.append("</section>");
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
                step(body, status, view.timeline().stream().filter(s -> s.status() == status && s.event() == null)
                        .findFirst());
                if (status == FulfillmentStatus.SHIPPED) {
                    view.timeline().stream().filter(s -> s.event() != null).forEach(event -> carrierStep(body, event));
                }
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
        if (!LiveViewers.settled(view)) {
            body.append(String.format(LIVE_SCRIPT, escape(view.orderId())));
        }
        return Html.page("Order " + view.orderId(), body.toString());
    }

    /** On its way, the carrier's latest word; else where the order is in the fulfillment. */
    private static String headline(TrackingView view) {
        if (view.status() == FulfillmentStatus.SHIPPED && view.carrierStatus() != null) {
            return CARRIER_WORDS.getOrDefault(view.carrierStatus(), "Shipped");
        }
        return HEADLINES.getOrDefault(view.status(), "Being processed");
    }

    private static Optional<TrackingView.Step> latestCarrierEvent(TrackingView view) {
        return view.timeline().stream().filter(step -> step.event() != null).reduce((first, second) -> second);
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
        LocalDate expected = view.estimatedDelivery() != null ? view.estimatedDelivery() : view.promisedBy();
        if (expected == null) {
            return "";
        }
        if (view.late()) {
            return expected.isAfter(view.promisedBy()) ? "Running late: now expected " + ARRIVING.format(expected)
                    : "Was due by " + DAY.format(view.promisedBy());
        }
        if (expected.equals(today)) {
            return "Arriving today";
        }
        return expected.equals(today.plusDays(1)) ? "Arriving tomorrow" : "Arriving " + ARRIVING.format(expected);
    }

    private static String lateLine(TrackingView view) {
        LocalDate promised = view.promisedBy();
        if (view.deliveredAt() != null) {
            return "This order arrived later than the " + DAY.format(promised) + " we promised. We are sorry.";
        }
        return "Running late: we promised delivery by " + DAY.format(promised) + ". It is still on its way, and we"
                + " are sorry for the wait.";
    }

    /** The stages a buyer follows, each done or still to come: the fulfillment's, with the carrier's last mile. */
    private static void progress(StringBuilder body, TrackingView view) {
        boolean delivered = view.status() == FulfillmentStatus.DELIVERED;
        boolean outForDelivery = delivered || view.timeline().stream()
                .anyMatch(step -> step.event() == CarrierEventType.OUT_FOR_DELIVERY);
        Map<String, Boolean> stages = new LinkedHashMap<>();
        stages.put("Ordered", true);
        if (view.channel() != Channel.DIGITAL) {
            stages.put("Packed", delivered || view.status().compareTo(FulfillmentStatus.PACKED) >= 0);
            stages.put("Shipped", delivered || view.status() == FulfillmentStatus.SHIPPED);
            stages.put("Out for delivery", outForDelivery);
        }
        stages.put("Delivered", delivered);
        long done = stages.values().stream().filter(reached -> reached).count();
        body.append("<ol class=\"progress\" id=\"progress\" aria-label=\"").append(done).append(" of ")
                .append(stages.size()).append(" stages done\">");
        stages.forEach((stage, reached) -> body.append("<li class=\"").append(reached ? "done" : "todo").append("\">")
                .append(escape(stage)).append("</li>"));
        body.append("</ol>");
    }

    private static void carrierStep(StringBuilder body, TrackingView.Step event) {
        body.append("<li class=\"step done carrier\" data-event=\"").append(event.event().name())
                .append("\"><div class=\"what\">").append(escape(CARRIER_WORDS.getOrDefault(event.event(), "Carrier update")))
                .append("</div><div class=\"when\">").append(escape(MOMENT.format(event.at())));
        if (event.place() != null) {
            body.append(" · ").append(escape(event.place()));
        }
        body.append("</div>");
        if (event.detail() != null) {
            body.append("<div class=\"when\">").append(escape(event.detail())).append("</div>");
        }
        body.append("</li>");
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

package com.orderpipeline.tracking.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.query.TrackingView;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.topology.TrackingViews;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order page's HTML for what the browser test does not reach: cancelled orders, returns, money. */
class OrderPageTest {
    private static final String ORDER = Orders.physicalId(11);
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");
    private static final TrackingView PLACED = TrackingView.of(TrackingViews.placed(Orders.placed(ORDER, PLACED_AT, PROMISED)));

    @Test
    void aCancelledOrderSaysSoShowsItsCancellationAndNoStepToCome() {
        Instant cancelledAt = Instant.parse("2026-05-04T09:25:00Z");
        TrackingView cancelled = withTimeline(FulfillmentStatus.CANCELLED, List.of(
                new TrackingView.Step(FulfillmentStatus.PLACED, PLACED_AT, null, null, null),
                new TrackingView.Step(FulfillmentStatus.CANCELLED, cancelledAt, null, null, null)));

        String html = OrderPage.render(cancelled, false, LocalDate.parse("2026-05-04"));

        assertThat(html).contains("<h2 id=\"headline\">Cancelled</h2>",
                "<p class=\"sub\" id=\"promise\">Cancelled Mon 4 May 2026, 09:25 UTC. Nothing more will be sent.</p>",
                "<li class=\"step done cancelled\" data-status=\"CANCELLED\"><div class=\"what\">Cancelled</div>"
                        + "<div class=\"when\">Mon 4 May 2026, 09:25 UTC</div></li>");
        assertThat(html).doesNotContain("to come", "Arriving", "Picked", "Shipped", "Tracking number", "not yet known");
    }

    @Test
    void listsTheReturnsWithTheirStatusInWordsTheirItemsAndTheRefundInTheOrdersCurrency() {
        String r1 = Returns.returnId(ORDER, 1);
        TrackingView view = withReturns(List.of(
                new TrackingView.Return(r1, "req-1", ReturnStatus.REFUNDED,
                        List.of(new TrackingView.Item(Returns.KINDLE, 1)), 149_999L),
                new TrackingView.Return(null, "req-2", ReturnStatus.DECLINED,
                        List.of(new TrackingView.Item(Returns.BOOK, 3)), null),
                new TrackingView.Return(Returns.returnId(ORDER, 2), "req-3", ReturnStatus.IN_TRANSIT,
                        List.of(new TrackingView.Item(Returns.BOOK, 1), new TrackingView.Item(Returns.KINDLE, 2)), null)));

        String html = OrderPage.render(view, false, LocalDate.parse("2026-05-12"));

        assertThat(html).contains("<section class=\"card\" id=\"returns\"><h2>Returns</h2>",
                "<li class=\"return\" data-status=\"REFUNDED\"><div class=\"what\">Return <span class=\"id return-id\">"
                        + r1 + "</span></div><dl><dt>Status</dt><dd class=\"return-status\">Refunded</dd>"
                        + "<dt>Items</dt><dd class=\"return-items\">1 × B00X4WHP5E</dd>"
                        + "<dt>Refunded</dt><dd class=\"return-refund\">USD 1,499.99</dd></dl></li>",
                "<div class=\"what\">Return request</div><dl><dt>Status</dt><dd class=\"return-status\">Request declined</dd>",
                "<dd class=\"return-status\">On its way back to us</dd><dt>Items</dt>"
                        + "<dd class=\"return-items\">1 × 0141439513, 2 × B00X4WHP5E</dd></dl>");
        assertThat(html.split("return-refund", -1)).as("only the refunded return has an amount").hasSize(2);
    }

    @Test
    void onItsWaySaysTheCarriersLatestWordWhereAndWhenItIsNowExpectedAndFollowsTheLiveStream() {
        Instant shippedAt = Instant.parse("2026-05-05T10:00:00Z");
        Instant delayedAt = Instant.parse("2026-05-06T08:30:00Z");
        TrackingView onItsWay = new TrackingView(PLACED.orderId(), FulfillmentStatus.SHIPPED, PLACED.placedAt(), delayedAt,
                PLACED.channel(), PLACED.itemCount(), PLACED.destinationCity(), PLACED.destinationCountry(), "WH-SEA-1",
                "UPS", "1Z999AA10123456784", PROMISED, null, true, List.of(
                        new TrackingView.Step(FulfillmentStatus.PLACED, PLACED_AT, null, null, null),
                        new TrackingView.Step(FulfillmentStatus.SHIPPED, shippedAt, "WH-SEA-1", null, null),
                        new TrackingView.Step(FulfillmentStatus.SHIPPED, delayedAt, "Portland, OR, US",
                                CarrierEventType.DELAYED, "Weather delay at the hub")),
                PLACED.currency(), List.of(), PROMISED.plusDays(2), CarrierEventType.DELAYED);

        String html = OrderPage.render(onItsWay, false, LocalDate.parse("2026-05-06"));

        assertThat(html).contains("<h2 id=\"headline\">Delayed</h2>",
                "<p class=\"sub\" id=\"carrier-status\">Delayed · Portland, OR, US</p>",
                "<p class=\"sub\" id=\"promise\">Running late: now expected Sunday, 10 May</p>",
                "<li class=\"step done carrier\" data-event=\"DELAYED\"><div class=\"what\">Delayed</div>"
                        + "<div class=\"when\">Wed 6 May 2026, 08:30 UTC · Portland, OR, US</div>"
                        + "<div class=\"when\">Weather delay at the hub</div></li>",
                "<li class=\"done\">Shipped</li><li class=\"todo\">Out for delivery</li>",
                "new EventSource(\"/orders/" + ORDER + "/events\")");
        assertThat(html.indexOf("data-event=\"DELAYED\"")).as("after the step SHIPPED, before DELIVERED")
                .isBetween(html.indexOf("data-status=\"SHIPPED\""), html.indexOf("data-status=\"DELIVERED\""));
        assertThat(OrderPage.render(withReturns(List.of()), false, LocalDate.parse("2026-05-12")))
                .as("a settled order has no live stream to follow").doesNotContain("EventSource");
    }

    @Test
    void anOrderWithoutReturnsHasNoReturnsSection() {
        assertThat(OrderPage.render(PLACED, false, LocalDate.parse("2026-05-04"))).doesNotContain("id=\"returns\"");
    }

    private static TrackingView withTimeline(FulfillmentStatus status, List<TrackingView.Step> timeline) {
        return new TrackingView(PLACED.orderId(), status, PLACED.placedAt(), timeline.get(timeline.size() - 1).at(),
                PLACED.channel(), PLACED.itemCount(), PLACED.destinationCity(), PLACED.destinationCountry(), null, null,
                null, PLACED.promisedBy(), null, false, timeline, PLACED.currency(), PLACED.returns(), PLACED.promisedBy(),
                null);
    }

    private static TrackingView withReturns(List<TrackingView.Return> returns) {
        return new TrackingView(PLACED.orderId(), FulfillmentStatus.DELIVERED, PLACED.placedAt(), PLACED.updatedAt(),
                PLACED.channel(), PLACED.itemCount(), PLACED.destinationCity(), PLACED.destinationCountry(), "WH-SEA-1",
                "UPS", "1Z999AA10123456784", PLACED.promisedBy(), Instant.parse("2026-05-07T14:30:00Z"), false,
                PLACED.timeline(), PLACED.currency(), returns, PLACED.promisedBy(), null);
    }
}

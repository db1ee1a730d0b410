package com.orderpipeline.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.TrackingCarrierEvent;
import com.orderpipeline.schemas.avro.TrackingReturn;
import com.orderpipeline.schemas.avro.TrackingReturnItem;
import com.orderpipeline.schemas.avro.TrackingStep;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.topology.TrackingViews;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The answers stored with the views: byte for byte the JSON the API answered when it rendered each view on every
 * lookup (Jackson's tree, then {@code stale}), and never served when they were stored in another format.
 */
class StoredAnswersTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final AnswerJson ANSWERS = new AnswerJson(JSON);
    private static final StoredAnswers STORED = new StoredAnswers(ANSWERS);
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00.123Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");

    @Test
    void aStoredAnswerIsByteForByteWhatTheApiAnsweredBefore() throws Exception {
        for (OrderTracking view : views()) {
            for (boolean stale : List.of(false, true)) {
                byte[] answer = StoredAnswers.answer(STORED.stored(view), stale).orElseThrow();

                assertThat(new String(answer, StandardCharsets.UTF_8)).as("%s, stale %s", view.getOrderId(), stale)
                        .isEqualTo(treeRendering(TrackingView.of(view), stale, Optional.empty()));
            }
        }
    }

    @Test
    void anAnswerRenderedOnALookupIsTheSameAsTheStoredOneAndLongPollsAddWhatTheyWaitedFor() throws Exception {
        Lookup.Waited waited = new Lookup.Waited(FulfillmentStatus.SHIPPED, false, Duration.ofMillis(1_500));
        for (OrderTracking view : views()) {
            TrackingView shown = TrackingView.of(view);

            assertThat(ANSWERS.writeBytes(new Lookup.Found(shown, false, "here:8083", Optional.empty())))
                    .isEqualTo(StoredAnswers.answer(STORED.stored(view), false).orElseThrow());
            assertThat(ANSWERS.write(new Lookup.Found(shown, true, "here:8083", Optional.of(waited))))
                    .isEqualTo(treeRendering(shown, true, Optional.of(waited)))
                    .endsWith("\"stale\":true,\"waitedFor\":{\"status\":\"SHIPPED\",\"reached\":false,\"timeoutSeconds\":1.5}}");
        }
    }

    @Test
    void aValueStoredInAnotherFormatIsNeverServed() {
        byte[] stored = STORED.stored(views().get(0));
        byte[] olderRelease = stored.clone();
        ByteBuffer.wrap(olderRelease).putInt(StoredAnswers.FORMAT + 1);
        byte[] untagged = StoredAnswers.json(stored);

        assertThat(StoredAnswers.answer(stored, false)).isPresent();
        assertThat(StoredAnswers.answer(olderRelease, false)).isEmpty();
        assertThat(StoredAnswers.answer(untagged, false)).isEmpty();
        assertThat(StoredAnswers.answer(new byte[0], false)).isEmpty();
    }

    @Test
    void theFormatFollowsTheShapeOfThePublicView() {
        assertThat(StoredAnswers.shapeOf(TrackingView.class))
                .contains("timeline java.util.List<com.orderpipeline.tracking.query.TrackingView$Step>;",
                        "TrackingView$Step(status ", "TrackingView$Return(", "TrackingView$Item(sku java.lang.String;");
        assertThat(StoredAnswers.shapeOf(Before.class)).isNotEqualTo(StoredAnswers.shapeOf(After.class));
    }

    private record Before(String orderId, List<Line> lines) {
    }

    private record After(String orderId, List<Line> lines) {
        private record Line(String sku, int quantity) {
        }
    }

    private record Line(String sku) {
    }

    /** How the API wrote an answer before answers were stored: the view as a Jackson tree, then its extra members. */
    private static String treeRendering(TrackingView view, boolean stale, Optional<Lookup.Waited> waited) {
        ObjectNode body = JSON.valueToTree(view);
        body.put("stale", stale);
        waited.ifPresent(w -> body.putObject("waitedFor").put("status", w.status().name()).put("reached", w.reached())
                .put("timeoutSeconds", w.timeout().toMillis() / 1000.0));
        return body.toString();
    }

    /** Views with every kind of member: nulls, a digital order, returns, carrier events, text that needs escaping. */
    private static List<OrderTracking> views() {
        String order = Orders.physicalId(11);
        OrderTracking placed = TrackingViews.placed(Orders.placed(order, PLACED_AT, PROMISED));
        OrderTracking shipped = OrderTracking.newBuilder(placed)
                .setStatus(FulfillmentStatus.SHIPPED).setCarrier("UPS").setTrackingNumber("1Z999AA10123456784")
                .setWarehouseId("WH-SEA-1")
                .setTimeline(List.of(new TrackingStep(FulfillmentStatus.PLACED, PLACED_AT, null),
                        new TrackingStep(FulfillmentStatus.SHIPPED, PLACED_AT.plusSeconds(3_600), "WH-SEA-1")))
                .setCarrierEvents(List.of(TrackingCarrierEvent.newBuilder().setEventId("ev-1")
                        .setType(CarrierEventType.DELAYED).setAt(PLACED_AT.plusSeconds(7_200))
                        .setPlace("Zürich \"Hub\" \\ 東京\n").setDetail("Weather delay\tat the hub")
                        .setEstimatedDelivery(PROMISED.plusDays(2).toString()).build()))
                .setCarrierStatus(CarrierEventType.DELAYED).setEstimatedDelivery(PROMISED.plusDays(2)).setLate(true)
                .build();
        OrderTracking returned = OrderTracking.newBuilder(shipped)
                .setReturns(List.of(
                        new TrackingReturn(Returns.returnId(order, 1), "req-1", ReturnStatus.REFUNDED, 4,
                                List.of(new TrackingReturnItem(Returns.KINDLE, 1)), Returns.KINDLE_PRICE),
                        new TrackingReturn(null, "req-2", ReturnStatus.DECLINED, 1,
                                List.of(new TrackingReturnItem(Returns.BOOK, 3)), null)))
                .build();
        OrderTracking beforeEstimates = OrderTracking.newBuilder(placed).setEstimatedDelivery(null).build();
        OrderTracking digital = TrackingViews.placed(Orders.placedDigital(Orders.digitalId(3), PLACED_AT, PROMISED));
        return List.of(placed, shipped, returned, beforeEstimates, digital);
    }
}

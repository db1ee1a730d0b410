package com.orderpipeline.tracking.topology;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.TrackingCarrierEvent;
import com.orderpipeline.tracking.query.TrackingView;
import com.orderpipeline.tracking.testing.Carriers;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TrackingDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Carrier events in the tracking view on TopologyTestDriver: early ones wait for their order, re-delivered ones
 * change nothing, none moves the fulfillment status, one after delivery changes neither status nor estimate, and
 * an estimate slipping past the promise makes the order late at once.
 */
class CarrierEventsTopologyTest {
    private static final Instant AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");
    private static final String ORDER = Orders.physicalId(60);
    private static final Instant SHIPPED_AT = AT.plus(Duration.ofHours(4));

    @TempDir
    Path stateDir;
    private TrackingDriver pipeline;

    @BeforeEach
    void startDriver() {
        pipeline = new TrackingDriver("carrier", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), AT, view -> { });
    }

    @AfterEach
    void closeDriver() {
        pipeline.close();
    }

    @Test
    void anEventOnItsWayGivesTheCarriersStatusAndPlaceButNeverMovesTheFulfillmentStatus() {
        placeAndAdvanceTo(SHIPPED);
        Instant hub = SHIPPED_AT.plus(Duration.ofHours(6));
        Instant out = SHIPPED_AT.plus(Duration.ofHours(20));
        carrier("ev-1", CarrierEventType.IN_TRANSIT, hub, "Portland, OR, US", null);
        carrier("ev-2", CarrierEventType.OUT_FOR_DELIVERY, out, "Seattle, WA, US", null);

        OrderTracking view = view();
        assertThat(view.getStatus()).isEqualTo(SHIPPED);
        assertThat(view.getCarrierStatus()).isEqualTo(CarrierEventType.OUT_FOR_DELIVERY);
        assertThat(view.getEstimatedDelivery()).as("no estimate given: the promise").isEqualTo(PROMISED);
        assertThat(view.getUpdatedAt()).isEqualTo(out);
        assertThat(view.getCarrierEvents()).extracting(TrackingCarrierEvent::getPlace)
                .containsExactly("Portland, OR, US", "Seattle, WA, US");
        List<TrackingView.Step> timeline = TrackingView.of(view).timeline();
        assertThat(timeline).extracting(step -> step.status() + (step.event() == null ? "" : "/" + step.event()))
                .containsExactly("PLACED", "PICKED", "PACKED", "SHIPPED", "SHIPPED/IN_TRANSIT", "SHIPPED/OUT_FOR_DELIVERY");
        assertThat(timeline.get(timeline.size() - 1).place()).isEqualTo("Seattle, WA, US");

        String packedOrder = Orders.physicalId(61);
        pipeline.placed.pipeInput(packedOrder, Orders.placed(packedOrder, AT, PROMISED), AT);
        pipeline.fulfillment.pipeInput(packedOrder, Orders.step(packedOrder, PICKED, 1, AT.plusSeconds(60)), AT);
        carrierFor(packedOrder, "ev-9", CarrierEventType.IN_TRANSIT, AT.plusSeconds(120), "Portland, OR, US");
        OrderTracking packed = this.<OrderTracking>store(TrackingTopology.VIEW_STORE).get(packedOrder);
        assertThat(packed.getStatus()).as("an event is data, not a step").isEqualTo(PICKED);
        assertThat(packed.getCarrierStatus()).isEqualTo(CarrierEventType.IN_TRANSIT);
    }

    @Test
    void anEventBeforeItsOrderWaitsAndIsAppliedWhenTheOrderComes() {
        carrier("ev-early", CarrierEventType.IN_TRANSIT, AT.plusSeconds(30), "Portland, OR, US", null);
        assertThat(this.<OrderTracking>store(TrackingTopology.VIEW_STORE).get(ORDER)).isNull();

        pipeline.placed.pipeInput(ORDER, Orders.placed(ORDER, AT, PROMISED), AT);

        assertThat(view().getCarrierEvents()).extracting(TrackingCarrierEvent::getEventId).containsExactly("ev-early");
        assertThat(view().getStatus()).isEqualTo(PLACED);
        try (var parked = this.<Object>store(TrackingTopology.PARKED_CARRIER_STORE).all()) {
            assertThat(parked.hasNext()).as("taken from the parked events").isFalse();
        }
    }

    @Test
    void aReDeliveredEventChangesNothing() {
        placeAndAdvanceTo(SHIPPED);
        Instant hub = SHIPPED_AT.plus(Duration.ofHours(6));
        carrier("ev-1", CarrierEventType.IN_TRANSIT, hub, "Portland, OR, US", null);
        pipeline.tracking.readValuesToList();

        carrier("ev-1", CarrierEventType.IN_TRANSIT, hub, "Portland, OR, US", null);

        assertThat(view().getCarrierEvents()).hasSize(1);
        assertThat(pipeline.tracking.isEmpty()).as("no new version of the view").isTrue();
    }

    @Test
    void anEventAfterDeliveryIsRecordedButChangesNeitherStatusNorEstimate() {
        placeAndAdvanceTo(DELIVERED);
        OrderTracking delivered = view();
        carrier("ev-late", CarrierEventType.DELAYED, delivered.getDeliveredAt().plusSeconds(60), "Seattle, WA, US",
                PROMISED.plusDays(3));

        OrderTracking view = view();
        assertThat(view.getStatus()).isEqualTo(DELIVERED);
        assertThat(view.getCarrierStatus()).isNull();
        assertThat(view.getEstimatedDelivery()).isEqualTo(PROMISED);
        assertThat(view.getLate()).isFalse();
        assertThat(view.getCarrierEvents()).hasSize(1);
    }

    @Test
    void anEstimatePastThePromiseMakesTheOrderLateAtOnceAndOneBackWithinItNoLonger() {
        placeAndAdvanceTo(SHIPPED);
        Instant delayed = SHIPPED_AT.plus(Duration.ofHours(8));
        carrier("ev-1", CarrierEventType.DELAYED, delayed, "Portland, OR, US", PROMISED.plusDays(2));

        OrderTracking late = view();
        assertThat(late.getLate()).as("late before the promised day has passed").isTrue();
        assertThat(late.getEstimatedDelivery()).isEqualTo(PROMISED.plusDays(2));
        assertThat(late.getUpdatedAt()).as("as of the event, not of the promised day").isEqualTo(delayed);
        assertThat(last(pipeline.tracking.readValuesToList())).as("orders.tracking carries the same").isEqualTo(late);
        assertThat(TrackingView.of(late).estimatedDelivery()).isEqualTo(PROMISED.plusDays(2));

        carrier("ev-2", CarrierEventType.IN_TRANSIT, delayed.plus(Duration.ofHours(5)), "Seattle, WA, US", PROMISED);

        assertThat(view().getLate()).isFalse();
        assertThat(view().getEstimatedDelivery()).isEqualTo(PROMISED);
    }

    private void placeAndAdvanceTo(FulfillmentStatus last) {
        pipeline.placed.pipeInput(ORDER, Orders.placed(ORDER, AT, PROMISED), AT);
        List<FulfillmentStatus> steps = List.of(PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        for (int i = 0; i <= steps.indexOf(last); i++) {
            FulfillmentStatus status = steps.get(i);
            Instant at = status == SHIPPED ? SHIPPED_AT
                    : status == DELIVERED ? SHIPPED_AT.plus(Duration.ofDays(1)) : AT.plus(Duration.ofHours(i + 1));
            pipeline.fulfillment.pipeInput(ORDER, Orders.step(ORDER, status, i + 1, at), at);
        }
    }

    private void carrier(String eventId, CarrierEventType type, Instant at, String location, LocalDate estimate) {
        pipeline.carrierEvents.pipeInput(ORDER, Carriers.event(ORDER, eventId, type, at, location, estimate), at);
    }

    private void carrierFor(String orderId, String eventId, CarrierEventType type, Instant at, String location) {
        pipeline.carrierEvents.pipeInput(orderId, Carriers.event(orderId, eventId, type, at, location, null), at);
    }

    private OrderTracking view() {
        return this.<OrderTracking>store(TrackingTopology.VIEW_STORE).get(ORDER);
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return pipeline.store(name);
    }

    private static OrderTracking last(List<OrderTracking> versions) {
        return versions.get(versions.size() - 1);
    }
}

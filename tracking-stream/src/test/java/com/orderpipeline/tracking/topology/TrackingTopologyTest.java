package com.orderpipeline.tracking.topology;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static com.orderpipeline.schemas.avro.ReturnStatus.AUTHORIZED;
import static com.orderpipeline.schemas.avro.ReturnStatus.DECLINED;
import static com.orderpipeline.schemas.avro.ReturnStatus.IN_TRANSIT;
import static com.orderpipeline.schemas.avro.ReturnStatus.RECEIVED;
import static com.orderpipeline.schemas.avro.ReturnStatus.REFUNDED;
import static com.orderpipeline.tracking.testing.Returns.BOOK;
import static com.orderpipeline.tracking.testing.Returns.KINDLE;
import static com.orderpipeline.tracking.testing.Returns.KINDLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.PaymentStatus;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.TrackingRefund;
import com.orderpipeline.schemas.avro.TrackingReturn;
import com.orderpipeline.schemas.avro.TrackingReturnItem;
import com.orderpipeline.schemas.avro.TrackingStep;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.testing.TrackingDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.assertj.core.groups.Tuple;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking view, its timeline and its late flag, through the topology with TopologyTestDriver: whole outputs. */
class TrackingTopologyTest {
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");
    private static final Instant LATE_FROM = Instant.parse("2026-05-09T00:00:00Z");
    private static final String ORDER = Orders.physicalId(1);
    private static final Instant PICKED_AT = PLACED_AT.plus(Duration.ofHours(2));
    private static final Instant PACKED_AT = PLACED_AT.plus(Duration.ofHours(3));
    private static final Instant SHIPPED_AT = PLACED_AT.plus(Duration.ofHours(5));
    private static final Instant DELIVERED_AT = Instant.parse("2026-05-07T14:30:00Z");
    private static final String R1 = Returns.returnId(ORDER, 1);
    private static final Instant AUTHORIZED_AT = DELIVERED_AT.plus(Duration.ofDays(1));
    private static final Instant IN_TRANSIT_AT = AUTHORIZED_AT.plus(Duration.ofDays(1));

    @TempDir
    Path stateDir;
    private TrackingDriver pipeline;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderPlaced> placed;
    private TestInputTopic<String, FulfillmentEvent> fulfillment;
    private TestInputTopic<String, ReturnEvent> returns;
    private TestInputTopic<String, RefundIssued> refunds;
    private TestOutputTopic<String, OrderTracking> tracking;
    private final List<OrderTracking> pushed = new ArrayList<>();

    @BeforeEach
    void startDriver() {
        pipeline = new TrackingDriver("ttd", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), PLACED_AT, pushed::add);
        driver = pipeline.driver;
        placed = pipeline.placed;
        fulfillment = pipeline.fulfillment;
        returns = pipeline.returns;
        refunds = pipeline.refunds;
        tracking = pipeline.tracking;
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aPlacedOrderBecomesAViewWithItsFirstStepAndNoPersonalData() {
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);

        OrderTracking expected = view(PLACED, PLACED_AT)
                .setTimeline(List.of(new TrackingStep(PLACED, PLACED_AT, null)))
                .build();
        assertThat(tracking.readKeyValuesToList()).containsExactly(KeyValue.pair(ORDER, expected));
        assertThat(tracking.isEmpty()).isTrue();
        assertThat(views().get(ORDER)).isEqualTo(expected);
        assertThat(pushed).containsExactly(expected);
        assertThat(expected.toString()).doesNotContain("Ada", "Terry", "98109", "14999", "C-1001", "Kindle");
        assertThat(OrderTracking.getClassSchema().getFields()).extracting(Schema.Field::name)
                .doesNotContain("customerId", "shipTo", "items", "total", "name", "line1", "email");
    }

    @Test
    void everyFulfillmentStepExtendsTheTimelineWithItsTimeAndPlace() {
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        Instant assigned = PLACED_AT.plusSeconds(1);
        Instant picked = PLACED_AT.plus(Duration.ofHours(2));
        Instant packed = PLACED_AT.plus(Duration.ofHours(3));
        Instant shipped = PLACED_AT.plus(Duration.ofHours(5));
        Instant delivered = Instant.parse("2026-05-07T14:30:00Z");
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PLACED, 1, assigned), assigned);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PACKED, 3, packed), packed);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, SHIPPED, 4, shipped), shipped);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, delivered), delivered);

        List<OrderTracking> versions = tracking.readValuesToList();
        assertThat(versions).extracting(OrderTracking::getStatus)
                .containsExactly(PLACED, PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        OrderTracking expected = view(DELIVERED, delivered)
                .setPaymentStatus(PaymentStatus.CAPTURED)
                .setWarehouseId("WH-SEA-1")
                .setCarrier("UPS")
                .setTrackingNumber("1Z999AA10123456784")
                .setDeliveredAt(delivered)
                .setTimeline(List.of(
                        new TrackingStep(PLACED, PLACED_AT, null),
                        new TrackingStep(PICKED, picked, "WH-SEA-1"),
                        new TrackingStep(PACKED, packed, "WH-SEA-1"),
                        new TrackingStep(SHIPPED, shipped, "WH-SEA-1"),
                        new TrackingStep(DELIVERED, delivered, "Seattle, US")))
                .build();
        assertThat(versions.get(versions.size() - 1)).isEqualTo(expected);
        assertThat(versions.get(1).getWarehouseId()).isEqualTo("WH-SEA-1");
        assertThat(views().get(ORDER)).isEqualTo(expected);
        assertThat(deadlineEntries()).isEmpty();
    }

    @Test
    void aFulfillmentEventBeforeItsOrderWaitsForTheOrderInsteadOfBeingLost() {
        Instant picked = PLACED_AT.plus(Duration.ofHours(2));
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PLACED, 1, PLACED_AT.plusSeconds(1)), PLACED_AT.plusSeconds(1));
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked);
        assertThat(tracking.isEmpty()).isTrue();

        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), picked.plusSeconds(5));

        OrderTracking expected = view(PICKED, picked)
                .setWarehouseId("WH-SEA-1")
                .setTimeline(List.of(new TrackingStep(PLACED, PLACED_AT, null), new TrackingStep(PICKED, picked, "WH-SEA-1")))
                .build();
        assertThat(tracking.readKeyValuesToList()).containsExactly(KeyValue.pair(ORDER, expected));
        try (var parked = driver.<String, FulfillmentEvent>getKeyValueStore(TrackingTopology.PARKED_STORE).all()) {
            assertThat(parked.hasNext()).isFalse();
        }
    }

    @Test
    void aRedeliveredStepChangesNothingAndEmitsNothing() {
        Instant picked = PLACED_AT.plus(Duration.ofHours(2));
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked);
        tracking.readValuesToList();

        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked.plusSeconds(30));
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), picked.plusSeconds(31));

        assertThat(tracking.isEmpty()).isTrue();
    }

    @Test
    void aStalledOrderBecomesLateAtTheEndOfItsPromisedDayWithoutANewEvent() {
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        tracking.readValuesToList();

        driver.advanceWallClockTime(Duration.between(PLACED_AT, LATE_FROM.minusSeconds(60)));
        assertThat(tracking.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(90));
        OrderTracking expected = view(PLACED, LATE_FROM)
                .setLate(true)
                .setTimeline(List.of(new TrackingStep(PLACED, PLACED_AT, null)))
                .build();
        assertThat(tracking.readKeyValuesToList()).containsExactly(KeyValue.pair(ORDER, expected));
        assertThat(deadlineEntries()).isEmpty();

        driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(tracking.isEmpty()).isTrue();
    }

    @Test
    void aCancelledOrderShowsItsCancellationStepAndIsNeverLate() {
        Instant cancelledAt = PLACED_AT.plusSeconds(600);
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PLACED, 1, PLACED_AT), PLACED_AT);
        fulfillment.pipeInput(ORDER, FulfillmentEvent.newBuilder(Orders.step(ORDER, PLACED, 2, cancelledAt))
                .setStatus(com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED).setPreviousStatus(PLACED)
                .setCausedBy("r-1").build(), cancelledAt);

        List<OrderTracking> versions = tracking.readValuesToList();
        assertThat(versions).extracting(OrderTracking::getPaymentStatus).as("voided, never captured")
                .containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED);
        OrderTracking cancelled = versions.get(2);
        assertThat(cancelled.getStatus()).isEqualTo(com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED);
        assertThat(cancelled.getTimeline()).extracting(TrackingStep::getStatus)
                .containsExactly(PLACED, com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED);
        assertThat(deadlineEntries()).as("no deadline to watch for a cancelled order").isEmpty();
        driver.advanceWallClockTime(Duration.between(PLACED_AT, LATE_FROM.plus(Duration.ofDays(1))));
        assertThat(tracking.isEmpty()).as("never flagged late").isTrue();
        assertThat(views().get(ORDER).getLate()).isFalse();
    }

    @Test
    void anOrderDeliveredOnItsPromisedDayIsNotLateEvenWhenTheNewsComesAfterTheDeadline() {
        Instant delivered = Instant.parse("2026-05-08T17:00:00Z");
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        driver.advanceWallClockTime(Duration.between(PLACED_AT, LATE_FROM.plus(Duration.ofHours(8))));
        assertThat(tracking.readValuesToList()).extracting(OrderTracking::getLate).containsExactly(false, true);

        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, delivered), delivered);

        OrderTracking latest = tracking.readValue();
        assertThat(latest.getLate()).isFalse();
        assertThat(latest.getDeliveredAt()).isEqualTo(delivered);
        assertThat(latest.getStatus()).isEqualTo(DELIVERED);
    }

    @Test
    void anOrderDeliveredAfterItsPromisedDayStaysLate() {
        Instant delivered = Instant.parse("2026-05-10T11:00:00Z");
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);

        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, delivered), delivered);

        assertThat(tracking.readValuesToList()).extracting(OrderTracking::getLate).containsExactly(false, true);
        assertThat(deadlineEntries()).isEmpty();
    }

    @Test
    void aDigitalOrderHasNoDestinationAndIsDeliveredAtOnce() {
        String digital = Orders.digitalId(1);
        Instant delivered = PLACED_AT.plusSeconds(2);
        placed.pipeInput(digital, Orders.placedDigital(digital, PLACED_AT, PLACED_AT.atZone(java.time.ZoneOffset.UTC).toLocalDate()), PLACED_AT);
        fulfillment.pipeInput(digital, Orders.step(digital, DELIVERED, 2, delivered), delivered);

        OrderTracking latest = tracking.readValuesToList().get(1);
        assertThat(latest.getChannel()).isEqualTo(Channel.DIGITAL);
        assertThat(latest.getDestinationCity()).isNull();
        assertThat(latest.getItemCount()).isEqualTo(1);
        assertThat(latest.getTimeline()).containsExactly(new TrackingStep(PLACED, PLACED_AT, null),
                new TrackingStep(DELIVERED, delivered, null));
        assertThat(latest.getLate()).isFalse();
    }

    @Test
    void eventsWhoseOrderNeverComesAreDroppedAfterTheRetention() {
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, PLACED_AT), PLACED_AT);
        stepOfR1(AUTHORIZED, 1, PLACED_AT);
        refunds.pipeInput(ORDER, Returns.refund(ORDER, R1, PLACED_AT, KINDLE, 1, KINDLE_PRICE), PLACED_AT);
        assertThat(parkedCount()).isEqualTo(3);

        driver.advanceWallClockTime(Duration.ofDays(7).plusMinutes(2));

        assertThat(parkedCount()).isZero();
        assertThat(tracking.isEmpty()).isTrue();
    }

    @Test
    void aReturnShowsItsLatestStatusAtEachStepAndItsRefundedAmountOnceRefunded() {
        deliverOrder();
        Instant received = IN_TRANSIT_AT.plus(Duration.ofDays(2));
        Instant refunded = received.plusSeconds(1);

        stepOfR1(AUTHORIZED, 1, AUTHORIZED_AT);
        stepOfR1(IN_TRANSIT, 2, IN_TRANSIT_AT);
        stepOfR1(RECEIVED, 3, received);
        stepOfR1(REFUNDED, 4, refunded);
        refunds.pipeInput(ORDER, Returns.refund(ORDER, R1, refunded, KINDLE, 1, KINDLE_PRICE), refunded);

        OrderTracking done = deliveredView(refunded)
                .setReturns(List.of(entry(R1, "req-1", REFUNDED, 4, KINDLE, 1, KINDLE_PRICE)))
                .setRefunds(List.of(new TrackingRefund(Returns.refundId(R1), R1, KINDLE_PRICE)))
                .setPaymentStatus(PaymentStatus.PARTIALLY_REFUNDED)
                .build();
        assertThat(tracking.readValuesToList()).as("the refund, already counted from REFUNDED, adds no version")
                .containsExactly(
                        deliveredView(AUTHORIZED_AT).setReturns(List.of(entry(R1, "req-1", AUTHORIZED, 1, KINDLE, 1, null))).build(),
                        deliveredView(IN_TRANSIT_AT).setReturns(List.of(entry(R1, "req-1", IN_TRANSIT, 2, KINDLE, 1, null))).build(),
                        deliveredView(received).setReturns(List.of(entry(R1, "req-1", RECEIVED, 3, KINDLE, 1, null))).build(),
                        done);
        assertThat(views().get(ORDER)).isEqualTo(done);
        assertThat(done.toString()).doesNotContain("Ada", "Terry", "98109", "C-1001", "Kindle");
    }

    @Test
    void aDeclinedRequestIsShownWithoutReturnId() {
        deliverOrder();
        Instant decided = DELIVERED_AT.plus(Duration.ofDays(1));

        returns.pipeInput(ORDER, Returns.declined(ORDER, "req-9", decided, KINDLE, 3), decided);
        returns.pipeInput(ORDER, Returns.declined(ORDER, "req-9", decided, KINDLE, 3), decided.plusSeconds(5));

        OrderTracking expected = deliveredView(decided)
                .setReturns(List.of(entry(null, "req-9", DECLINED, 1, KINDLE, 3, null)))
                .build();
        assertThat(tracking.readValuesToList()).as("the re-delivered decline adds nothing").containsExactly(expected);
        assertThat(views().get(ORDER)).isEqualTo(expected);
    }

    @Test
    void twoReturnsAreTwoEntriesInTheOrderTheyWereDecidedAndRefundingBothRefundsThePayment() {
        deliverOrder();
        String r2 = Returns.returnId(ORDER, 2);
        Instant first = DELIVERED_AT.plus(Duration.ofDays(1));
        Instant declined = first.plusSeconds(60);
        Instant second = first.plusSeconds(120);
        Instant firstRefunded = first.plus(Duration.ofDays(4));
        Instant secondRefunded = firstRefunded.plus(Duration.ofDays(1));
        long kindles = 2 * KINDLE_PRICE;

        returns.pipeInput(ORDER, Returns.step(ORDER, R1, "req-1", AUTHORIZED, 1, first, KINDLE, 2, 0), first);
        returns.pipeInput(ORDER, Returns.declined(ORDER, "req-2", declined, KINDLE, 1), declined);
        returns.pipeInput(ORDER, Returns.step(ORDER, r2, "req-3", AUTHORIZED, 1, second, BOOK, 1, 0), second);
        refunds.pipeInput(ORDER, Returns.refund(ORDER, R1, firstRefunded, KINDLE, 2, KINDLE_PRICE), firstRefunded);
        returns.pipeInput(ORDER, Returns.step(ORDER, R1, "req-1", REFUNDED, 4, firstRefunded, KINDLE, 2, kindles),
                firstRefunded);
        refunds.pipeInput(ORDER, Returns.refund(ORDER, r2, secondRefunded, BOOK, 1, 799), secondRefunded);
        returns.pipeInput(ORDER, Returns.step(ORDER, r2, "req-3", REFUNDED, 4, secondRefunded, BOOK, 1, 799),
                secondRefunded);

        List<OrderTracking> versions = tracking.readValuesToList();
        assertThat(versions).extracting(OrderTracking::getPaymentStatus).containsExactly(PaymentStatus.CAPTURED,
                PaymentStatus.CAPTURED, PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED,
                PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED, PaymentStatus.REFUNDED);
        assertThat(versions.get(3).getReturns()).as("paid back, but its return not yet told REFUNDED")
                .extracting(TrackingReturn::getStatus, TrackingReturn::getRefundAmount)
                .containsExactly(Tuple.tuple(AUTHORIZED, null),
                        Tuple.tuple(DECLINED, null),
                        Tuple.tuple(AUTHORIZED, null));
        OrderTracking expected = deliveredView(secondRefunded)
                .setReturns(List.of(entry(R1, "req-1", REFUNDED, 4, KINDLE, 2, kindles),
                        entry(null, "req-2", DECLINED, 1, KINDLE, 1, null),
                        entry(r2, "req-3", REFUNDED, 4, BOOK, 1, 799L)))
                .setRefunds(List.of(new TrackingRefund(Returns.refundId(R1), R1, kindles),
                        new TrackingRefund(Returns.refundId(r2), r2, 799L)))
                .setPaymentStatus(PaymentStatus.REFUNDED)
                .build();
        assertThat(versions.get(versions.size() - 1)).isEqualTo(expected);
        assertThat(views().get(ORDER)).isEqualTo(expected);
    }

    @Test
    void aRedeliveredReturnEventOrRefundChangesNothingAndEmitsNothing() {
        deliverOrder();
        Instant refunded = IN_TRANSIT_AT.plus(Duration.ofDays(2));
        stepOfR1(AUTHORIZED, 1, AUTHORIZED_AT);
        stepOfR1(IN_TRANSIT, 2, IN_TRANSIT_AT);
        refunds.pipeInput(ORDER, Returns.refund(ORDER, R1, refunded, KINDLE, 1, KINDLE_PRICE), refunded);
        OrderTracking before = tracking.readValuesToList().get(2);

        stepOfR1(AUTHORIZED, 1, AUTHORIZED_AT, refunded.plusSeconds(1));
        stepOfR1(IN_TRANSIT, 2, IN_TRANSIT_AT, refunded.plusSeconds(2));
        refunds.pipeInput(ORDER, Returns.refund(ORDER, R1, refunded, KINDLE, 1, KINDLE_PRICE), refunded.plusSeconds(3));

        assertThat(tracking.isEmpty()).isTrue();
        assertThat(views().get(ORDER)).isEqualTo(before);
        assertThat(before).isEqualTo(deliveredView(IN_TRANSIT_AT)
                .setReturns(List.of(entry(R1, "req-1", IN_TRANSIT, 2, KINDLE, 1, null)))
                .setRefunds(List.of(new TrackingRefund(Returns.refundId(R1), R1, KINDLE_PRICE)))
                .setPaymentStatus(PaymentStatus.PARTIALLY_REFUNDED)
                .build());
    }

    @Test
    void returnEventsAndRefundsBeforeTheirOrderWaitForTheOrder() {
        Instant refunded = AUTHORIZED_AT.plus(Duration.ofDays(3));
        stepOfR1(AUTHORIZED, 1, AUTHORIZED_AT);
        refunds.pipeInput(ORDER, Returns.refund(ORDER, R1, refunded, KINDLE, 1, KINDLE_PRICE), refunded);
        stepOfR1(REFUNDED, 4, refunded);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, DELIVERED_AT), DELIVERED_AT);
        assertThat(tracking.isEmpty()).isTrue();

        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), refunded.plusSeconds(5));

        OrderTracking expected = view(DELIVERED, refunded)
                .setWarehouseId("WH-SEA-1")
                .setDeliveredAt(DELIVERED_AT)
                .setTimeline(List.of(new TrackingStep(PLACED, PLACED_AT, null),
                        new TrackingStep(DELIVERED, DELIVERED_AT, "Seattle, US")))
                .setReturns(List.of(entry(R1, "req-1", REFUNDED, 4, KINDLE, 1, KINDLE_PRICE)))
                .setRefunds(List.of(new TrackingRefund(Returns.refundId(R1), R1, KINDLE_PRICE)))
                .setPaymentStatus(PaymentStatus.PARTIALLY_REFUNDED)
                .build();
        assertThat(tracking.readKeyValuesToList()).containsExactly(KeyValue.pair(ORDER, expected));
        assertThat(parkedCount()).isZero();
    }

    @Test
    void thePaymentIsAuthorizedWhenPlacedCapturedWhenShippedAndRefundedAsRefundsAddUpToTheTotal() {
        pipeDelivery();
        Instant later = DELIVERED_AT.plus(Duration.ofDays(5));
        refunds.pipeInput(ORDER, Returns.refund(ORDER, Returns.returnId(ORDER, 1), later, BOOK, 1, 799), later);
        refunds.pipeInput(ORDER, Returns.refund(ORDER, Returns.returnId(ORDER, 2), later, KINDLE, 2, KINDLE_PRICE), later);

        assertThat(tracking.readValuesToList()).extracting(OrderTracking::getStatus, OrderTracking::getPaymentStatus)
                .containsExactly(
                        Tuple.tuple(PLACED, PaymentStatus.AUTHORIZED),
                        Tuple.tuple(PLACED, PaymentStatus.AUTHORIZED),
                        Tuple.tuple(PICKED, PaymentStatus.AUTHORIZED),
                        Tuple.tuple(PACKED, PaymentStatus.AUTHORIZED),
                        Tuple.tuple(SHIPPED, PaymentStatus.CAPTURED),
                        Tuple.tuple(DELIVERED, PaymentStatus.CAPTURED),
                        Tuple.tuple(DELIVERED, PaymentStatus.PARTIALLY_REFUNDED),
                        Tuple.tuple(DELIVERED, PaymentStatus.REFUNDED));
    }

    @Test
    void aDigitalOrdersPaymentIsCapturedWhenItIsDelivered() {
        String digital = Orders.digitalId(2);
        Instant delivered = PLACED_AT.plusSeconds(2);
        placed.pipeInput(digital, Orders.placedDigital(digital, PLACED_AT, PROMISED), PLACED_AT);
        fulfillment.pipeInput(digital, Orders.step(digital, DELIVERED, 2, delivered), delivered);

        assertThat(tracking.readValuesToList()).extracting(OrderTracking::getPaymentStatus)
                .containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
    }

    /** A step of the order's first return: one Kindle, refunded at its price. */
    private void stepOfR1(ReturnStatus status, int sequence, Instant at) {
        stepOfR1(status, sequence, at, at);
    }

    /** The same, arriving at {@code arrival}: a re-delivery comes later than the event happened. */
    private void stepOfR1(ReturnStatus status, int sequence, Instant at, Instant arrival) {
        returns.pipeInput(ORDER, Returns.step(ORDER, R1, "req-1", status, sequence, at, KINDLE, 1, KINDLE_PRICE), arrival);
    }

    /** The order placed, picked, packed, shipped and delivered, its versions read. */
    private void deliverOrder() {
        pipeDelivery();
        tracking.readValuesToList();
    }

    /** The order placed, then each step from PLACED to DELIVERED. */
    private void pipeDelivery() {
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PLACED, 1, PLACED_AT), PLACED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, PICKED_AT), PICKED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PACKED, 3, PACKED_AT), PACKED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, SHIPPED, 4, SHIPPED_AT), SHIPPED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, DELIVERED_AT), DELIVERED_AT);
    }

    /** The view of the order {@link #deliverOrder} delivered, as of {@code updatedAt}. */
    private static OrderTracking.Builder deliveredView(Instant updatedAt) {
        return view(DELIVERED, updatedAt)
                .setWarehouseId("WH-SEA-1")
                .setCarrier("UPS")
                .setTrackingNumber("1Z999AA10123456784")
                .setDeliveredAt(DELIVERED_AT)
                .setPaymentStatus(PaymentStatus.CAPTURED)
                .setTimeline(List.of(
                        new TrackingStep(PLACED, PLACED_AT, null),
                        new TrackingStep(PICKED, PICKED_AT, "WH-SEA-1"),
                        new TrackingStep(PACKED, PACKED_AT, "WH-SEA-1"),
                        new TrackingStep(SHIPPED, SHIPPED_AT, "WH-SEA-1"),
                        new TrackingStep(DELIVERED, DELIVERED_AT, "Seattle, US")));
    }

    private static TrackingReturn entry(String returnId, String requestId, ReturnStatus status, int sequence, String sku,
                                        int quantity, Long refundAmount) {
        return new TrackingReturn(returnId, requestId, status, sequence, List.of(new TrackingReturnItem(sku, quantity)),
                refundAmount);
    }

    private static OrderTracking.Builder view(com.orderpipeline.schemas.avro.FulfillmentStatus status, Instant updatedAt) {
        return OrderTracking.newBuilder()
                .setOrderId(ORDER)
                .setStatus(status)
                .setPlacedAt(PLACED_AT)
                .setUpdatedAt(updatedAt)
                .setChannel(Channel.PHYSICAL)
                .setItemCount(3)
                .setDestinationCity("Seattle")
                .setDestinationCountry("US")
                .setWarehouseId(null)
                .setCarrier(null)
                .setTrackingNumber(null)
                .setPromisedBy(PROMISED)
                .setDeliveredAt(null)
                .setLate(false)
                .setCurrency("USD")
                .setReturns(List.of())
                .setRefunds(List.of())
                .setPaymentStatus(PaymentStatus.AUTHORIZED)
                .setEstimatedDelivery(PROMISED);
    }

    private int parkedCount() {
        int count = 0;
        for (String store : List.of(TrackingTopology.PARKED_STORE, TrackingTopology.PARKED_RETURNS_STORE,
                TrackingTopology.PARKED_REFUNDS_STORE)) {
            try (var all = driver.getKeyValueStore(store).all()) {
                while (all.hasNext()) {
                    all.next();
                    count++;
                }
            }
        }
        return count;
    }

    private KeyValueStore<String, OrderTracking> views() {
        return driver.getKeyValueStore(TrackingTopology.VIEW_STORE);
    }

    private List<KeyValue<String, String>> deadlineEntries() {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (var all = driver.<String, String>getKeyValueStore(TrackingTopology.DEADLINE_STORE).all()) {
            all.forEachRemaining(entries::add);
        }
        return entries;
    }
}

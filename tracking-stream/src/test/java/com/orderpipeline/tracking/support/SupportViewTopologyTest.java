package com.orderpipeline.tracking.support;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.Payment;
import com.orderpipeline.schemas.avro.PaymentMethod;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Rejections;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.testing.TrackingDriver;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The support view of the tracking topology on TopologyTestDriver: what support reads of an order (its personal
 * data, timeline, rejections, cancellation, returns and refunds), read from the stores as the API reads them.
 */
class SupportViewTopologyTest {
    private static final Instant AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");
    private static final String ORDER = Orders.physicalId(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;
    private TrackingDriver pipeline;

    @BeforeEach
    void startDriver() {
        pipeline = new TrackingDriver("support", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), AT, view -> { });
    }

    @AfterEach
    void closeDriver() {
        pipeline.close();
    }

    @Test
    void showsTheOrderWithItsPersonalDataPricesAndTimeline() {
        place(ORDER);
        deliver(ORDER);

        JsonNode view = supportView(ORDER).orElseThrow();
        assertThat(view.path("customerId").asText()).isEqualTo("C-1001");
        assertThat(view.path("contactEmail").asText()).isEqualTo("ada@example.com");
        assertThat(view.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(view.path("items").get(0).path("unitPrice").asLong()).isEqualTo(14_999L);
        assertThat(view.path("total").asLong()).isEqualTo(30_797L);
        assertThat(view.path("shipTo").path("line1").asText()).isEqualTo("410 Terry Ave N");
        assertThat(view.path("shipTo").path("postalCode").asText()).isEqualTo("98109");
        assertThat(view.path("payment").path("label").asText()).isEqualTo("Visa ending in 4242");
        assertThat(view.path("payment").path("status").asText()).isEqualTo("CAPTURED");
        assertThat(view.path("timeline")).extracting(step -> step.path("status").asText())
                .containsExactly("PLACED", "PICKED", "PACKED", "SHIPPED", "DELIVERED");
        JsonNode shipped = view.path("timeline").get(3);
        assertThat(shipped.path("warehouseId").asText()).isEqualTo("WH-SEA-1");
        assertThat(shipped.path("carrier").asText()).isEqualTo("UPS");
        assertThat(shipped.path("trackingNumber").asText()).isEqualTo("1Z999AA10123456784");
        assertThat(shipped.path("sequence").asInt()).isEqualTo(4);
        assertThat(view.path("cancellation").isNull()).isTrue();
        assertThat(view.path("rejections")).isEmpty();
        assertThat(view.path("returns")).isEmpty();
        assertThat(view.path("refunds")).isEmpty();
    }

    @Test
    void showsEveryRejectedScanAndRequestInTheOrderTheyHappened() {
        place(ORDER);
        deliver(ORDER);
        Instant scanAt = AT.plus(Duration.ofHours(4));
        Instant requestAt = AT.plus(Duration.ofHours(6));
        Instant returnScanAt = AT.plus(Duration.ofDays(4));
        pipeline.rejectedReturnScans.pipeInput(ORDER, Rejections.receivedTooEarly(ORDER, Returns.returnId(ORDER, 1),
                "rscan-1", returnScanAt), returnScanAt);
        pipeline.rejectedScans.pipeInput(ORDER, Rejections.wrongWarehouse(ORDER, "scan-9", PACKED, scanAt), scanAt);
        pipeline.rejectedRequests.pipeInput(ORDER, Rejections.tooLate(ORDER, "req-7", requestAt), requestAt);

        JsonNode rejections = supportView(ORDER).orElseThrow().path("rejections");
        assertThat(rejections).extracting(r -> r.path("kind").asText() + " " + r.path("id").asText() + " "
                        + r.path("reason").asText() + " " + r.path("status").asText())
                .containsExactly("SCAN scan-9 WRONG_WAREHOUSE PACKED", "REQUEST req-7 TOO_LATE SHIPPED",
                        "RETURN_SCAN rscan-1 INVALID_TRANSITION AUTHORIZED");
        assertThat(rejections.get(0).path("warehouseId").asText()).isEqualTo("WH-PDX-2");
        assertThat(rejections.get(0).path("type").asText()).isEqualTo("SHIPPED");
        assertThat(rejections.get(1).path("message").asText()).startsWith("it has shipped");
        assertThat(rejections.get(2).path("at").asText()).isEqualTo(returnScanAt.toString());
    }

    @Test
    void aRejectionDeliveredTwiceIsOneLineAndOnlyTheNewestHundredAreKept() {
        place(ORDER);
        Instant first = AT.plusSeconds(60);
        pipeline.rejectedScans.pipeInput(ORDER, Rejections.wrongWarehouse(ORDER, "scan-0", PLACED, first), first);
        pipeline.rejectedScans.pipeInput(ORDER, Rejections.wrongWarehouse(ORDER, "scan-0", PLACED, first), first);
        assertThat(supportView(ORDER).orElseThrow().path("rejections")).hasSize(1);

        int total = TrackingTopology.MAX_REJECTIONS_PER_ORDER + 5;
        for (int i = 1; i < total; i++) {
            Instant at = first.plusSeconds(i);
            pipeline.rejectedScans.pipeInput(ORDER, Rejections.wrongWarehouse(ORDER, "scan-" + i, PLACED, at), at);
        }

        JsonNode rejections = supportView(ORDER).orElseThrow().path("rejections");
        assertThat(rejections).hasSize(TrackingTopology.MAX_REJECTIONS_PER_ORDER);
        assertThat(rejections.get(0).path("id").asText()).isEqualTo("scan-5");
        assertThat(rejections.get(rejections.size() - 1).path("id").asText()).isEqualTo("scan-" + (total - 1));
    }

    @Test
    void showsTheCancellationWithItsReasonWhoAskedAndTheRequest() {
        place(ORDER);
        Instant cancelledAt = AT.plus(Duration.ofMinutes(20));
        FulfillmentEvent cancelled = FulfillmentEvent.newBuilder(Orders.step(ORDER, CANCELLED, 2, cancelledAt))
                .setPreviousStatus(PLACED).setCausedBy("req-3")
                .setCancellation(new Cancellation(CancellationReason.CUSTOMER_REQUEST, RequestedBy.SUPPORT)).build();
        pipeline.fulfillment.pipeInput(ORDER, cancelled, cancelledAt);

        JsonNode view = supportView(ORDER).orElseThrow();
        assertThat(view.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(view.path("cancellation").path("reason").asText()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(view.path("cancellation").path("requestedBy").asText()).isEqualTo("SUPPORT");
        assertThat(view.path("cancellation").path("requestId").asText()).isEqualTo("req-3");
        assertThat(view.path("cancellation").path("at").asText()).isEqualTo(cancelledAt.toString());
        assertThat(view.path("payment").path("status").asText()).isEqualTo("VOIDED");
    }

    @Test
    void showsTheReturnsWithTheirLinesAndStatusesAndTheRefundsWithTheirAmounts() {
        place(ORDER);
        deliver(ORDER);
        String returnId = Returns.returnId(ORDER, 1);
        Instant declinedAt = AT.plus(Duration.ofDays(4));
        pipeline.returns.pipeInput(ORDER, Returns.declined(ORDER, "req-r0", declinedAt, Returns.KINDLE, 5), declinedAt);
        List<ReturnStatus> steps = List.of(ReturnStatus.AUTHORIZED, ReturnStatus.IN_TRANSIT, ReturnStatus.RECEIVED,
                ReturnStatus.REFUNDED);
        for (int i = 0; i < steps.size(); i++) {
            Instant at = declinedAt.plus(Duration.ofHours(i + 1));
            pipeline.returns.pipeInput(ORDER, Returns.step(ORDER, returnId, "req-r1", steps.get(i), i + 1, at,
                    Returns.KINDLE, 1, Returns.KINDLE_PRICE), at);
        }
        Instant refundedAt = declinedAt.plus(Duration.ofHours(3));
        pipeline.refunds.pipeInput(ORDER, Returns.refund(ORDER, returnId, refundedAt, Returns.KINDLE, 1,
                Returns.KINDLE_PRICE), refundedAt);

        JsonNode view = supportView(ORDER).orElseThrow();
        JsonNode returns = view.path("returns");
        assertThat(returns).hasSize(2);
        assertThat(returns.get(0).path("requestId").asText()).isEqualTo("req-r0");
        assertThat(returns.get(0).path("status").asText()).isEqualTo("DECLINED");
        assertThat(returns.get(0).path("declineReason").asText()).isEqualTo("QUANTITY_EXCEEDED");
        JsonNode refunded = returns.get(1);
        assertThat(refunded.path("returnId").asText()).isEqualTo(returnId);
        assertThat(refunded.path("status").asText()).isEqualTo("REFUNDED");
        assertThat(refunded.path("history")).extracting(step -> step.path("status").asText())
                .containsExactly("AUTHORIZED", "IN_TRANSIT", "RECEIVED", "REFUNDED");
        assertThat(refunded.path("items").get(0).path("condition").asText()).isEqualTo("SELLABLE");
        assertThat(refunded.path("trackingNumber").asText()).isEqualTo("1Z999AA10199999999");
        assertThat(refunded.path("refundAmount").asLong()).isEqualTo(Returns.KINDLE_PRICE);
        JsonNode refund = view.path("refunds").get(0);
        assertThat(view.path("refunds")).hasSize(1);
        assertThat(refund.path("refundId").asText()).isEqualTo(Returns.refundId(returnId));
        assertThat(refund.path("amount").asLong()).isEqualTo(Returns.KINDLE_PRICE);
        assertThat(refund.path("currency").asText()).isEqualTo("USD");
        assertThat(refund.path("issuedAt").asText()).isEqualTo(refundedAt.toString());
        assertThat(view.path("payment").path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    }

    @Test
    void anOrderNeverPlacedHasNoSupportViewAndTheHistoryKeepsNoPersonalData() {
        String unknown = Orders.physicalId(41);
        pipeline.rejectedScans.pipeInput(unknown, Rejections.wrongWarehouse(unknown, "scan-x", null, AT), AT);
        assertThat(supportView(unknown)).isEmpty();

        place(ORDER);
        deliver(ORDER);
        List<String> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> all = pipeline.<String>store(TrackingTopology.SUPPORT_HISTORY_STORE).all()) {
            all.forEachRemaining(entry -> entries.add(entry.value));
        }
        assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(entry)
                .doesNotContain("Ada", "Terry", "98109", "ada@example.com", "4242"));
    }

    private void place(String orderId) {
        OrderPlaced order = OrderPlaced.newBuilder(Orders.placed(orderId, AT, PROMISED))
                .setContactEmail("ada@example.com")
                .setPayment(new Payment(PaymentMethod.CARD, "Visa ending in 4242"))
                .build();
        pipeline.placed.pipeInput(orderId, order, AT);
    }

    private void deliver(String orderId) {
        List<FulfillmentStatus> steps = List.of(PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        for (int i = 0; i < steps.size(); i++) {
            Instant at = AT.plus(Duration.ofHours(i + 1));
            pipeline.fulfillment.pipeInput(orderId, Orders.step(orderId, steps.get(i), i + 1, at), at);
        }
    }

    private Optional<JsonNode> supportView(String orderId) {
        return SupportQueries.read(new SupportView(Json.mapper()), pipeline.store(TrackingTopology.DETAILS_STORE),
                        pipeline.store(TrackingTopology.VIEW_STORE), pipeline.store(TrackingTopology.SUPPORT_HISTORY_STORE),
                        orderId)
                .map(SupportViewTopologyTest::parse);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}

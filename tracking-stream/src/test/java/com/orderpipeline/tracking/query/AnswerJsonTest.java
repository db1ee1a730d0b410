package com.orderpipeline.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.PaymentStatus;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.TrackingRefund;
import com.orderpipeline.schemas.avro.TrackingReturn;
import com.orderpipeline.schemas.avro.TrackingReturnItem;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.topology.TrackingViews;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The public JSON of an order: its returns and currency in, what the store keeps for other views out. */
class AnswerJsonTest {
    private static final String ORDER = Orders.physicalId(7);
    private static final String R1 = Returns.returnId(ORDER, 1);
    private static final AnswerJson ANSWERS = new AnswerJson(Json.mapper());

    @Test
    void listsTheReturnsWithTheirRefundedAmountsAndLeavesThePaymentOut() throws Exception {
        String body = ANSWERS.write(found(storedView()));

        JsonNode json = Json.mapper().readTree(body);
        assertThat(json.path("currency").asText()).isEqualTo("USD");
        assertThat(json.path("returns")).hasSize(2);
        assertThat(json.path("returns").get(0).toString()).isEqualTo("{\"returnId\":\"" + R1 + "\",\"requestId\":\"req-1\","
                + "\"status\":\"REFUNDED\",\"items\":[{\"sku\":\"B00X4WHP5E\",\"quantity\":1}],\"refundAmount\":14999}");
        assertThat(json.path("returns").get(1).toString()).isEqualTo("{\"returnId\":null,\"requestId\":\"req-2\","
                + "\"status\":\"DECLINED\",\"items\":[{\"sku\":\"0141439513\",\"quantity\":3}],\"refundAmount\":null}");
        assertThat(json.has("paymentStatus")).isFalse();
        assertThat(json.has("refunds")).isFalse();
        assertThat(body).doesNotContain("REFUNDED\",\"sequence", "PARTIALLY_REFUNDED", "refund-");
    }

    @Test
    void readsBackWhatItWrote() {
        Lookup.Found found = found(storedView());

        assertThat(ANSWERS.read(ANSWERS.write(found), "owner:8083").view()).isEqualTo(found.view());
    }

    private static Lookup.Found found(OrderTracking view) {
        return new Lookup.Found(TrackingView.of(view), false, "here:8083", Optional.empty());
    }

    private static OrderTracking storedView() {
        OrderTracking placed = TrackingViews.placed(Orders.placed(ORDER, Instant.parse("2026-05-04T09:15:00Z"),
                LocalDate.parse("2026-05-08")));
        return OrderTracking.newBuilder(placed)
                .setReturns(List.of(
                        new TrackingReturn(R1, "req-1", ReturnStatus.REFUNDED, 4,
                                List.of(new TrackingReturnItem(Returns.KINDLE, 1)), Returns.KINDLE_PRICE),
                        new TrackingReturn(null, "req-2", ReturnStatus.DECLINED, 1,
                                List.of(new TrackingReturnItem(Returns.BOOK, 3)), null)))
                .setRefunds(List.of(new TrackingRefund(Returns.refundId(R1), R1, Returns.KINDLE_PRICE)))
                .setPaymentStatus(PaymentStatus.PARTIALLY_REFUNDED)
                .build();
    }
}

package com.orderpipeline.orderid.http;

import static com.orderpipeline.orderid.http.RunningService.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.RequestedBy;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /orders/{id}/cancellation} against the embedded broker: what a shop or support agent sees. */
class CancellationApiIT extends OrderRequestApiContract<CancellationRequested> {
    private static final String CANCELLATION = """
            {"reason": "CUSTOMER_REQUEST", "requestedBy": "CUSTOMER", "note": "Ordered the wrong size"}""";

    @Test
    void writesTheRequestAndAnswers202WithItsRequestIdOnceKafkaHasIt() throws Exception {
        String orderId = service.placeOrder();

        HttpResponse<String> response = post(orderId, CANCELLATION, Map.of());

        JsonNode body = assertRequested(response, orderId);
        assertThat(requestsOnTopic(orderId)).singleElement().satisfies(record -> {
            CancellationRequested request = record.value();
            assertThat(request.getRequestId()).isEqualTo(body.path("requestId").asText());
            assertThat(request.getCancellation().getReason()).isEqualTo(CancellationReason.CUSTOMER_REQUEST);
            assertThat(request.getCancellation().getRequestedBy()).isEqualTo(RequestedBy.CUSTOMER);
            assertThat(request.getNote()).isEqualTo("Ordered the wrong size");
        });
    }

    @Test
    void namesEveryBadFieldOfTheBody() throws Exception {
        String orderId = service.placeOrder();

        HttpResponse<String> response = post(orderId,
                "{\"reason\": \"BORED\", \"requestedBy\": \"UNKNOWN\", \"note\": \"" + "x".repeat(501) + "\", \"when\": 1}",
                Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("reason", "requestedBy", "note", "when");
        assertThat(requestsOnTopic(orderId)).isEmpty();
    }

    @Test
    void refusesANoteHoldingACardNumberAndWritesNothing() throws Exception {
        String orderId = service.placeOrder();

        HttpResponse<String> response = post(orderId, "{\"reason\": \"CUSTOMER_REQUEST\", \"requestedBy\": \"CUSTOMER\","
                + " \"note\": \"charge it to 4242 4242 4242 4242 instead\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field")).containsExactly("note");
        assertThat(requestsOnTopic(orderId)).isEmpty();
    }

    @Override
    String request() {
        return "cancellation";
    }

    @Override
    String validBody() {
        return CANCELLATION;
    }

    @Override
    String topic() {
        return service.config.topics().ordersRequests();
    }

    @Override
    Class<CancellationRequested> type() {
        return CancellationRequested.class;
    }

    @Override
    String requestIdOf(CancellationRequested request) {
        return request.getRequestId();
    }
}

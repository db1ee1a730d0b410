package com.orderpipeline.orderid.http;

import static com.orderpipeline.orderid.http.RunningService.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnRequested;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /orders/{id}/returns} against the embedded broker: what a shop or support agent sees. */
class ReturnsApiIT extends OrderRequestApiContract<ReturnRequested> {
    private static final String RETURN = """
            {"items": [{"sku": "B00X4WHP5E", "quantity": 1}], "reason": "DAMAGED",
             "comment": "The screen arrived cracked", "requestedBy": "SUPPORT"}""";

    @Test
    void writesTheRequestAndAnswers202WithItsRequestIdOnceKafkaHasIt() throws Exception {
        String orderId = service.placeOrder();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        HttpResponse<String> response = post(orderId, RETURN, Map.of());

        JsonNode body = assertRequested(response, orderId);
        assertThat(requestsOnTopic(orderId)).singleElement().satisfies(record -> {
            ReturnRequested request = record.value();
            assertThat(request.getRequestId()).isEqualTo(body.path("requestId").asText());
            assertThat(request.getOrderId()).isEqualTo(orderId);
            assertThat(request.getItems()).containsExactly(new ReturnItem("B00X4WHP5E", 1, null));
            assertThat(request.getReason()).isEqualTo(ReturnReason.DAMAGED);
            assertThat(request.getComment()).isEqualTo("The screen arrived cracked");
            assertThat(request.getRequestedBy()).isEqualTo(RequestedBy.SUPPORT);
            assertThat(request.getRequestedAt()).isBetween(before, Instant.now());
        });
    }

    @Test
    void aReturnThatNamesNoneAsksForTheCustomer() throws Exception {
        String orderId = service.placeOrder();

        HttpResponse<String> response = post(orderId,
                "{\"items\": [{\"sku\": \"B00X4WHP5E\", \"quantity\": 1}], \"reason\": \"NO_LONGER_NEEDED\"}", Map.of());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(requestsOnTopic(orderId)).singleElement().satisfies(record -> {
            assertThat(record.value().getRequestedBy()).isEqualTo(RequestedBy.CUSTOMER);
            assertThat(record.value().getComment()).isNull();
        });
    }

    @Test
    void namesEveryBadFieldOfTheBodyAndWritesNothing() throws Exception {
        String orderId = service.placeOrder();

        HttpResponse<String> response = post(orderId, """
                {"items": [{"sku": "B00X4WHP5E", "quantity": 1}, {"sku": "B00X4WHP5E", "quantity": 0}],
                 "reason": "UNKNOWN", "comment": "card 4242 4242 4242 4242", "when": 1}""", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("items[1].sku", "items[1].quantity", "reason", "comment", "when");
        assertThat(requestsOnTopic(orderId)).isEmpty();
    }

    @Test
    void refusesABodyThatIsNoJsonObjectAndWritesNothing() throws Exception {
        String orderId = service.placeOrder();

        HttpResponse<String> text = post(orderId, RETURN, Map.of("Content-Type", "text/plain"));
        HttpResponse<String> array = post(orderId, "[" + RETURN + "]", Map.of());
        HttpResponse<String> empty = post(orderId, "", Map.of());
        HttpResponse<String> badKey = post(orderId, RETURN, Map.of("Idempotency-Key", "a key"));

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(List.of(array, empty, badKey)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
        assertThat(JSON.readTree(badKey.body()).path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertThat(requestsOnTopic(orderId)).isEmpty();
    }

    @Test
    void createsItsTopicWithThePartitionsOfOrdersPlaced() throws Exception {
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            String placed = service.config.topics().ordersPlaced();
            var topics = kafka.admin().describeTopics(List.of(placed, topic())).allTopicNames().get();

            assertThat(topics.get(topic()).partitions()).hasSameSizeAs(topics.get(placed).partitions());
        }
    }

    @Override
    String request() {
        return "returns";
    }

    @Override
    String validBody() {
        return RETURN;
    }

    @Override
    String topic() {
        return service.config.topics().returnsRequests();
    }

    @Override
    Class<ReturnRequested> type() {
        return ReturnRequested.class;
    }

    @Override
    String requestIdOf(ReturnRequested request) {
        return request.getRequestId();
    }
}

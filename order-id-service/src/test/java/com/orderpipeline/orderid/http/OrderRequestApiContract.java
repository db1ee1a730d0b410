package com.orderpipeline.orderid.http;

import static com.orderpipeline.orderid.http.RunningService.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpipeline.embedded.testing.SharedKafka;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every request about a placed order ({@code POST /orders/{id}/cancellation}, {@code .../returns}) answers
 * alike, run against the embedded broker by each request's own API test.
 */
@ExtendWith(SharedKafka.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderRequestApiContract<V extends SpecificRecord> {
    /** The service under test, with topics of its own. */
    RunningService service;

    @BeforeAll
    void startService() {
        service = RunningService.start(request());
    }

    @AfterAll
    void stopService() {
        service.close();
    }

    /** The last segment of the request's path, such as {@code returns}. */
    abstract String request();

    abstract String validBody();

    abstract String topic();

    abstract Class<V> type();

    abstract String requestIdOf(V request);

    @Test
    void aRetryWithTheSameIdempotencyKeyCarriesTheSameRequestId() throws Exception {
        String orderId = service.placeOrder();
        Map<String, String> key = Map.of("Idempotency-Key", request() + "-" + System.nanoTime());

        HttpResponse<String> first = post(orderId, validBody(), key);
        HttpResponse<String> retry = post(orderId, validBody(), key);
        HttpResponse<String> unkeyed = post(orderId, validBody(), Map.of());

        assertThat(List.of(first, retry, unkeyed)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        String requestId = JSON.readTree(first.body()).path("requestId").asText();
        String unkeyedId = JSON.readTree(unkeyed.body()).path("requestId").asText();
        assertThat(JSON.readTree(retry.body()).path("requestId").asText()).isEqualTo(requestId);
        assertThat(unkeyedId).isNotEqualTo(requestId);
        assertThat(requestsOnTopic(orderId)).extracting(r -> requestIdOf(r.value()))
                .containsExactlyInAnyOrder(requestId, requestId, unkeyedId);
    }

    @Test
    void refusesAMistypedOrderIdWithItsReasonBeforeWritingAnything() throws Exception {
        String typo = RunningService.typo(service.placeOrder());

        HttpResponse<String> response = post(typo, validBody(), Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("reason").asText()).isEqualTo("CHECK_DIGIT_MISMATCH");
        assertThat(requestsOnTopic(typo)).isEmpty();
    }

    /** Asserts the 202 that says requested and points at the order's tracking resource; answers its body. */
    static JsonNode assertRequested(HttpResponse<String> response, String orderId) throws Exception {
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("orderId").asText()).isEqualTo(orderId);
        assertThat(body.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(response.headers().firstValue("Location")).hasValue("http://tracking.example/orders/" + orderId);
        return body;
    }

    HttpResponse<String> post(String orderId, String body, Map<String, String> headers) throws Exception {
        return service.post("/orders/" + orderId + "/" + request(), body, headers);
    }

    /** The requests for {@code orderId} that reached the topic, committed. */
    List<ConsumerRecord<String, V>> requestsOnTopic(String orderId) {
        return service.committed(topic(), type()).stream().filter(r -> r.key().equals(orderId)).toList();
    }
}

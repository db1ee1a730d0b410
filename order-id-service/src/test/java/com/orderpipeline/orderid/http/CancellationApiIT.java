package com.orderpipeline.orderid.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /orders/{id}/cancellation} against the embedded broker: what a shop or support agent sees. */
@ExtendWith(SharedKafka.class)
class CancellationApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CANCELLATION = """
            {"reason": "CUSTOMER_REQUEST", "requestedBy": "CUSTOMER", "note": "Ordered the wrong size"}""";

    private static OrderIdServiceConfig config;
    private static OrderIdServiceApp app;

    @BeforeAll
    static void startService() {
        config = TestConfigs.config(SharedKafka.bootstrapServers(), SharedKafka.registryUrl(), "cancel");
        app = OrderIdServiceApp.start(config, Clock.systemUTC());
    }

    @AfterAll
    static void stopService() {
        app.close();
    }

    @Test
    void writesTheRequestAndAnswers202WithItsRequestIdOnceKafkaHasIt() throws Exception {
        String orderId = placeOrder();

        HttpResponse<String> response = post("/orders/" + orderId + "/cancellation", CANCELLATION, Map.of());

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("orderId").asText()).isEqualTo(orderId);
        assertThat(body.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(response.headers().firstValue("Location")).hasValue("http://tracking.example/orders/" + orderId);
        assertThat(requestsOnTopic()).filteredOn(r -> r.key().equals(orderId)).singleElement().satisfies(record -> {
            CancellationRequested request = record.value();
            assertThat(request.getRequestId()).isEqualTo(body.path("requestId").asText());
            assertThat(request.getCancellation().getReason()).isEqualTo(CancellationReason.CUSTOMER_REQUEST);
            assertThat(request.getCancellation().getRequestedBy()).isEqualTo(RequestedBy.CUSTOMER);
            assertThat(request.getNote()).isEqualTo("Ordered the wrong size");
        });
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyCarriesTheSameRequestId() throws Exception {
        String orderId = placeOrder();
        Map<String, String> key = Map.of("Idempotency-Key", "cancel-" + System.nanoTime());

        HttpResponse<String> first = post("/orders/" + orderId + "/cancellation", CANCELLATION, key);
        HttpResponse<String> retry = post("/orders/" + orderId + "/cancellation", CANCELLATION, key);
        HttpResponse<String> unkeyed = post("/orders/" + orderId + "/cancellation", CANCELLATION, Map.of());

        assertThat(List.of(first, retry, unkeyed)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        String requestId = JSON.readTree(first.body()).path("requestId").asText();
        assertThat(JSON.readTree(retry.body()).path("requestId").asText()).isEqualTo(requestId);
        assertThat(JSON.readTree(unkeyed.body()).path("requestId").asText()).isNotEqualTo(requestId);
    }

    @Test
    void refusesAMistypedOrderIdWithItsReasonBeforeWritingAnything() throws Exception {
        String orderId = placeOrder();
        char last = orderId.charAt(orderId.length() - 1);
        String typo = orderId.substring(0, orderId.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);

        HttpResponse<String> response = post("/orders/" + typo + "/cancellation", CANCELLATION, Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("reason").asText()).isEqualTo("CHECK_DIGIT_MISMATCH");
        assertThat(requestsOnTopic()).noneMatch(r -> r.key().equals(typo));
    }

    @Test
    void namesEveryBadFieldOfTheBody() throws Exception {
        String orderId = placeOrder();

        HttpResponse<String> response = post("/orders/" + orderId + "/cancellation",
                "{\"reason\": \"BORED\", \"requestedBy\": \"UNKNOWN\", \"note\": \"" + "x".repeat(501) + "\", \"when\": 1}",
                Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("reason", "requestedBy", "note", "when");
    }

    private static String placeOrder() throws Exception {
        return JSON.readTree(post("/orders", TestConfigs.EXAMPLE_ORDER, Map.of()).body()).path("orderId").asText();
    }

    private static List<ConsumerRecord<String, CancellationRequested>> requestsOnTopic() {
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            return kafka.readCommitted(config.topics().ordersRequests(), new StringDeserializer(), new AvroDeserializer<>(
                    CancellationRequested.class, new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()))));
        }
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

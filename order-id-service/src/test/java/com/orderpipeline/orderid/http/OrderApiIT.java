package com.orderpipeline.orderid.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafka.class)
class OrderApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String EXAMPLE_ORDER = TestConfigs.EXAMPLE_ORDER;

    private static OrderIdServiceConfig config;
    private static OrderIdServiceApp app;
    private static String base;

    @BeforeAll
    static void startService() {
        config = TestConfigs.config(SharedKafka.bootstrapServers(), SharedKafka.registryUrl(), "api");
        app = OrderIdServiceApp.start(config, Clock.systemUTC());
        base = "http://localhost:" + app.httpPort();
    }

    @AfterAll
    static void stopService() {
        app.close();
    }

    @Test
    void placesAnOrderAndAnswers201OnlyWithAnIdThatIsOnTheTopic() throws Exception {
        HttpResponse<String> response = post("/orders", EXAMPLE_ORDER, Map.of());

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        String orderId = body.path("orderId").asText();
        assertThat(OrderId.parse(orderId, OrderIdRules.of("114")).canonical()).isEqualTo(orderId);
        assertThat(orderId).startsWith("114-").hasSize(19);
        assertThat(body.path("status").asText()).isEqualTo("PLACED");
        assertThat(body.path("placedAt").asText()).endsWith("Z");
        assertThat(response.headers().firstValue("Location")).hasValue("http://tracking.example/orders/" + orderId);

        OrderPlaced event = readPlaced(config.topics().ordersPlaced(), orderId);
        assertThat(event.getChannel()).isEqualTo(Channel.PHYSICAL);
        assertThat(event.getTotal()).isEqualTo(14999);
        assertThat(event.getShipTo().getCity()).isEqualTo("Seattle");
        assertThat(event.getPlacedAt().toString()).isEqualTo(body.path("placedAt").asText());
        assertThat(event.getPromisedBy().toString()).isEqualTo(body.path("promisedBy").asText());
    }

    @Test
    void placesADigitalOrderUnderTheDigitalPrefix() throws Exception {
        String digital = """
                {"customerId": "C-7", "channel": "DIGITAL", "currency": "EUR",
                 "items": [{"sku": "EBOOK-1", "title": "An e-book", "quantity": 1, "unitPrice": 999}]}""";

        HttpResponse<String> response = post("/orders", digital, Map.of());

        assertThat(response.statusCode()).isEqualTo(201);
        String orderId = JSON.readTree(response.body()).path("orderId").asText();
        assertThat(orderId).startsWith("D01-");
        assertThat(readPlaced(config.topics().ordersPlaced(), orderId).getShipTo()).isNull();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswer() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + System.nanoTime());

        HttpResponse<String> first = post("/orders", EXAMPLE_ORDER, key);
        HttpResponse<String> retry = post("/orders", EXAMPLE_ORDER, key);
        HttpResponse<String> otherOrder = post("/orders", EXAMPLE_ORDER.replace("C-1001", "C-2002"), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(otherOrder.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(otherOrder.body()).path("title").asText()).contains("Idempotency-Key reused");
    }

    @Test
    void answers400NamingEachBadField() throws Exception {
        String bad = EXAMPLE_ORDER.replace("\"USD\"", "\"dollars\"").replace("\"quantity\": 1", "\"quantity\": -1");

        HttpResponse<String> response = post("/orders", bad, Map.of());

        assertProblem(response, 400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("errors")).hasSize(2);
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("currency", "items[0].quantity");
    }

    @Test
    void answers400ForABodyThatIsNotJson() throws Exception {
        HttpResponse<String> response = post("/orders", "{\"customerId\": ", Map.of());

        assertProblem(response, 400);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).startsWith("The request body is not valid JSON");
    }

    @Test
    void answers415ForAnotherContentType() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/orders"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(EXAMPLE_ORDER)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 415);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("application/json").contains("text/plain");
    }

    @Test
    void answers413ForABodyOverTheLimit() throws Exception {
        String huge = EXAMPLE_ORDER.replace("\"C-1001\"", "\"" + "x".repeat(70_000) + "\"");

        HttpResponse<String> response = post("/orders", huge, Map.of());

        assertProblem(response, 413);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("65536 bytes");
    }

    @Test
    void checksOrderIdsAndNamesTheReasonForABadOne() throws Exception {
        String orderId = JSON.readTree(post("/orders", EXAMPLE_ORDER, Map.of()).body()).path("orderId").asText();
        String sloppy = " " + orderId.replace("-", "").toLowerCase() + " ";
        char last = orderId.charAt(orderId.length() - 1);
        String typo = orderId.substring(0, orderId.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);

        HttpResponse<String> good = get("/order-ids/" + java.net.URLEncoder.encode(sloppy, "UTF-8").replace("+", "%20"));
        HttpResponse<String> bad = get("/order-ids/" + typo);
        HttpResponse<String> shortId = get("/order-ids/114-123");

        assertThat(good.statusCode()).isEqualTo(200);
        JsonNode check = JSON.readTree(good.body());
        assertThat(check.path("orderId").asText()).isEqualTo(orderId);
        assertThat(check.path("prefix").asText()).isEqualTo("114");
        assertThat(check.path("channel").asText()).isEqualTo("PHYSICAL");
        assertProblem(bad, 400);
        assertThat(JSON.readTree(bad.body()).path("reason").asText()).isEqualTo("CHECK_DIGIT_MISMATCH");
        assertThat(JSON.readTree(bad.body()).path("detail").asText()).contains("typo");
        assertThat(JSON.readTree(shortId.body()).path("reason").asText()).isEqualTo("WRONG_LENGTH");
    }

    @Test
    void reportsReadyAndExposesKafkaClientMetrics() throws Exception {
        HttpResponse<String> live = get("/health/live");
        HttpResponse<String> ready = get("/health/ready");
        HttpResponse<String> metrics = get("/metrics");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("UP");
        assertThat(metrics.body()).contains("kafka_producer_").contains("orders_placed_total").contains("jvm_memory_used_bytes");
    }

    @Test
    void answersAnUnknownPathWithAProblem() throws Exception {
        HttpResponse<String> response = get("/nothing-here");

        assertProblem(response, 404);
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    private static HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads orders.placed from the start until the order appears (or 30 s pass). */
    static OrderPlaced readPlaced(String topic, String orderId) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<OrderPlaced> seen = new ArrayList<>();
        try (KafkaConsumer<String, OrderPlaced> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new AvroDeserializer<>(OrderPlaced.class, registry))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(orderId)) {
                        return record.value();
                    }
                    seen.add(record.value());
                }
            }
        }
        throw new AssertionError("Order " + orderId + " is not on " + topic + " (saw " + seen.size() + " others)");
    }
}

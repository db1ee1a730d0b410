package com.orderpipeline.orderid.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.orderid.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Idempotency-Key outlives the instance that first saw it: a retry after a restart, or on another instance
 * after the first one went away, gets the first order, and {@code orders.placed} holds that order once.
 */
@ExtendWith(SharedKafka.class)
class IdempotencyKeysIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORDER = TestConfigs.EXAMPLE_ORDER;

    @Test
    void aRetryAfterARestartGetsTheFirstOrderAndPlacesNothing() throws Exception {
        OrderIdServiceConfig config = TestConfigs.config(SharedKafka.bootstrapServers(), SharedKafka.registryUrl(), "idem-restart");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first;
        try (OrderIdServiceApp app = OrderIdServiceApp.start(config, Clock.systemUTC())) {
            first = post(app, key, ORDER);
        }

        HttpResponse<String> retry;
        HttpResponse<String> otherOrder;
        try (OrderIdServiceApp restarted = OrderIdServiceApp.start(config, Clock.systemUTC())) {
            retry = post(restarted, key, ORDER);
            otherOrder = post(restarted, key, ORDER.replace("C-1001", "C-2002"));
        }

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(retry.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(otherOrder.statusCode()).isEqualTo(422);
        assertThat(placedOrderIds(config)).containsExactly(orderId(first));
    }

    @Test
    void aRetryOnAnotherInstanceGetsTheFirstOrderAlsoOnceTheFirstInstanceIsGone() throws Exception {
        OrderIdServiceConfig config = TestConfigs.config(SharedKafka.bootstrapServers(), SharedKafka.registryUrl(), "idem-instances");
        String key = UUID.randomUUID().toString();
        try (OrderIdServiceApp a = OrderIdServiceApp.start(TestConfigs.asInstance(config, "a"), Clock.systemUTC());
             OrderIdServiceApp b = OrderIdServiceApp.start(TestConfigs.asInstance(config, "b"), Clock.systemUTC())) {
            HttpResponse<String> first = post(a, key, ORDER);
            await().atMost(Duration.ofSeconds(10)).until(() -> knownKeys(b) >= 1);

            HttpResponse<String> onB = post(b, key, ORDER);
            a.close();
            HttpResponse<String> onBWithoutA = post(b, key, ORDER);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(List.of(onB, onBWithoutA)).allSatisfy(retry -> {
                assertThat(retry.statusCode()).isEqualTo(201);
                assertThat(orderId(retry)).isEqualTo(orderId(first));
                assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            });
        }
        assertThat(placedOrderIds(config)).hasSize(1);
    }

    private static double knownKeys(OrderIdServiceApp app) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.matches("orders_idempotency_keys[ {].*"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static String orderId(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("orderId").asText();
    }

    private static HttpResponse<String> post(OrderIdServiceApp app, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + "/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> placedOrderIds(OrderIdServiceConfig config) {
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            return kafka.keys(config.topics().ordersPlaced());
        }
    }
}

package com.orderpipeline.orderid.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on a broker of its own, because it stops it. */
class BrokerOutageIT {
    private static final String ORDER = """
            {"customerId": "C-1", "channel": "DIGITAL", "currency": "USD",
             "items": [{"sku": "S-1", "title": "Song", "quantity": 1, "unitPrice": 129}]}""";

    @TempDir
    Path dataDir;

    @Test
    void answers503WithRetryAfterAndNoIdWhileKafkaIsDown() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
             OrderIdServiceApp app = OrderIdServiceApp.start(
                     TestConfigs.config(broker.bootstrapServers(), registry.url(), "outage"), Clock.systemUTC())) {
            URI orders = URI.create("http://localhost:" + app.httpPort() + "/orders");
            URI ready = URI.create("http://localhost:" + app.httpPort() + "/health/ready");
            assertThat(send(http, orders).statusCode()).isEqualTo(201);

            broker.close();
            long started = System.nanoTime();
            HttpResponse<String> refused = send(http, orders);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).doesNotContain("orderId").contains("not placed");
            assertThat(took).as("the answer comes within the produce timeout").isLessThan(Duration.ofSeconds(10));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(health.body()).path("components").path("kafka").asText()).startsWith("DOWN");
        } finally {
            broker.close();
        }
    }

    @Test
    void readinessTurnsUpAgainOnItsOwnOnceKafkaIsBackWithoutAnyOrder() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, 0);
             OrderIdServiceApp app = OrderIdServiceApp.start(
                     TestConfigs.config(bootstrap, registry.url(), "recovery"), Clock.systemUTC())) {
            URI orders = URI.create("http://localhost:" + app.httpPort() + "/orders");
            URI ready = URI.create("http://localhost:" + app.httpPort() + "/health/ready");
            assertThat(status(http, ready)).isEqualTo(200);

            broker.close();
            assertThat(send(http, orders).statusCode()).isEqualTo(503);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(http, ready) == 503);

            broker = EmbeddedKafkaBroker.start(dataDir, "localhost", port);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(http, ready) == 200);
            assertThat(send(http, orders).statusCode()).isEqualTo(201);
        } finally {
            broker.close();
        }
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpResponse<String> send(HttpClient http, URI orders) throws Exception {
        return http.send(HttpRequest.newBuilder(orders).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package com.orderpipeline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** devstack as a newcomer runs it: everything in one JVM with the simulators on, stopped and started again. */
class DevStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void simulatedOrdersAreDeliveredCancelledAndRefundedAndARestartKeepsThemAndIssuesNewIds() throws Exception {
        List<String> before = new ArrayList<>();
        String delivered;
        try (DevStackHarness devstack = DevStackHarness.start(dataDir, true)) {
            delivered = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> firstDelivered(devstack, before), id -> id != null);

            // the simulated shopper sends things back and the simulated carrier and returns centre take them
            String refunded = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> firstKey(devstack.bootstrapServers(), "payments.refunds"), id -> id != null);
            JsonNode view = JSON.readTree(get(devstack.trackingApi() + "/orders/" + refunded).body());
            assertThat(view.path("returns").get(0).path("status").asText()).as(view.toString()).isEqualTo("REFUNDED");
            // and cancels some orders soon after placing them (about one in 40 of these, so within a minute or so)
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> anyCancelled(devstack));
        }

        try (DevStackHarness devstack = DevStackHarness.start(dataDir, false)) {
            JsonNode view = JSON.readTree(get(devstack.trackingApi() + "/orders/" + delivered).body());
            assertThat(view.path("status").asText()).as("an order delivered before the restart is still tracked")
                    .isEqualTo("DELIVERED");
            Set<String> after = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                after.add(place(devstack));
            }
            assertThat(after).hasSize(20).doesNotContainAnyElementsOf(before);
        }
    }

    /** Lists the orders on orders.placed through tracking and answers the first DELIVERED one, if any. */
    private static String firstDelivered(DevStackHarness devstack, List<String> seen) throws Exception {
        for (String id : placedIds(devstack.bootstrapServers())) {
            if (!seen.contains(id)) {
                seen.add(id);
            }
        }
        for (String id : seen) {
            HttpResponse<String> response = get(devstack.trackingApi() + "/orders/" + id);
            if (response.statusCode() == 200 && "DELIVERED".equals(JSON.readTree(response.body()).path("status").asText())) {
                return id;
            }
        }
        return null;
    }

    private static String place(DevStackHarness devstack) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(devstack.orderApi() + "/orders"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + devstack.shopToken())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId": "C-9", "channel": "DIGITAL", "currency": "USD",
                         "items": [{"sku": "E-1", "title": "E-book", "quantity": 1, "unitPrice": 999}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("orderId").asText();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String firstKey(String bootstrapServers, String topic) {
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            return kafka.keys(topic).stream().findFirst().orElse(null);
        }
    }

    private static boolean anyCancelled(DevStackHarness devstack) {
        try (TestKafka kafka = new TestKafka(devstack.bootstrapServers())) {
            return kafka.readCommitted("orders.fulfillment", new StringDeserializer(), new AvroDeserializer<>(FulfillmentEvent.class,
                            new SchemaRegistryClient(RegistryClientConfig.of(devstack.registryUrl()))))
                    .stream().anyMatch(record -> record.value().getStatus() == FulfillmentStatus.CANCELLED);
        }
    }

    private static java.util.List<String> placedIds(String bootstrapServers) {
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            return kafka.keys("orders.placed");
        }
    }
}

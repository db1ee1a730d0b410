package com.orderpipeline.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One order's whole life through the public interfaces only: placed over HTTP, picked, packed, shipped and
 * delivered by scans a warehouse writes to Kafka with the published schema, followed on the tracking API and
 * page, then returned over HTTP, shipped back and received by return scans, and refunded. Runs unchanged against every {@link PipelineEnvironment}.
 */
abstract class OrderLifecycleScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORDER = """
            {"customerId": "C-1001", "channel": "PHYSICAL", "currency": "USD", "shippingSpeed": "STANDARD",
             "items": [{"sku": "B00X4WHP5E", "title": "Kindle Paperwhite", "quantity": 1, "unitPrice": 14999}],
             "shipTo": {"name": "Ada Lovelace", "line1": "410 Terry Ave N", "line2": null, "city": "Seattle",
                        "region": "WA", "postalCode": "98109", "country": "US"}}""";

    void placedOrderIsPickedPackedShippedAndDeliveredAndTrackedThroughout(PipelineEnvironment pipeline) throws Exception {
        HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.orderApi() + "/orders"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + pipeline.shopToken())
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = JSON.readTree(placed.body()).path("orderId").asText();
        awaitStatus(pipeline, orderId, "PLACED");

        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(pipeline.registryUrl()));
        String warehouse = workOrderWarehouse(pipeline, registry, orderId);
        try (KafkaProducer<String, WarehouseScan> warehouseSystem = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new AvroSerializer<>(WarehouseScan.class, registry, AvroSerdeConfig.latestRegistered(), false))) {
            for (ScanType step : FulfillmentSteps.SCANS) {
                WarehouseScan.Builder scan = WarehouseScan.newBuilder()
                        .setScanId(orderId + "/" + step).setOrderId(orderId).setType(step)
                        .setWarehouseId(warehouse).setScannedAt(Instant.now()).setLocation(warehouse);
                if (step == ScanType.SHIPPED) {
                    scan.setCarrier("UPS").setTrackingNumber("1Z999AA10123456784");
                }
                warehouseSystem.send(new ProducerRecord<>("fulfillment.scans", orderId, scan.build())).get(30, TimeUnit.SECONDS);
                awaitStatus(pipeline, orderId, step.name());
            }
        }

        JsonNode view = JSON.readTree(get(pipeline.trackingApi() + "/orders/" + orderId).body());
        assertThat(view.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(view.path("carrier").asText()).isEqualTo("UPS");
        assertThat(view.path("trackingNumber").asText()).isEqualTo("1Z999AA10123456784");
        assertThat(view.path("deliveredAt").asText()).isNotBlank();
        assertThat(view.path("late").asBoolean()).isFalse();
        assertThat(view.path("timeline").findValuesAsText("status"))
                .containsExactly("PLACED", "PICKED", "PACKED", "SHIPPED", "DELIVERED");
        String page = get(pipeline.trackingApi() + "/track/" + orderId).body();
        assertThat(page).contains(orderId).containsIgnoringCase("delivered");

        returnedAndRefunded(pipeline, registry, orderId, warehouse);
    }

    /** A return of the order's Kindle: asked over HTTP, shipped back and received by scans, refunded in full. */
    private static void returnedAndRefunded(PipelineEnvironment pipeline, SchemaRegistryClient registry, String orderId,
                                            String warehouse) throws Exception {
        HttpResponse<String> asked = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.orderApi() + "/orders/" + orderId
                        + "/returns")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + pipeline.shopToken()).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"items\": [{\"sku\": \"B00X4WHP5E\", \"quantity\": 1}], \"reason\": \"DEFECTIVE\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String returnId = orderId + "-R1";
        awaitReturn(pipeline, orderId, "AUTHORIZED");
        try (KafkaProducer<String, ReturnScan> carrier = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new AvroSerializer<>(ReturnScan.class, registry, AvroSerdeConfig.latestRegistered(), false))) {
            carrier.send(new ProducerRecord<>("returns.scans", orderId, ReturnScan.newBuilder().setScanId(returnId + "/back")
                    .setReturnId(returnId).setOrderId(orderId).setType(ReturnScanType.SHIPPED_BACK).setScannedAt(Instant.now())
                    .setCarrier("UPS").setTrackingNumber("1ZRETURN0001").build())).get(30, TimeUnit.SECONDS);
            awaitReturn(pipeline, orderId, "IN_TRANSIT");
            carrier.send(new ProducerRecord<>("returns.scans", orderId, ReturnScan.newBuilder().setScanId(returnId + "/in")
                    .setReturnId(returnId).setOrderId(orderId).setType(ReturnScanType.RECEIVED).setWarehouseId(warehouse)
                    .setScannedAt(Instant.now()).setLines(List.of(new ReturnItem("B00X4WHP5E", 1, ItemCondition.SELLABLE)))
                    .build())).get(30, TimeUnit.SECONDS);
        }
        awaitReturn(pipeline, orderId, "REFUNDED");
        JsonNode ret = JSON.readTree(get(pipeline.trackingApi() + "/orders/" + orderId).body()).path("returns").get(0);
        assertThat(ret.path("returnId").asText()).isEqualTo(returnId);
        assertThat(ret.path("refundAmount").asLong()).isEqualTo(14_999L);
    }

    private static void awaitReturn(PipelineEnvironment pipeline, String orderId, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode returns = JSON.readTree(get(pipeline.trackingApi() + "/orders/" + orderId).body()).path("returns");
            assertThat(returns.findValuesAsText("status")).containsExactly(status);
        });
    }

    /** The warehouse the order was routed to, read from its work order as a warehouse system would. */
    private static String workOrderWarehouse(PipelineEnvironment pipeline, SchemaRegistryClient registry, String orderId) {
        try (KafkaConsumer<String, FulfillmentEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-warehouse-" + orderId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new AvroDeserializer<>(FulfillmentEvent.class, registry))) {
            consumer.subscribe(List.of("orders.fulfillment"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    FulfillmentEvent event = record.value();
                    if (event.getOrderId().equals(orderId) && event.getStatus() == FulfillmentStatus.PLACED) {
                        assertThat(event.getWorkOrder()).as("the PLACED event carries the work order").isNotNull();
                        return event.getWarehouseId();
                    }
                }
            }
        }
        throw new AssertionError("No work order for " + orderId + " on orders.fulfillment");
    }

    private static void awaitStatus(PipelineEnvironment pipeline, String orderId, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> response = get(pipeline.trackingApi() + "/orders/" + orderId);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo(status);
        });
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

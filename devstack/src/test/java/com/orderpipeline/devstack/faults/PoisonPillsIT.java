package com.orderpipeline.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.fulfillment.FulfillmentStreamConfig;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison pills on a real broker, sent to the running stream apps on every topic they read: garbage, a wrong magic
 * byte, an unknown schema id, and valid Avro of another type. Each one is dead-lettered by each app that reads
 * the topic, raw and with headers naming where it came from, why, and which app; the apps stay RUNNING and
 * process the order and the scan sent after the pills.
 */
@ExtendWith(SharedKafka.class)
class PoisonPillsIT {
    /** Where fulfillment-stream sends an order when no route matches it. */
    private static final String DEFAULT_WAREHOUSE = "WH-1";

    @TempDir
    Path stateDir;
    private FulfillmentStreamApp fulfillment;
    private TrackingStreamApp tracking;

    @AfterEach
    void stopEverything() {
        fulfillment = Lifecycle.closeQuietly(fulfillment);
        tracking = Lifecycle.closeQuietly(tracking);
    }

    @Test
    void everyPillIsDeadLetteredByEveryAppThatReadsItAndTheNextRecordsAreProcessed() throws Exception {
        FaultPipeline pipeline = new FaultPipeline(SharedKafka.bootstrapServers(), stateDir);
        pipeline.createTopic(pipeline.topic("orders.placed"), 3);
        String fulfillmentId = "fulfillment-stream-" + pipeline.suffix;
        String trackingId = "tracking-stream-" + pipeline.suffix;
        fulfillment = FulfillmentStreamApp.start(FulfillmentStreamConfig.fromEnv(new Env(
                pipeline.env("fulfillment-stream", SharedKafka.registryUrl()))));
        tracking = TrackingStreamApp.start(TrackingStreamConfig.fromEnv(new Env(
                pipeline.env("tracking-stream", SharedKafka.registryUrl()))), Clock.systemUTC());
        assertThat(fulfillment.awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(tracking.awaitRunning(Duration.ofSeconds(60))).isTrue();

        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        String orderId = FaultPipeline.orderId(77_001);
        OrderPlaced order = FaultPipeline.order(orderId);
        byte[] orderBytes = new AvroSerializer<>(OrderPlaced.class, registry, AvroSerdeConfig.defaults(), false)
                .serialize("elsewhere.orders", order);
        byte[] eventBytes = new AvroSerializer<>(FulfillmentEvent.class, registry, AvroSerdeConfig.defaults(), false)
                .serialize("elsewhere.events", FulfillmentEvent.newBuilder().setOrderId(orderId)
                        .setStatus(FulfillmentStatus.PLACED).setSequence(1).setOccurredAt(Instant.now())
                        .setWarehouseId("SEA-1").build());
        List<byte[]> unreadable = List.of(
                "not avro at all".getBytes(StandardCharsets.UTF_8),
                new byte[]{1, 0, 0, 0, 1, 2, 3},
                ByteBuffer.allocate(8).put((byte) 0).putInt(987_654).put(new byte[]{2, 4, 6}).array());
        Map<String, byte[]> wrongType = Map.of(
                pipeline.topic("orders.placed"), eventBytes,
                pipeline.topic("fulfillment.scans"), orderBytes,
                pipeline.topic("orders.fulfillment"), orderBytes);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : wrongType.keySet()) {
                for (byte[] pill : unreadable) {
                    raw.send(new ProducerRecord<>(topic, orderId, pill)).get();
                }
                raw.send(new ProducerRecord<>(topic, orderId, wrongType.get(topic))).get();
            }
            raw.send(new ProducerRecord<>(pipeline.topic("orders.placed"), orderId, orderBytes)).get();
            byte[] picked = new AvroSerializer<>(WarehouseScan.class, registry, AvroSerdeConfig.defaults(), false)
                    .serialize(pipeline.topic("fulfillment.scans"), WarehouseScan.newBuilder().setScanId("scan-" + orderId)
                            .setOrderId(orderId).setType(ScanType.PICKED).setWarehouseId(DEFAULT_WAREHOUSE)
                            .setScannedAt(Instant.now()).build());
            raw.send(new ProducerRecord<>(pipeline.topic("fulfillment.scans"), orderId, picked)).get();
        }

        FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> FaultPipeline.trackedStatus(tracking.httpPort(), orderId).equals(Optional.of("PICKED")));
        List<ConsumerRecord<String, byte[]>> letters = pipeline.readCommitted(pipeline.topic("pipeline.dead-letter"));
        Map<String, Long> byReader = letters.stream().collect(Collectors.groupingBy(
                letter -> header(letter, DeadLetterHandlers.APPLICATION_HEADER) + " <- " + header(letter, "__streams.errors.topic"),
                Collectors.counting()));
        assertThat(byReader).isEqualTo(Map.of(
                fulfillmentId + " <- " + pipeline.topic("orders.placed"), 4L,
                fulfillmentId + " <- " + pipeline.topic("fulfillment.scans"), 4L,
                trackingId + " <- " + pipeline.topic("orders.placed"), 4L,
                trackingId + " <- " + pipeline.topic("orders.fulfillment"), 4L));
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.key()).isEqualTo(orderId);
            assertThat(header(letter, "__streams.errors.exception")).isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(header(letter, "__streams.errors.partition")).isNotBlank();
            assertThat(header(letter, "__streams.errors.offset")).isNotBlank();
            assertThat(letter.value()).satisfiesAnyOf(
                    value -> assertThat(unreadable).anySatisfy(pill -> assertThat(value).isEqualTo(pill)),
                    value -> assertThat(value).isEqualTo(wrongType.get(header(letter, "__streams.errors.topic"))));
        });
        for (int port : List.of(fulfillment.httpPort(), tracking.httpPort())) {
            assertThat(FaultPipeline.status("http://localhost:" + port + "/health/live")).as("live on " + port).isEqualTo(200);
            assertThat(FaultPipeline.status("http://localhost:" + port + "/health/ready")).as("ready (RUNNING) on " + port).isEqualTo(200);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? "none"
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

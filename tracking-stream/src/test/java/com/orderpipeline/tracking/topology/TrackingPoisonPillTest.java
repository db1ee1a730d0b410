package com.orderpipeline.tracking.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.testing.InMemoryRegistry;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison pills on both input topics of tracking-stream, with the Streams settings the app runs with: each one
 * dead-lettered with headers naming its source and the application, and the next record processed.
 */
class TrackingPoisonPillTest {
    private static final Instant AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final TopicNames NAMES = TestTopics.named("poison");
    private static final String APPLICATION_ID = "tracking-poison-test";
    @TempDir
    Path stateDir;

    @Test
    void deadLettersEveryKindOfPoisonPillOnEitherInputAndTracksTheNextOrder() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(InMemoryRegistry.shared().url()));
        TopicCatalog topics = TopicCatalog.create(NAMES, client, AvroSerdeConfig.defaults());
        Properties properties = new StreamsSettings(APPLICATION_ID, stateDir, Duration.ofMillis(100), 0, 0,
                Optional.empty()).properties(KafkaSettings.of("localhost:9"), NAMES.deadLetter());
        // at least once: TopologyTestDriver 4.4 drops dead letters sent before the first processed record under
        // exactly-once (docs/fulfillment.md); the handlers are the same either way
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        String order = Orders.physicalId(7);
        byte[] key = order.getBytes(StandardCharsets.UTF_8);
        List<byte[]> pills = List.of(
                "not avro at all".getBytes(StandardCharsets.UTF_8),
                new byte[]{1, 0, 0, 0, 1, 2, 3},
                ByteBuffer.allocate(8).put((byte) 0).putInt(987_654).put(new byte[]{2, 4, 6}).array());
        // valid Avro of another type: an order where a fulfillment event belongs, and the other way round
        byte[] orderBytes = new AvroSerializer<>(OrderPlaced.class, client, AvroSerdeConfig.defaults(), false)
                .serialize("elsewhere.orders", Orders.placed(order, AT, LocalDate.parse("2026-05-08")));
        byte[] eventBytes = new AvroSerializer<>(FulfillmentEvent.class, client, AvroSerdeConfig.defaults(), false)
                .serialize("elsewhere.events", Orders.step(order, FulfillmentStatus.PLACED, 1, AT));

        try (TopologyTestDriver driver = new TopologyTestDriver(TrackingTopology.build(
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), topics,
                TrackingTopology.customerOrderSerde(client, AvroSerdeConfig.defaults()), view -> { },
                new ActiveStores(1, TrackingTopology.DIRECTLY_READ_STORES)), properties, AT)) {
            TestInputTopic<byte[], byte[]> rawPlaced = raw(driver, NAMES.ordersPlaced());
            TestInputTopic<byte[], byte[]> rawFulfillment = raw(driver, NAMES.ordersFulfillment());
            pills.forEach(pill -> rawPlaced.pipeInput(key, pill, AT));
            rawPlaced.pipeInput(key, eventBytes, AT);
            pills.forEach(pill -> rawFulfillment.pipeInput(key, pill, AT));
            rawFulfillment.pipeInput(key, orderBytes, AT);
            rawPlaced.pipeInput(key, orderBytes, AT);

            TestOutputTopic<String, OrderTracking> tracking = driver.createOutputTopic(NAMES.ordersTracking(),
                    topics.ordersTracking().keySerde().deserializer(), topics.ordersTracking().valueSerde().deserializer());
            assertThat(tracking.readValuesToList()).singleElement()
                    .satisfies(view -> assertThat(view.getOrderId()).isEqualTo(order));
            List<TestRecord<byte[], byte[]>> letters = driver.createOutputTopic(NAMES.deadLetter(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            assertThat(letters).hasSize(8);
            assertThat(letters).extracting(letter -> header(letter, "__streams.errors.topic")).containsExactly(
                    NAMES.ordersPlaced(), NAMES.ordersPlaced(), NAMES.ordersPlaced(), NAMES.ordersPlaced(),
                    NAMES.ordersFulfillment(), NAMES.ordersFulfillment(), NAMES.ordersFulfillment(),
                    NAMES.ordersFulfillment());
            assertThat(letters).extracting(TestRecord::getValue).containsExactly(pills.get(0), pills.get(1),
                    pills.get(2), eventBytes, pills.get(0), pills.get(1), pills.get(2), orderBytes);
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.getKey()).isEqualTo(key);
                assertThat(header(letter, DeadLetterHandlers.APPLICATION_HEADER)).isEqualTo(APPLICATION_ID);
                assertThat(header(letter, "__streams.errors.exception"))
                        .isEqualTo("org.apache.kafka.common.errors.SerializationException");
            });
        }
    }

    private static TestInputTopic<byte[], byte[]> raw(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

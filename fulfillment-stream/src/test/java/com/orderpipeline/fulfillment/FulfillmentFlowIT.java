package com.orderpipeline.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.fulfillment.WarehouseScript.Rejection;
import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.fulfillment.topology.FulfillmentSettings;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * fulfillment-stream in this JVM on the shared embedded broker: 200 orders driven through scans as a warehouse
 * sends them, and the app's start-up checks, schemas, health and metrics.
 */
@ExtendWith(SharedKafka.class)
class FulfillmentFlowIT {
    private static final TopicNames TOPICS = Orders.topics("flow");
    private static final String APPLICATION_ID = "fulfillment-flow-it";
    private static final Duration GRACE = Duration.ofHours(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path stateDir;
    private static TestKafka kafka;
    private static SchemaRegistryClient registry;
    private static TopicCatalog topics;
    private static FulfillmentStreamApp app;
    /** The subjects' latest schemas right after the app started, before any test wrote a record. */
    private static Map<String, Schema> registeredAtStart;

    @BeforeAll
    static void startApp() {
        kafka = new TestKafka(SharedKafka.bootstrapServers());
        kafka.createTopic(TOPICS.ordersPlaced(), 3);
        registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        topics = TopicCatalog.create(TOPICS, registry, AvroSerdeConfig.defaults());
        app = FulfillmentStreamApp.start(config(TOPICS, APPLICATION_ID));
        registeredAtStart = registry.subjects().stream().collect(Collectors.toMap(subject -> subject,
                subject -> registry.latest(subject).schema()));
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("Kafka Streams reached RUNNING").isTrue();
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
        kafka.close();
    }

    @Test
    void drivesTwoHundredOrdersThroughWarehouseScansToExactlyTheExpectedEventsAndRejections() throws Exception {
        // A day ago: every record time, up to the ticks twelve hours after base, stays in the past, which the broker
        // requires (log.message.timestamp.after.max.ms, an hour by default).
        Instant base = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        WarehouseScript script = new WarehouseScript(200, base);
        String someOrder = script.orders.get(1).getOrderId();
        List<byte[]> unreadable = List.of(new byte[]{7, 0, 0, 0, 1, 42},
                ByteBuffer.allocate(7).put((byte) 0).putInt(424_242).put(new byte[]{1, 2}).array(),
                "garbage".getBytes(StandardCharsets.UTF_8));
        // within the script's times, so they do not move stream time past a parked scan's grace period
        Instant unreadableAt = base.plus(Duration.ofMinutes(1));
        WarehouseScan misfiled = Orders.scan("misfiled", script.orders.get(2).getOrderId(), ScanType.PICKED, "SEA-1",
                unreadableAt);
        byte[] misfiledBytes = topics.fulfillmentScans().valueSerde().serializer().serialize(TOPICS.fulfillmentScans(), misfiled);
        List<Future<RecordMetadata>> sent = new ArrayList<>();

        try (KafkaProducer<String, OrderPlaced> orders = kafka.producer(new StringSerializer(), topics.ordersPlaced().valueSerde().serializer());
             KafkaProducer<String, WarehouseScan> scans = kafka.producer(new StringSerializer(), topics.fulfillmentScans().valueSerde().serializer());
             KafkaProducer<byte[], byte[]> raw = kafka.producer(new ByteArraySerializer(), new ByteArraySerializer())) {
            script.early.forEach(scan -> sent.add(send(scans, scan)));
            scans.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> counter("fulfillment_scans_parked_total") == script.early.size());

            script.orders.forEach(order -> sent.add(orders.send(new ProducerRecord<>(TOPICS.ordersPlaced(), null,
                    order.getPlacedAt().toEpochMilli(), order.getOrderId(), order))));
            orders.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> counter("fulfillment_events_total", "PLACED") == 200);

            script.waves.forEach(wave -> wave.forEach(scan -> sent.add(send(scans, scan))));
            // one producer for the four, so they reach the partition (and the dead letters) in this order
            unreadable.forEach(value -> sent.add(raw.send(new ProducerRecord<>(TOPICS.fulfillmentScans(), null,
                    unreadableAt.toEpochMilli(), key(someOrder), value))));
            sent.add(raw.send(new ProducerRecord<>(TOPICS.fulfillmentScans(), null, unreadableAt.toEpochMilli(),
                    key(someOrder), misfiledBytes)));
            // Stream time is kept per partition, and which partition an order lands on depends on its ID. A
            // last scan on every partition, later than all others, takes each one past the grace period of the
            // scans parked there; the ticks themselves stay parked and produce nothing.
            Instant end = base.plus(Duration.ofHours(12));
            int partitions = scans.partitionsFor(TOPICS.fulfillmentScans()).size();
            for (int partition = 0; partition < partitions; partition++) {
                // keyed so that the default partitioner puts it there: a record on another partition than its
                // key's is a dead letter
                String tick = tickFor(partition, partitions);
                sent.add(scans.send(new ProducerRecord<>(TOPICS.fulfillmentScans(), null, end.toEpochMilli(), tick,
                        Orders.scan(tick, tick, ScanType.PICKED, "SEA-1", end))));
            }
        }
        for (Future<RecordMetadata> write : sent) {
            write.get(10, TimeUnit.SECONDS); // a record the broker refused fails the test here, by name
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(kafka.hasConsumedEverything(APPLICATION_ID, List.of(TOPICS.ordersPlaced(), TOPICS.fulfillmentScans())))
                    .as("the app committed every input record").isTrue();
            assertThat(counter("fulfillment_rejections_total")).as("rejections counted")
                    .isEqualTo((double) script.rejections.size());
        });

        List<ConsumerRecord<String, FulfillmentEvent>> events = kafka.readCommitted(TOPICS.ordersFulfillment(),
                new StringDeserializer(), topics.ordersFulfillment().valueSerde().deserializer());
        Map<String, List<FulfillmentEvent>> eventsByOrder = events.stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, LinkedHashMap::new, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        assertThat(events).hasSize(script.eventCount());
        assertThat(eventsByOrder).containsExactlyInAnyOrderEntriesOf(script.events);

        List<ConsumerRecord<String, ScanRejected>> rejections = kafka.readCommitted(TOPICS.fulfillmentRejected(),
                new StringDeserializer(), topics.fulfillmentRejected().valueSerde().deserializer());
        assertThat(rejections).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getScan().getOrderId()));
        assertThat(rejections).extracting(r -> new Rejection(r.key(), r.value().getScan().getScanId(),
                r.value().getReason(), r.value().getOrderStatus())).containsExactlyInAnyOrderElementsOf(script.rejections);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readCommitted(TOPICS.deadLetter(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactly(
                unreadable.get(0), unreadable.get(1), unreadable.get(2), misfiledBytes);
        assertThat(deadLetters).allSatisfy(letter -> {
            assertThat(letter.key()).isEqualTo(key(someOrder));
            assertThat(header(letter, "__streams.errors.topic")).isEqualTo(TOPICS.fulfillmentScans());
            assertThat(header(letter, "__streams.errors.partition")).matches("\\d+");
            assertThat(header(letter, "__streams.errors.offset")).matches("\\d+");
            assertThat(header(letter, "__streams.errors.exception")).isNotBlank();
        });
        assertThat(deadLetters).extracting(letter -> header(letter, "__streams.errors.message"))
                .anySatisfy(message -> assertThat(message).contains("is not the order ID"));
        assertThat(counter("fulfillment_dead_letters_total")).isEqualTo(4);
        assertThat(counter("fulfillment_events_total", "DELIVERED")).isEqualTo(196);
    }

    @Test
    void registersItsOutputSchemasAndTheScanContractAtStart() {
        assertThat(registeredAtStart)
                .containsEntry(TOPICS.ordersFulfillment() + "-value", FulfillmentEvent.getClassSchema())
                .containsEntry(TOPICS.fulfillmentRejected() + "-value", ScanRejected.getClassSchema())
                .containsEntry(TOPICS.fulfillmentScans() + "-value", WarehouseScan.getClassSchema());
    }

    @Test
    void isReadyWhileRunningAndServesStreamsMetricsWithItsCounters() throws Exception {
        HttpResponse<String> ready = get("/health/ready");
        HttpResponse<String> live = get("/health/live");
        String metrics = get("/metrics").body();

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(metrics).contains("kafka_stream_thread_").contains("fulfillment_events_total{")
                .contains("fulfillment_rejections_total{").contains("fulfillment_dead_letters_total{");
    }

    @Test
    void refusesToStartUnlessOrdersScansAndEventsAreCoPartitioned() {
        TopicNames mismatched = Orders.topics("copartition");
        kafka.createTopic(mismatched.ordersPlaced(), 3);
        kafka.createTopic(mismatched.fulfillmentScans(), 2);

        assertThatThrownBy(() -> FulfillmentStreamApp.start(config(mismatched, "fulfillment-copartition-it")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be co-partitioned")
                .hasMessageContaining(mismatched.fulfillmentScans() + "=2");
    }

    @Test
    void anInstanceStoppedAndStartedAgainRunsWithoutWaitingOutItsOldSessionTimeout() {
        TopicNames restart = Orders.topics("restart");
        kafka.createTopic(restart.ordersPlaced(), 3);
        try (FulfillmentStreamApp first = FulfillmentStreamApp.start(config(restart, "fulfillment-restart-it"))) {
            assertThat(first.awaitRunning(Duration.ofSeconds(60))).as("first start RUNNING").isTrue();
        }

        // The first instance left the group on close; had it stayed, the group would wait for its session to time
        // out (45 s) before the second could run.
        try (FulfillmentStreamApp second = FulfillmentStreamApp.start(config(restart, "fulfillment-restart-it"))) {
            assertThat(second.awaitRunning(Duration.ofSeconds(25))).as("second start RUNNING within 25 s").isTrue();
        }
    }

    @Test
    void refusesToStartWithoutTheOrdersTopic() {
        TopicNames missing = Orders.topics("missing");

        assertThatThrownBy(() -> FulfillmentStreamApp.start(config(missing, "fulfillment-missing-it")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.ordersPlaced())
                .hasMessageContaining("must exist");
    }

    private static FulfillmentStreamConfig config(TopicNames names, String applicationId) {
        return new FulfillmentStreamConfig("localhost", 0, KafkaSettings.of(SharedKafka.bootstrapServers()),
                SharedKafka.registryUrl(), names,
                new StreamsSettings(applicationId, stateDir.resolve(applicationId), Duration.ofMillis(100), 0,
                        1024 * 1024, Optional.empty()),
                new FulfillmentSettings(WarehouseRoutes.parse("US-98:SEA-1,US:NYC-1,DE:BER-1", "WH-1"), GRACE));
    }

    /** A key that Kafka's default partitioner puts on the partition. */
    private static String tickFor(int partition, int partitions) {
        return IntStream.iterate(0, n -> n + 1).mapToObj(n -> "tick-" + partition + "-" + n)
                .filter(key -> BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions) == partition)
                .findFirst().orElseThrow();
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, WarehouseScan> producer, WarehouseScan scan) {
        return producer.send(new ProducerRecord<>(TOPICS.fulfillmentScans(), null, scan.getScannedAt().toEpochMilli(),
                scan.getOrderId(), scan));
    }

    /** The sum of a counter's series on /metrics, those with the tag value if one is given. */
    private static double counter(String name, String... tagValue) throws Exception {
        return get("/metrics").body().lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> tagValue.length == 0 || line.contains("\"" + tagValue[0] + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] key(String orderId) {
        return orderId.getBytes(StandardCharsets.UTF_8);
    }
}

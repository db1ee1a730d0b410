package com.orderpipeline.devstack.analytics;

import static com.orderpipeline.devstack.analytics.FunnelStatsTest.event;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(SharedKafka.class)
class AnalyticsCommandIT {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T13:00:00Z");

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String topic;

    @BeforeEach
    void createTopic() throws Exception {
        topic = "analytics-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsTheFunnelOfCommittedEventsOnceAndSkipsWhatItCannotRead() throws Exception {
        List<FulfillmentEvent> committed = new ArrayList<>();
        committed.addAll(steps("114-0000001-0000001", 60, 300));          // delivered: shipped after 1 min, delivered after 5
        committed.addAll(steps("114-0000002-0000002", 120, -1));          // shipped after 2 min
        committed.addAll(steps("114-0000003-0000003", 90, 200));          // delivered: shipped after 1.5 min, delivered after 3m 20s
        committed.add(event("114-0000004-0000004", PLACED, 1, T0));
        committed.add(event("114-0000004-0000004", PICKED, 2, T0.plusSeconds(10)));
        committed.add(event("114-0000005-0000005", PLACED, 1, T0));
        committed.add(event("D01-0000006-0000006", PLACED, 1, T0));
        committed.add(event("D01-0000006-0000006", DELIVERED, 2, T0.plusMillis(40)));
        // given the events in one committed transaction, a rolled-back one and a record that is not Avro
        produceInTransaction(committed, true);
        produceInTransaction(List.of(event("114-0000007-0000007", PLACED, 1, T0),
                event("114-0000002-0000002", DELIVERED, 5, T0.plusSeconds(999))), false);
        RecordMetadata notAvro = produceRaw("114-0000008-0000008", "not avro".getBytes(StandardCharsets.UTF_8));

        // when the command reads the topic once
        int exitCode = command(Clock.fixed(NOW, ZoneOffset.UTC))
                .execute("--kafka", SharedKafka.bootstrapServers(), "--registry", SharedKafka.registryUrl(),
                        "--topic", topic, "--once");

        // then it prints the funnel of what was committed, and names the record it skipped
        assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).isEqualTo(String.join(System.lineSeparator(),
                topic + " at 2025-06-01T13:00:00Z: 6 orders, 19 events",
                "",
                "  state          orders    share",
                "  PLACED              1    16.7%",
                "  PICKED              1    16.7%",
                "  PACKED              0     0.0%",
                "  SHIPPED             1    16.7%",
                "  DELIVERED           3    50.0%",
                "  CANCELLED           0     0.0%",
                "",
                "  from PLACED    orders   median      p95",
                "  to SHIPPED          3   1m 30s   2m 00s",
                "  to DELIVERED        2   3m 20s   5m 00s",
                "",
                "  1 digital order delivered at once, left out of \"to DELIVERED\"",
                "  1 record could not be read and was skipped (last: partition " + notAvro.partition()
                        + ", offset " + notAvro.offset() + ": Record on topic '" + topic + "' starts with byte 0x6e, not the magic byte 0x00"
                        + " of the Confluent wire format)",
                ""));
        assertThat(err.toString()).contains("Skipped a record of '" + topic + "'");
    }

    @Test
    void printsFiguresEveryIntervalUntilStopped() throws Exception {
        produceInTransaction(steps("114-0000001-0000001", 60, 300), true);
        AnalyticsCommand analytics = new AnalyticsCommand();
        CommandLine commandLine = command(analytics);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> commandLine.execute(
                "--kafka", SharedKafka.bootstrapServers(), "--registry", SharedKafka.registryUrl(),
                "--topic", topic, "--interval", "1"));
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(out.toString()).contains("1 order, 5 events"));

            produceInTransaction(steps("114-0000002-0000002", 120, -1), true);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(out.toString()).contains("2 orders, 9 events")
                            .contains("  to SHIPPED          2   1m 00s   2m 00s"));
        } finally {
            analytics.stop();
        }
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).startsWith("Reading '" + topic + "' from Kafka at " + SharedKafka.bootstrapServers());
    }

    @Test
    void reportsATopicThatDoesNotExist() {
        String missing = topic + "-missing";

        int exitCode = command(new AnalyticsCommand()).execute("--kafka", SharedKafka.bootstrapServers(),
                "--registry", SharedKafka.registryUrl(), "--topic", missing, "--once");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("Topic '" + missing + "' does not exist on Kafka at "
                + SharedKafka.bootstrapServers());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesAnIntervalShorterThanOneSecond() {
        int exitCode = command(new AnalyticsCommand()).execute("--kafka", SharedKafka.bootstrapServers(),
                "--topic", topic, "--interval", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--interval must be at least 1 second, not 0");
    }

    private CommandLine command(Clock clock) {
        return command(new AnalyticsCommand(clock));
    }

    private CommandLine command(AnalyticsCommand analytics) {
        CommandLine commandLine = new CommandLine(analytics);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    /** An order's physical steps from PLACED at T0, up to SHIPPED and DELIVERED when their delays are not -1. */
    private static List<FulfillmentEvent> steps(String orderId, int shippedAfterSeconds, int deliveredAfterSeconds) {
        List<FulfillmentEvent> events = new ArrayList<>(List.of(
                event(orderId, PLACED, 1, T0),
                event(orderId, PICKED, 2, T0.plusSeconds(shippedAfterSeconds / 3)),
                event(orderId, PACKED, 3, T0.plusSeconds(shippedAfterSeconds / 2)),
                event(orderId, SHIPPED, 4, T0.plusSeconds(shippedAfterSeconds))));
        if (deliveredAfterSeconds >= 0) {
            events.add(event(orderId, DELIVERED, 5, T0.plusSeconds(deliveredAfterSeconds)));
        }
        return events;
    }

    private void produceInTransaction(List<FulfillmentEvent> events, boolean commit) {
        AvroSerde<FulfillmentEvent> serde = AvroSerde.forValues(FulfillmentEvent.class, registry, AvroSerdeConfig.defaults());
        try (KafkaProducer<String, FulfillmentEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "analytics-it-" + UUID.randomUUID()),
                new StringSerializer(), serde.serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (FulfillmentEvent event : events) {
                producer.send(new ProducerRecord<>(topic, event.getOrderId(), event));
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.flush();
                producer.abortTransaction();
            }
        }
    }

    private RecordMetadata produceRaw(String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}

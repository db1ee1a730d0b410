package com.orderpipeline.devstack.analytics;

import static com.orderpipeline.devstack.analytics.FunnelStatsTest.declined;
import static com.orderpipeline.devstack.analytics.FunnelStatsTest.event;
import static com.orderpipeline.devstack.analytics.FunnelStatsTest.refund;
import static com.orderpipeline.devstack.analytics.FunnelStatsTest.returnThrough;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static com.orderpipeline.schemas.avro.ReturnStatus.AUTHORIZED;
import static com.orderpipeline.schemas.avro.ReturnStatus.IN_TRANSIT;
import static com.orderpipeline.schemas.avro.ReturnStatus.RECEIVED;
import static com.orderpipeline.schemas.avro.ReturnStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
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
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
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
    private static final Function<String, String> NO_VARIABLES = variable -> null;

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private AnalyticsTopics topics;

    @BeforeEach
    void createTopics() throws Exception {
        String run = "analytics-it-" + UUID.randomUUID();
        topics = new AnalyticsTopics(run + "-fulfillment", run + "-returns", run + "-refunds");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            admin.createTopics(topics.all().stream().map(topic -> new NewTopic(topic, 3, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsTheFunnelOfCommittedEventsOnceAndSkipsWhatItCannotRead() throws Exception {
        List<FulfillmentEvent> committed = new ArrayList<>();
        committed.addAll(steps("114-0000001-0000001", 60, 300));          // delivered: shipped after 1 min, delivered after 5
        committed.addAll(steps("114-0000002-0000002", 120, -1));          // shipped after 2 min
        committed.addAll(steps("114-0000003-0000003", 90, 200));          // delivered: shipped after 1.5 min, delivered after 3m 20s
        committed.addAll(steps("114-0000010-0000010", 100, 200));         // delivered: shipped after 100 s, delivered after 3m 20s
        committed.add(event("114-0000004-0000004", PLACED, 1, T0));
        committed.add(event("114-0000004-0000004", PICKED, 2, T0.plusSeconds(10)));
        committed.add(event("114-0000005-0000005", PLACED, 1, T0));
        committed.add(event("D01-0000006-0000006", PLACED, 1, T0));
        committed.add(event("D01-0000006-0000006", DELIVERED, 2, T0.plusMillis(40)));
        committed.add(event("114-0000009-0000009", PLACED, 1, T0));
        committed.add(event("114-0000009-0000009", CANCELLED, 2, T0.plusSeconds(30)));
        // order 1 returns twice and order 3 once, each refunded in the order's currency; two requests are declined
        List<ReturnEvent> returns = new ArrayList<>();
        returns.addAll(returnThrough("114-0000001-0000001-R1", "req-1", AUTHORIZED, IN_TRANSIT, RECEIVED, REFUNDED));
        returns.addAll(returnThrough("114-0000001-0000001-R2", "req-2", AUTHORIZED, REFUNDED));
        returns.addAll(returnThrough("114-0000003-0000003-R1", "req-3", AUTHORIZED, RECEIVED, REFUNDED));
        returns.add(declined("114-0000010-0000010", "req-4"));
        returns.add(declined("D01-0000006-0000006", "req-5"));
        List<RefundIssued> refunds = List.of(
                refund("refund-114-0000001-0000001-R1", "114-0000001-0000001", 14_999, "USD"),
                refund("refund-114-0000001-0000001-R2", "114-0000001-0000001", 1_001, "USD"),
                refund("refund-114-0000003-0000003-R1", "114-0000003-0000003", 2_000, "EUR"));
        // given the events in one committed transaction, a rolled-back one and a record that is not Avro
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        committed.forEach(event -> records.add(record(topics.fulfillment(), event.getOrderId(), event)));
        returns.forEach(event -> records.add(record(topics.returns(), event.getOrderId(), event)));
        refunds.forEach(refund -> records.add(record(topics.refunds(), refund.getOrderId(), refund)));
        produceInTransaction(records, true);
        produceInTransaction(List.of(
                record(topics.fulfillment(), "114-0000007-0000007", event("114-0000007-0000007", PLACED, 1, T0)),
                record(topics.fulfillment(), "114-0000002-0000002",
                        event("114-0000002-0000002", DELIVERED, 5, T0.plusSeconds(999))),
                record(topics.refunds(), "114-0000002-0000002",
                        refund("refund-114-0000002-0000002-R1", "114-0000002-0000002", 99_999, "USD"))), false);
        RecordMetadata notAvro = produceRaw("114-0000008-0000008", "not avro".getBytes(StandardCharsets.UTF_8));

        // when the command reads the topics once
        int exitCode = command(Clock.fixed(NOW, ZoneOffset.UTC), NO_VARIABLES).execute(withTopics("--once"));

        // then it prints the funnel of what was committed, and names the record it skipped
        assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).isEqualTo(String.join(System.lineSeparator(),
                topics.fulfillment() + " at 2025-06-01T13:00:00Z: 8 orders, 26 events",
                topics.returns() + ": 5 return requests, 11 events",
                topics.refunds() + ": 3 refunds",
                "",
                "  state          orders    share",
                "  PLACED              1    12.5%",
                "  PICKED              1    12.5%",
                "  PACKED              0     0.0%",
                "  SHIPPED             1    12.5%",
                "  DELIVERED           4    50.0%",
                "  CANCELLED           1    12.5%",
                "",
                "  from PLACED    orders   median      p95",
                "  to SHIPPED          4   1m 30s   2m 00s",
                "  to DELIVERED        3   3m 20s   5m 00s",
                "",
                "  outcome        orders     rate",
                "  cancelled           1    12.5% of 8 orders placed",
                "  returned            2    66.7% of 3 physical orders delivered",
                "",
                "  returns      requests    share",
                "  authorized          3    60.0%",
                "  declined            2    40.0%",
                "",
                "  currency      refunds   amount",
                "  EUR                 1   EUR 20.00",
                "  USD                 2   USD 160.00",
                "",
                "  1 digital order delivered at once, left out of \"to DELIVERED\"",
                "  1 record could not be read and was skipped (last: " + topics.fulfillment() + " partition "
                        + notAvro.partition() + ", offset " + notAvro.offset() + ": Record on topic '"
                        + topics.fulfillment() + "' starts with byte 0x6e, not the magic byte 0x00"
                        + " of the Confluent wire format)",
                ""));
        assertThat(err.toString()).contains("Skipped a record of '" + topics.fulfillment()
                + "' that is not a readable FulfillmentEvent, at partition " + notAvro.partition());
    }

    @Test
    void waitsForARegistryThatCannotBeReachedInsteadOfSkippingTheRecords() throws Exception {
        produceInTransaction(fulfillment(steps("114-0000001-0000001", 60, 300)), true);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String downRegistry = "http://localhost:" + port;
        List<String> args = new ArrayList<>(List.of(withTopics("--once")));
        args.set(args.indexOf(SharedKafka.registryUrl()), downRegistry);

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() ->
                command(Clock.fixed(NOW, ZoneOffset.UTC), NO_VARIABLES).execute(args.toArray(String[]::new)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(err.toString()).contains("The schema registry cannot be reached"));
        // the same registry comes back: a second one on the shared broker's schemas topic, at the address given
        try (EmbeddedSchemaRegistry registryBack = EmbeddedSchemaRegistry.start(SharedKafka.bootstrapServers(), port)) {
            assertThat(run.get(30, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
        }

        assertThat(out.toString()).contains(topics.fulfillment() + " at 2025-06-01T13:00:00Z: 1 order, 5 events")
                .doesNotContain("could not be read");
        assertThat(err.toString()).doesNotContain("Skipped a record");
    }

    @Test
    void printsFiguresEveryIntervalUntilStopped() throws Exception {
        produceInTransaction(fulfillment(steps("114-0000001-0000001", 60, 300)), true);
        AnalyticsCommand analytics = new AnalyticsCommand();
        CommandLine commandLine = command(analytics);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> commandLine.execute(
                withTopics("--interval", "1")));
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(out.toString()).contains("1 order, 5 events"));

            produceInTransaction(fulfillment(steps("114-0000002-0000002", 120, -1)), true);
            produceInTransaction(List.of(record(topics.refunds(), "114-0000001-0000001",
                    refund("refund-114-0000001-0000001-R1", "114-0000001-0000001", 14_999, "USD"))), true);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(out.toString()).contains("2 orders, 9 events")
                            .contains("  to SHIPPED          2   1m 00s   2m 00s")
                            .contains(topics.refunds() + ": 1 refund")
                            .contains("  USD                 1   USD 149.99"));
        } finally {
            analytics.stop();
        }
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).startsWith("Reading " + topics.quoted() + " from Kafka at "
                + SharedKafka.bootstrapServers());
    }

    @Test
    void reportsEveryTopicThatDoesNotExistWithWhereItsNameCameFrom() {
        String missing = topics.fulfillment() + "-missing";
        String missingRefunds = topics.refunds() + "-missing";

        int exitCode = command(Clock.systemUTC(), Map.of("TOPIC_PAYMENTS_REFUNDS", missingRefunds)::get)
                .execute("--kafka", SharedKafka.bootstrapServers(), "--registry", SharedKafka.registryUrl(),
                        "--topic", missing, "--returns-topic", topics.returns(), "--once");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).isEqualTo(String.join(System.lineSeparator(),
                "Topic '" + missing + "' does not exist on Kafka at " + SharedKafka.bootstrapServers() + " (see --topic)",
                "Topic '" + missingRefunds + "' does not exist on Kafka at " + SharedKafka.bootstrapServers()
                        + " (see --refunds-topic or TOPIC_PAYMENTS_REFUNDS)",
                ""));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesAnIntervalShorterThanOneSecond() {
        int exitCode = command(new AnalyticsCommand()).execute("--kafka", SharedKafka.bootstrapServers(),
                "--topic", topics.fulfillment(), "--interval", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--interval must be at least 1 second, not 0");
    }

    @Test
    void refusesOneTopicForTwoKindsOfEvent() {
        int exitCode = command(Clock.systemUTC(), NO_VARIABLES).execute("--kafka", SharedKafka.bootstrapServers(),
                "--returns-topic", topics.returns(), "--refunds-topic", topics.returns(), "--once");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("The fulfillment, returns and refunds topics must be three different"
                + " topics, not orders.fulfillment, " + topics.returns() + " and " + topics.returns());
    }

    /** The options that point the command at the shared broker and this test's topics, then {@code more}. */
    private String[] withTopics(String... more) {
        List<String> args = new ArrayList<>(List.of("--kafka", SharedKafka.bootstrapServers(),
                "--registry", SharedKafka.registryUrl(), "--topic", topics.fulfillment(),
                "--returns-topic", topics.returns(), "--refunds-topic", topics.refunds()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private CommandLine command(Clock clock, Function<String, String> env) {
        return command(new AnalyticsCommand(clock, env));
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

    private List<ProducerRecord<String, byte[]>> fulfillment(List<FulfillmentEvent> events) {
        return events.stream().map(event -> record(topics.fulfillment(), event.getOrderId(), event)).toList();
    }

    /** {@code value} in the Confluent wire format, under the subject of {@code topic}, keyed by {@code orderId}. */
    private ProducerRecord<String, byte[]> record(String topic, String orderId, SpecificRecord value) {
        @SuppressWarnings("unchecked")
        Class<SpecificRecord> type = (Class<SpecificRecord>) value.getClass();
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(type, registry, AvroSerdeConfig.defaults(), false);
        return new ProducerRecord<>(topic, orderId, serializer.serialize(topic, value));
    }

    private void produceInTransaction(List<ProducerRecord<String, byte[]>> records, boolean commit) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "analytics-it-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
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
            return producer.send(new ProducerRecord<>(topics.fulfillment(), key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}

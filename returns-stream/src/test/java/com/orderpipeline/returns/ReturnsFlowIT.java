package com.orderpipeline.returns;

import static com.orderpipeline.returns.Returns.CASE;
import static com.orderpipeline.returns.Returns.KINDLE;
import static com.orderpipeline.returns.Returns.KINDLE_PRICE;
import static com.orderpipeline.returns.Returns.TOTAL;
import static com.orderpipeline.returns.Returns.item;
import static com.orderpipeline.returns.Returns.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.returns.rules.ReturnPolicy;
import com.orderpipeline.returns.topology.ReturnsSettings;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanRejectionReason;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * returns-stream in this JVM on the shared embedded broker: 200 orders, with whole, partial, too many and too late
 * returns, returns of cancelled, undelivered and digital orders, missing lines and a re-delivered scan, and
 * exactly the expected events, refunds and rejections on the topics, nothing else.
 */
@ExtendWith(SharedKafka.class)
class ReturnsFlowIT {
    private static final TopicNames TOPICS = TopicNames.suffixed("returns-flow");
    private static final String APPLICATION_ID = "returns-flow-it";
    /** Short, so that a too-late request needs no record time far from the others. */
    private static final Duration WINDOW = Duration.ofDays(2);
    private static final int ORDERS = 200;

    @TempDir
    static Path stateDir;
    private static TestKafka kafka;
    private static TopicCatalog topics;
    private static ReturnsStreamApp app;

    @BeforeAll
    static void startApp() {
        kafka = new TestKafka(SharedKafka.bootstrapServers());
        kafka.createTopic(TOPICS.ordersPlaced(), 3);
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        topics = TopicCatalog.create(TOPICS, registry, AvroSerdeConfig.defaults());
        app = ReturnsStreamApp.start(new ReturnsStreamConfig("localhost", 0, KafkaSettings.of(SharedKafka.bootstrapServers()),
                SharedKafka.registryUrl(), TOPICS, new StreamsSettings(APPLICATION_ID, stateDir.resolve(APPLICATION_ID),
                Duration.ofMillis(100), 0, 1024 * 1024, Optional.empty()),
                new ReturnsSettings(new ReturnPolicy(WINDOW, ReturnPolicy.DEFAULT_SHIP_BY))));
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).as("Kafka Streams reached RUNNING").isTrue();
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
        kafka.close();
    }

    /** What each tenth of the orders does, by {@code n % 10}. */
    private enum Kind { CANCELLED, DIGITAL, SHIPPED, TOO_LATE, WHOLE, PARTIAL, TOO_MANY, MISSING, NOT_IN_ORDER, KEPT }

    @Test
    void drivesTwoHundredOrdersToExactlyTheExpectedReturnsRefundsAndRejections() {
        Instant base = Instant.now().minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.SECONDS);
        Instant deliveredAt = base.plus(Duration.ofDays(1));
        Instant askedAt = base.plus(Duration.ofDays(2));
        Instant shippedAt = base.plus(Duration.ofDays(4));
        Instant receivedAt = base.plus(Duration.ofDays(5));
        Map<String, Kind> kinds = new TreeMap<>();
        try (KafkaProducer<String, SpecificRecord> producer = kafka.producer(new StringSerializer(), new AnyAvro(topics))) {
            for (int n = 1; n <= ORDERS; n++) {
                Kind kind = Kind.values()[n % 10];
                String orderId = kind == Kind.DIGITAL ? Returns.digitalId(n) : Returns.physicalId(n);
                kinds.put(orderId, kind);
                send(producer, topics.ordersPlaced(), kind == Kind.DIGITAL ? Returns.digital(orderId, base)
                        : Returns.physical(orderId, base), base);
                for (FulfillmentEvent event : fulfillment(orderId, kind, base, deliveredAt)) {
                    send(producer, topics.ordersFulfillment(), event, event.getOccurredAt());
                }
            }
            kinds.forEach((orderId, kind) -> {
                if (kind == Kind.KEPT) {
                    return;
                }
                Instant at = kind == Kind.TOO_LATE ? deliveredAt.plus(WINDOW).plusSeconds(3600) : askedAt;
                send(producer, topics.returnsRequests(), Returns.request("q-" + orderId, orderId, at, asked(kind)), at);
            });
            send(producer, topics.returnsRequests(), Returns.request("q-nobody", Returns.physicalId(9_999), askedAt,
                    item(KINDLE, 1)), askedAt);
            producer.flush();
            // the returns exist before their scans are sent, as they would for a real carrier
            await().atMost(Duration.ofSeconds(60)).until(() -> read(topics.ordersReturns()).size() == ORDERS + 1 - ORDERS / 10);
            kinds.forEach((orderId, kind) -> {
                String returnId = orderId + "-R1";
                if (kind == Kind.WHOLE || kind == Kind.PARTIAL || kind == Kind.MISSING) {
                    ReturnScan back = Returns.shippedBack("b-" + orderId, orderId, returnId, shippedAt);
                    send(producer, topics.returnsScans(), back, shippedAt);
                    ReturnScan in = Returns.received("r-" + orderId, orderId, returnId, receivedAt, received(kind));
                    send(producer, topics.returnsScans(), in, receivedAt);
                    if (kind == Kind.PARTIAL) {
                        send(producer, topics.returnsScans(), in, receivedAt);
                    }
                }
            });
            String someOrder = Returns.physicalId(4);
            send(producer, topics.returnsScans(), Returns.shippedBack("b-stray", someOrder, someOrder + "-R9", shippedAt), shippedAt);
        }

        int returned = ORDERS / 10 * 3;
        await().atMost(Duration.ofSeconds(60)).until(() -> read(topics.paymentsRefunds()).size() == ORDERS / 10 * 2
                && read(topics.ordersReturns()).size() == ORDERS + 1 - ORDERS / 10 + returned * 3);

        Map<String, List<String>> steps = read(topics.ordersReturns()).stream().collect(Collectors.groupingBy(
                record -> record.key(), TreeMap::new, Collectors.mapping(record -> step(record.value()), Collectors.toList())));
        Map<String, List<String>> expected = new TreeMap<>();
        kinds.forEach((orderId, kind) -> expected.put(orderId, expectedSteps(kind)));
        kinds.entrySet().stream().filter(entry -> entry.getValue() == Kind.KEPT).forEach(entry -> expected.remove(entry.getKey()));
        expected.put(Returns.physicalId(9_999), List.of("DECLINED UNKNOWN_ORDER"));
        assertThat(steps).isEqualTo(expected);

        Map<String, Long> refunded = read(topics.paymentsRefunds()).stream().collect(Collectors.toMap(ConsumerRecord::key,
                record -> record.value().getAmount()));
        Map<String, Long> expectedRefunds = new TreeMap<>();
        kinds.forEach((orderId, kind) -> {
            if (kind == Kind.WHOLE) {
                expectedRefunds.put(orderId, TOTAL);
            } else if (kind == Kind.PARTIAL) {
                expectedRefunds.put(orderId, KINDLE_PRICE);
            }
        });
        assertThat(refunded).isEqualTo(expectedRefunds);
        assertThat(read(topics.paymentsRefunds())).allSatisfy(record -> {
            assertThat(record.value().getCurrency()).isEqualTo("USD");
            assertThat(record.value().getRefundId()).isEqualTo(record.key() + "-R1-F1");
        });
        assertThat(read(topics.returnsRejected())).singleElement().satisfies(record -> {
            assertThat(record.value().getScan().getScanId()).isEqualTo("b-stray");
            assertThat(record.value().getReason()).isEqualTo(ReturnScanRejectionReason.UNKNOWN_RETURN);
        });
    }

    private static List<FulfillmentEvent> fulfillment(String orderId, Kind kind, Instant base, Instant deliveredAt) {
        List<FulfillmentEvent> events = new ArrayList<>();
        events.add(Returns.fulfillment(orderId, FulfillmentStatus.PLACED, 1, base));
        if (kind == Kind.CANCELLED) {
            events.add(Returns.fulfillment(orderId, FulfillmentStatus.CANCELLED, 2, base.plusSeconds(60)));
        } else if (kind == Kind.DIGITAL) {
            events.add(Returns.fulfillment(orderId, FulfillmentStatus.DELIVERED, 2, base));
        } else {
            List<FulfillmentStatus> steps = kind == Kind.SHIPPED
                    ? List.of(FulfillmentStatus.PICKED, FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED)
                    : List.of(FulfillmentStatus.PICKED, FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED);
            for (int i = 0; i < steps.size(); i++) {
                FulfillmentStatus status = steps.get(i);
                events.add(Returns.fulfillment(orderId, status, i + 2,
                        status == FulfillmentStatus.DELIVERED ? deliveredAt : base.plusSeconds(3600L * (i + 1))));
            }
        }
        return events;
    }

    private static ReturnItem[] asked(Kind kind) {
        return switch (kind) {
            case WHOLE -> new ReturnItem[]{item(KINDLE, 2), item(CASE, 1)};
            case TOO_MANY -> new ReturnItem[]{item(KINDLE, 3)};
            case MISSING -> new ReturnItem[]{item(CASE, 1)};
            case NOT_IN_ORDER -> new ReturnItem[]{item("B99", 1)};
            case DIGITAL -> new ReturnItem[]{item("EBOOK-1", 1)};
            default -> new ReturnItem[]{item(KINDLE, 1)};
        };
    }

    private static ReturnItem[] received(Kind kind) {
        return switch (kind) {
            case WHOLE -> new ReturnItem[]{line(KINDLE, 2, ItemCondition.SELLABLE), line(CASE, 1, ItemCondition.DAMAGED)};
            case MISSING -> new ReturnItem[]{line(CASE, 1, ItemCondition.MISSING)};
            default -> new ReturnItem[]{line(KINDLE, 1, ItemCondition.SELLABLE)};
        };
    }

    private static List<String> expectedSteps(Kind kind) {
        return switch (kind) {
            case CANCELLED -> List.of("DECLINED CANCELLED_ORDER");
            case DIGITAL -> List.of("DECLINED DIGITAL_ORDER");
            case SHIPPED -> List.of("DECLINED NOT_DELIVERED");
            case TOO_LATE -> List.of("DECLINED WINDOW_CLOSED");
            case TOO_MANY -> List.of("DECLINED QUANTITY_EXCEEDED");
            case NOT_IN_ORDER -> List.of("DECLINED NOT_IN_ORDER");
            case WHOLE, PARTIAL -> List.of("AUTHORIZED 1", "IN_TRANSIT 2", "RECEIVED 3", "REFUNDED 4");
            case MISSING -> List.of("AUTHORIZED 1", "IN_TRANSIT 2", "RECEIVED 3", "CLOSED 4");
            case KEPT -> List.of();
        };
    }

    private static String step(ReturnEvent event) {
        return event.getStatus() == ReturnStatus.DECLINED ? "DECLINED " + event.getDeclineReason()
                : event.getStatus() + " " + event.getSequence();
    }

    private static <V extends SpecificRecord> void send(KafkaProducer<String, SpecificRecord> producer, Topic<String, V> topic,
                                                        V value, Instant at) {
        String key = value.get(value.getSchema().getField("orderId").pos()).toString();
        producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), key, value));
    }

    private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(Topic<String, V> topic) {
        return kafka.readCommitted(topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    /** One producer for every input topic: each value serialized by its own topic's serde. */
    private record AnyAvro(TopicCatalog topics) implements org.apache.kafka.common.serialization.Serializer<SpecificRecord> {
        @Override
        @SuppressWarnings("unchecked")
        public byte[] serialize(String topic, SpecificRecord value) {
            Topic<String, ?> target = topics.all().stream().filter(candidate -> candidate.name().equals(topic))
                    .map(candidate -> (Topic<String, ?>) candidate).findFirst().orElseThrow();
            return ((org.apache.kafka.common.serialization.Serializer<SpecificRecord>) target.valueSerde().serializer())
                    .serialize(topic, value);
        }
    }
}

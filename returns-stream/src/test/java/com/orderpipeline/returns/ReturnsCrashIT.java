package com.orderpipeline.returns;

import static com.orderpipeline.returns.Returns.CASE;
import static com.orderpipeline.returns.Returns.CASE_PRICE;
import static com.orderpipeline.returns.Returns.KINDLE;
import static com.orderpipeline.returns.Returns.KINDLE_PRICE;
import static com.orderpipeline.returns.Returns.item;
import static com.orderpipeline.returns.Returns.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.CrashLoop;
import com.orderpipeline.embedded.testing.ServiceProcess;
import com.orderpipeline.embedded.testing.ServiceProcesses;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * returns-stream as a separate process, killed with SIGKILL three times while return scans flow and started again
 * on the same state directory each time. Exactly-once means every received return is refunded exactly once, at
 * its amount, and every return has its events 1..4 once each.
 */
@ExtendWith(SharedKafka.class)
class ReturnsCrashIT {
    private static final int ORDERS = 200;
    private static final TopicNames TOPICS = TopicNames.suffixed("returns-crash");
    private static final String APPLICATION_ID = "returns-crash-it";
    private static final int KILLS = 3;
    private static final List<String> RUNS = List.of("first", "second", "third", "fourth");

    @TempDir
    Path workDir;
    @RegisterExtension
    final ServiceProcesses processes = new ServiceProcesses();

    @Test
    void everyReceivedReturnIsRefundedExactlyOnceAfterSigkillsAndRestartsOnTheSameStateDirectory() throws Exception {
        Instant base = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant askedAt = base.plus(Duration.ofMinutes(30));
        TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers());
        // fulfillment-stream and order-id-service would have created these before returns-stream starts
        for (String topic : List.of(TOPICS.ordersPlaced(), TOPICS.ordersFulfillment(), TOPICS.returnsRequests())) {
            kafka.createTopic(topic, 3);
        }
        TopicCatalog topics = TopicCatalog.create(TOPICS,
                new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl())), AvroSerdeConfig.defaults());
        ConcurrentLinkedQueue<ReturnScan> feed = new ConcurrentLinkedQueue<>();
        Map<String, Long> expectedRefunds = new TreeMap<>();
        Path stateDir = workDir.resolve("state");

        try (KafkaProducer<String, OrderPlaced> placed = kafka.producer(new StringSerializer(), topics.ordersPlaced().valueSerde().serializer());
             KafkaProducer<String, FulfillmentEvent> fulfillment = kafka.producer(new StringSerializer(),
                     topics.ordersFulfillment().valueSerde().serializer());
             KafkaProducer<String, ReturnRequested> requests = kafka.producer(new StringSerializer(),
                     topics.returnsRequests().valueSerde().serializer());
             KafkaProducer<String, ReturnScan> scans = kafka.producer(new StringSerializer(), topics.returnsScans().valueSerde().serializer())) {
            for (int i = 0; i < ORDERS; i++) {
                String orderId = Returns.physicalId(30_000 + i);
                placed.send(new ProducerRecord<>(TOPICS.ordersPlaced(), null, base.toEpochMilli(), orderId,
                        Returns.physical(orderId, base)));
                Instant deliveredAt = base.plus(Duration.ofMinutes(10));
                fulfillment.send(new ProducerRecord<>(TOPICS.ordersFulfillment(), null, deliveredAt.toEpochMilli(), orderId,
                        Returns.fulfillment(orderId, FulfillmentStatus.DELIVERED, 5, deliveredAt)));
                boolean both = i % 2 == 0;
                requests.send(new ProducerRecord<>(TOPICS.returnsRequests(), null, askedAt.toEpochMilli(), orderId,
                        both ? Returns.request("q-" + orderId, orderId, askedAt, item(KINDLE, 1), item(CASE, 1))
                                : Returns.request("q-" + orderId, orderId, askedAt, item(KINDLE, 2))));
                String returnId = orderId + "-R1";
                Instant back = askedAt.plus(Duration.ofMinutes(10 + i % 7));
                feed.add(Returns.shippedBack("b-" + orderId, orderId, returnId, back));
                feed.add(both ? Returns.received("r-" + orderId, orderId, returnId, back.plusSeconds(600),
                        line(KINDLE, 1, ItemCondition.DAMAGED), line(CASE, 1, ItemCondition.SELLABLE))
                        : Returns.received("r-" + orderId, orderId, returnId, back.plusSeconds(600),
                        line(KINDLE, 1, ItemCondition.SELLABLE), line(KINDLE, 1, ItemCondition.MISSING)));
                expectedRefunds.put(orderId, both ? KINDLE_PRICE + CASE_PRICE : KINDLE_PRICE);
            }
            placed.flush();
            fulfillment.flush();
            requests.flush();
            int scansInFeed = feed.size();
            ServiceProcess first = launch(RUNS.get(0), stateDir);
            first.awaitReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> events(kafka, topics).size() == ORDERS);

            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService carrier = Executors.newSingleThreadScheduledExecutor();
            carrier.scheduleAtFixedRate(() -> {
                ReturnScan scan = feed.poll();
                if (scan != null) {
                    scans.send(new ProducerRecord<>(TOPICS.returnsScans(), null, scan.getScannedAt().toEpochMilli(),
                            scan.getOrderId(), scan));
                    sent.incrementAndGet();
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            CrashLoop.Result crashes = CrashLoop.run("returns-stream", KILLS, first, kill -> launch(RUNS.get(kill), stateDir),
                    sent::get, scansInFeed, () -> !feed.isEmpty(), () -> events(kafka, topics).size());
            assertThat(crashes.recoveries()).as("restart to processing again").allSatisfy(recovery ->
                    assertThat(recovery).isLessThan(Duration.ofSeconds(30)));
            ServiceProcess last = crashes.last();
            await().atMost(Duration.ofSeconds(60)).until(feed::isEmpty);
            carrier.shutdown();
            assertThat(carrier.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            scans.flush();
            last.awaitReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    events(kafka, topics).size() == ORDERS * 4);

            Map<String, List<Integer>> sequences = events(kafka, topics).stream().collect(Collectors.groupingBy(
                    record -> record.value().getReturnId(), TreeMap::new,
                    Collectors.mapping(record -> record.value().getSequence(), Collectors.toList())));
            assertThat(sequences).hasSize(ORDERS).allSatisfy((returnId, seqs) ->
                    assertThat(seqs).as(returnId).containsExactly(1, 2, 3, 4));
            List<ConsumerRecord<String, RefundIssued>> refunds = kafka.readCommitted(TOPICS.paymentsRefunds(),
                    new StringDeserializer(), topics.paymentsRefunds().valueSerde().deserializer());
            assertThat(refunds).as("one refund per received return").hasSize(ORDERS);
            assertThat(refunds.stream().collect(Collectors.toMap(ConsumerRecord::key, record -> record.value().getAmount())))
                    .isEqualTo(expectedRefunds);
            assertThat(kafka.readCommitted(TOPICS.returnsRejected(), new StringDeserializer(), new ByteArrayDeserializer())).isEmpty();
            assertThat(kafka.readCommitted(TOPICS.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer())).isEmpty();

            assertThat(last.stop(Duration.ofSeconds(40))).as("stops on SIGTERM").isTrue();
            assertThat(last.log()).contains("returns-stream stopped");
        } finally {
            kafka.close();
        }
    }

    private ServiceProcess launch(String name, Path stateDir) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", SharedKafka.registryUrl(),
                "STATE_DIR", stateDir.toString(),
                "APPLICATION_ID", APPLICATION_ID,
                "TOPIC_PARTITIONS", "3"));
        for (TopicNames.Name topic : TopicNames.Name.values()) {
            env.put(topic.variable(), TOPICS.get(topic));
        }
        return processes.launch(name, ReturnsStreamApp.class, env, workDir);
    }

    private static List<ConsumerRecord<String, ReturnEvent>> events(TestKafka kafka, TopicCatalog topics) {
        return kafka.readCommitted(TOPICS.ordersReturns(), new StringDeserializer(), topics.ordersReturns().valueSerde().deserializer());
    }
}

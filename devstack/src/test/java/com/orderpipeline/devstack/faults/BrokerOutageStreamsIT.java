package com.orderpipeline.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import com.orderpipeline.tracking.TrackingStreamApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single broker down for 30 s under running stream apps, then back on the same port and data directory: the
 * apps stay alive through it and resume on their own, without a restart, and every order placed before and after
 * is processed exactly once. Runs on a broker of its own, because it stops it.
 */
class BrokerOutageStreamsIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private FulfillmentStreamApp fulfillment;
    private TrackingStreamApp tracking;

    @AfterEach
    void stopEverything() {
        fulfillment = Lifecycle.closeQuietly(fulfillment);
        tracking = Lifecycle.closeQuietly(tracking);
        registry = Lifecycle.closeQuietly(registry);
        broker = Lifecycle.closeQuietly(broker);
    }

    @Test
    void streamAppsStayAliveThroughA30SecondBrokerOutageAndProcessEveryOrderOnceAfterIt() throws Exception {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
        String bootstrap = broker.bootstrapServers();
        int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        registry = EmbeddedSchemaRegistry.start(bootstrap, 0);
        FaultPipeline pipeline = new FaultPipeline(bootstrap, dataDir.resolve("state"));
        pipeline.createTopic(pipeline.topic("orders.placed"), 3);
        fulfillment = pipeline.startFulfillment(registry.url());
        tracking = pipeline.startTracking(registry.url());
        assertThat(fulfillment.awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(tracking.awaitRunning(Duration.ofSeconds(60))).isTrue();

        List<String> before = ids(0, 10);
        List<String> after = ids(100, 10);
        try (KafkaProducer<String, OrderPlaced> shop = shop(bootstrap, pipeline)) {
            for (String id : before) {
                shop.send(new ProducerRecord<>(pipeline.topic("orders.placed"), id, FaultPipeline.order(id))).get();
            }
            FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).until(() -> before.stream().allMatch(id -> trackingStatus(id) == 200));

            broker.close();
            FaultPipeline.waiting().during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                    .until(() -> FaultPipeline.live(fulfillment.httpPort()) && FaultPipeline.live(tracking.httpPort()));
            broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), "localhost", kafkaPort);
            long back = System.nanoTime();

            for (String id : after) {
                shop.send(new ProducerRecord<>(pipeline.topic("orders.placed"), id, FaultPipeline.order(id))).get();
            }
            FaultPipeline.waiting().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> after.stream().allMatch(id -> trackingStatus(id) == 200)
                            && placedEventsByOrder(pipeline).keySet().containsAll(after));
            System.out.println("After a " + OUTAGE.toSeconds() + " s broker outage, orders placed once it was back "
                    + "were PLACED and in tracking " + Duration.ofNanos(System.nanoTime() - back).toMillis() + " ms later");
        }
        assertThat(placedEventsByOrder(pipeline)).hasSize(20).allSatisfy((id, count) -> assertThat(count).isOne());
        assertThat(pipeline.readCommitted(pipeline.topic("pipeline.dead-letter"))).isEmpty();
        assertThat(FaultPipeline.live(fulfillment.httpPort()) && FaultPipeline.live(tracking.httpPort())).isTrue();
    }

    private static List<String> ids(long from, int count) {
        return LongStream.range(from, from + count).mapToObj(n -> FaultPipeline.orderId(9_000 + n)).toList();
    }

    private KafkaProducer<String, OrderPlaced> shop(String bootstrap, FaultPipeline pipeline) {
        AvroSerializer<OrderPlaced> values = new AvroSerializer<>(OrderPlaced.class,
                new SchemaRegistryClient(RegistryClientConfig.of(registry.url())), AvroSerdeConfig.defaults(), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values);
    }

    private Map<String, Long> placedEventsByOrder(FaultPipeline pipeline) {
        return pipeline.fulfillmentEvents(registry.url()).stream()
                .filter(event -> event.getStatus() == FulfillmentStatus.PLACED)
                .collect(Collectors.groupingBy(FulfillmentEvent::getOrderId, Collectors.counting()));
    }

    private int trackingStatus(String orderId) {
        return FaultPipeline.status("http://localhost:" + tracking.httpPort() + "/orders/" + orderId);
    }
}

package com.orderpipeline.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.devstack.simulators.WarehouseSimulator;
import com.orderpipeline.embedded.kafka.EmbeddedKafkaCluster;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-node cluster (replication factor 3, min.insync.replicas 2) under running fulfillment-stream and
 * tracking-stream, a shop placing orders all along and a warehouse scanning each through to delivery: a broker
 * that is not the controller's leader is killed with SIGKILL and restarted, then, once it is back in every ISR,
 * the controller's leader. Every order Kafka acknowledged to the shop is delivered, with each of its five
 * fulfillment events committed exactly once, and shows in tracking; the apps are never restarted. Runs on a cluster
 * of its own, because it kills its nodes; it takes over 90 s, so only with {@code -Pfaults}.
 */
class ClusterFailoverIT {
    private static final int PARTITIONS = 3;
    private static final Duration ORDER_INTERVAL = Duration.ofMillis(200);
    private static final double WAREHOUSE_SPEED = 10;

    @TempDir
    Path dataDir;
    private EmbeddedKafkaCluster cluster;
    private EmbeddedSchemaRegistry registry;
    private FulfillmentStreamApp fulfillment;
    private TrackingStreamApp tracking;
    private WarehouseSimulator warehouse;
    private SteadyShop shop;
    private CommittedEvents events;

    @AfterEach
    void stopEverything() {
        shop = Lifecycle.closeQuietly(shop);
        warehouse = Lifecycle.closeQuietly(warehouse);
        events = Lifecycle.closeQuietly(events);
        fulfillment = Lifecycle.closeQuietly(fulfillment);
        tracking = Lifecycle.closeQuietly(tracking);
        registry = Lifecycle.closeQuietly(registry);
        cluster = Lifecycle.closeQuietly(cluster);
    }

    @Test
    void everyOrderIsDeliveredOnceThroughTheLossOfABrokerAndThenOfTheControllerLeader() {
        cluster = EmbeddedKafkaCluster.start(dataDir.resolve("kafka"));
        FaultPipeline pipeline = new FaultPipeline(cluster.bootstrapServers(), dataDir.resolve("state"), (short) 3);
        registry = EmbeddedSchemaRegistry.start(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers),
                "_schemas-" + pipeline.suffix, (short) 3, "localhost", 0);
        pipeline.createTopic(pipeline.topic("orders.placed"), PARTITIONS);
        fulfillment = pipeline.startFulfillment(registry.url());
        tracking = pipeline.startTracking(registry.url());
        assertThat(fulfillment.awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(tracking.awaitRunning(Duration.ofSeconds(60))).isTrue();
        SchemaRegistryClient registryClient = new SchemaRegistryClient(RegistryClientConfig.of(registry.url()));
        events = new CommittedEvents(pipeline, registry.url());
        warehouse = new WarehouseSimulator(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers),
                registryClient, pipeline.topic("orders.fulfillment"), pipeline.topic("fulfillment.scans"), 0,
                WAREHOUSE_SPEED, Clock.systemUTC());
        shop = new SteadyShop(shopProducer(pipeline, registryClient), pipeline.topic("orders.placed"), 50_000, ORDER_INTERVAL);
        FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).until(() -> delivered().size() >= 5);

        int follower = cluster.nodeIds().stream().filter(id -> id != cluster.controllerLeader()).findFirst().orElseThrow();
        killAndRestart(follower, "broker " + follower + " (not the controller's leader)");
        int leader = cluster.controllerLeader();
        killAndRestart(leader, "broker " + leader + " (the controller's leader)");

        shop.stop();
        List<SteadyShop.Placed> placed = shop.placed();
        Set<String> placedIds = placed.stream().map(SteadyShop.Placed::orderId).collect(Collectors.toSet());
        FaultPipeline.waiting().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> delivered().containsAll(placedIds));
        System.out.println("Through both kills the shop placed " + placed.size() + " orders; the longest wait for an "
                + "acknowledgement was " + placed.stream().map(SteadyShop.Placed::waited).max(Duration::compareTo)
                .orElseThrow().toMillis() + " ms");

        assertThat(shop.refused()).as("orders Kafka did not acknowledge").isEmpty();
        assertThat(pipeline.readCommitted(pipeline.topic("orders.placed"))).extracting(record -> record.key())
                .as("each acknowledged order once on orders.placed").containsExactlyInAnyOrderElementsOf(placedIds);
        Map<String, List<Integer>> sequences = pipeline.fulfillmentEvents(registry.url()).stream()
                .collect(Collectors.groupingBy(FulfillmentEvent::getOrderId,
                        Collectors.mapping(FulfillmentEvent::getSequence, Collectors.toList())));
        assertThat(sequences.keySet()).as("orders with fulfillment events").isEqualTo(placedIds);
        assertThat(sequences).as("events per order, by sequence, read_committed")
                .allSatisfy((id, numbers) -> assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5));
        FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(placedIds).allSatisfy(id -> assertThat(FaultPipeline.trackedStatus(tracking.httpPort(), id))
                        .as("tracking of " + id).contains("DELIVERED")));
        assertThat(pipeline.readCommitted(pipeline.topic("fulfillment.rejected"))).as("rejected scans").isEmpty();
        assertThat(pipeline.readCommitted(pipeline.topic("pipeline.dead-letter"))).as("dead letters").isEmpty();
        assertThat(FaultPipeline.live(fulfillment.httpPort()) && FaultPipeline.live(tracking.httpPort()))
                .as("both apps live, never restarted").isTrue();
        assertThat(FaultPipeline.status("http://localhost:" + fulfillment.httpPort() + "/health/ready")).isEqualTo(200);
        assertThat(FaultPipeline.status("http://localhost:" + tracking.httpPort() + "/health/ready")).isEqualTo(200);
    }

    /**
     * Kills the node, waits until an order placed after the kill has its PLACED event committed on every
     * partition, restarts the node and waits until it is back in every ISR, printing how long each took.
     */
    private void killAndRestart(int node, String which) {
        long killed = System.nanoTime();
        cluster.kill(node);
        FaultPipeline.waiting().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> firstOutputs(killed).size() == PARTITIONS);
        List<Long> firstOutputs = firstOutputs(killed).values().stream().sorted().toList();
        long restarted = System.nanoTime();
        cluster.restart(node);
        long serving = System.nanoTime();
        FaultPipeline.waiting().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.underReplicatedPartitions().isEmpty());
        System.out.println("After SIGKILL of " + which + ": first committed output " + millis(firstOutputs.get(0) - killed)
                + " ms later, output again on every partition " + millis(firstOutputs.get(PARTITIONS - 1) - killed)
                + " ms later; restarted, it served after " + millis(serving - restarted) + " ms and was back in every ISR "
                + millis(System.nanoTime() - restarted) + " ms after its restart");
        assertThat(FaultPipeline.live(fulfillment.httpPort()) && FaultPipeline.live(tracking.httpPort())).isTrue();
    }

    /**
     * For each partition of orders.placed, when the first PLACED event of an order placed there after
     * {@code since} was seen committed.
     */
    private Map<Integer, Long> firstOutputs(long since) {
        Map<String, Integer> partitionOf = shop.placed().stream().filter(order -> order.sentNanos() > since)
                .collect(Collectors.toMap(SteadyShop.Placed::orderId, SteadyShop.Placed::partition));
        return events.seen().stream()
                .filter(seen -> seen.event().getStatus() == FulfillmentStatus.PLACED
                        && partitionOf.containsKey(seen.event().getOrderId()))
                .collect(Collectors.toMap(seen -> partitionOf.get(seen.event().getOrderId()), CommittedEvents.Seen::seenNanos,
                        Math::min));
    }

    private Set<String> delivered() {
        return events.seen().stream().map(CommittedEvents.Seen::event)
                .filter(event -> event.getStatus() == FulfillmentStatus.DELIVERED)
                .map(FulfillmentEvent::getOrderId).collect(Collectors.toSet());
    }

    private static KafkaProducer<String, OrderPlaced> shopProducer(FaultPipeline pipeline, SchemaRegistryClient registry) {
        AvroSerializer<OrderPlaced> values = new AvroSerializer<>(OrderPlaced.class, registry, AvroSerdeConfig.defaults(), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}

package com.orderpipeline.returns;

import com.orderpipeline.returns.metrics.ReturnsMetrics;
import com.orderpipeline.returns.state.OrderReturns;
import com.orderpipeline.returns.topology.ReturnsTopology;
import com.orderpipeline.returns.topology.StoreSerdes;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.lifecycle.StartupRetry;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.runtime.streams.HeadlessStreamsApp;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.Subjects;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * returns-stream: checks and creates its topics, registers its schemas, runs the returns topology on Kafka
 * Streams and serves health and metrics over HTTP, and takes them apart again in order. Reads
 * {@code orders.placed}, {@code orders.fulfillment}, {@code returns.requests} and {@code returns.scans}; writes
 * {@code orders.returns}, {@code payments.refunds}, {@code returns.rejected} and {@code pipeline.dead-letter}.
 */
public final class ReturnsStreamApp extends HeadlessStreamsApp {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnsStreamApp.class);

    private ReturnsStreamApp() {
        super("returns-stream");
    }

    public static void main(String[] args) {
        Lifecycle.runUntilStopped("returns-stream", () -> start(ReturnsStreamConfig.fromEnv(Env.system())));
    }

    /**
     * Starts the service without waiting for Kafka Streams to reach RUNNING ({@code /health/ready} tells when it
     * has, {@link #awaitRunning} waits for it); on failure, whatever was started is stopped again before the error
     * is thrown.
     */
    public static ReturnsStreamApp start(ReturnsStreamConfig config) {
        return Lifecycle.startOrClose(new ReturnsStreamApp(), app -> app.startParts(config));
    }

    private void startParts(ReturnsStreamConfig config) {
        LOG.info("Starting returns-stream with {}", config);
        ReturnsMetrics counters = new ReturnsMetrics(registry());
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(config.topics(), registry, AvroSerdeConfig.defaults());
        int partitions = prepareTopics(config.kafka(), topics);
        StartupRetry.untilDone("register the schemas with " + config.registryUrl(), config.streams().startupWait(),
                SchemaRegistryException::isRetriableFailure,
                () -> registerSchemas(registry, topics, config.streams().applicationId()));

        Topology topology = ReturnsTopology.build(config.returns().withInputPartitions(partitions), topics,
                StoreSerdes.avro(registry, AvroSerdeConfig.defaults()), counters);
        Properties properties = DeadLetterHandlers.counted(
                config.streams().properties(config.kafka(), topics.deadLetter().name()), counters);
        run(topology, properties, config.httpHost(), config.httpPort());
    }

    /**
     * Creates the topics it writes, and returns.requests and returns.scans (order-id-service, carriers and
     * warehouses write them, but their partition count is this app's concern), all with the partition count of
     * orders.placed, and refuses to run unless the four topics it joins by key are co-partitioned; answers their
     * partition count. orders.fulfillment is fulfillment-stream's, ensured here only so the apps may start in any
     * order.
     */
    private static int prepareTopics(KafkaSettings kafka, TopicCatalog topics) {
        String placed = topics.ordersPlaced().name();
        String fulfillment = topics.ordersFulfillment().name();
        String requests = topics.returnsRequests().name();
        String scans = topics.returnsScans().name();
        try (TopicAdmin admin = new TopicAdmin(kafka)) {
            int partitions = admin.requireTopics(List.of(placed)).get(placed);
            admin.ensureTopics(List.of(
                    TopicSpec.of(fulfillment).withPartitions(partitions),
                    TopicSpec.of(requests).withPartitions(partitions),
                    TopicSpec.of(scans).withPartitions(partitions),
                    TopicSpec.of(topics.ordersReturns().name()).withPartitions(partitions),
                    TopicSpec.of(topics.paymentsRefunds().name()).withPartitions(partitions),
                    TopicSpec.of(topics.returnsRejected().name()).withPartitions(partitions),
                    TopicSpec.of(topics.deadLetter().name())));
            return admin.requireCoPartitioned(List.of(placed, fulfillment, requests, scans));
        }
    }

    /**
     * The schemas of the topics it writes, of its store's changelog, and the contracts order-id-service, carriers
     * and warehouses produce to returns.requests and returns.scans with. Registered before Kafka Streams starts,
     * so that no record waits on the registry to be written.
     */
    private static void registerSchemas(SchemaRegistryClient registry, TopicCatalog topics, String applicationId) {
        registry.register(Subjects.valueSubject(topics.ordersReturns().name()), ReturnEvent.getClassSchema());
        registry.register(Subjects.valueSubject(topics.paymentsRefunds().name()), RefundIssued.getClassSchema());
        registry.register(Subjects.valueSubject(topics.returnsRejected().name()), ReturnScanRejected.getClassSchema());
        registry.register(Subjects.valueSubject(topics.returnsScans().name()), ReturnScan.getClassSchema());
        registry.register(Subjects.valueSubject(topics.returnsRequests().name()), ReturnRequested.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, ReturnsTopology.ORDERS_STORE),
                OrderReturns.getClassSchema());
    }
}

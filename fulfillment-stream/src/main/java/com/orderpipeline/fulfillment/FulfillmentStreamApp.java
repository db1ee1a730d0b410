package com.orderpipeline.fulfillment;

import com.orderpipeline.fulfillment.metrics.FulfillmentMetrics;
import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.fulfillment.state.ParkedScans;
import com.orderpipeline.fulfillment.topology.FulfillmentTopology;
import com.orderpipeline.fulfillment.topology.StoreSerdes;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.lifecycle.StartupRetry;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.runtime.streams.HeadlessStreamsApp;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.RequestRejected;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.WarehouseScan;
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
 * fulfillment-stream: checks and creates its topics, registers its schemas, runs the fulfillment topology on
 * Kafka Streams and serves health and metrics over HTTP, and takes them apart again in order. Reads
 * {@code orders.placed} and {@code fulfillment.scans}; writes {@code orders.fulfillment},
 * {@code fulfillment.rejected} and {@code pipeline.dead-letter}.
 */
public final class FulfillmentStreamApp extends HeadlessStreamsApp {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillmentStreamApp.class);

    private FulfillmentStreamApp() {
        super("fulfillment-stream");
    }

    public static void main(String[] args) {
        Lifecycle.runUntilStopped("fulfillment-stream", () -> start(FulfillmentStreamConfig.fromEnv(Env.system())));
    }

    /**
     * Starts the service without waiting for Kafka Streams to reach RUNNING ({@code /health/ready} tells when it
     * has, {@link #awaitRunning} waits for it); on failure, whatever was started is stopped again before the error
     * is thrown.
     */
    public static FulfillmentStreamApp start(FulfillmentStreamConfig config) {
        return Lifecycle.startOrClose(new FulfillmentStreamApp(), app -> app.startParts(config));
    }

    private void startParts(FulfillmentStreamConfig config) {
        LOG.info("Starting fulfillment-stream with {}", config);
        FulfillmentMetrics counters = new FulfillmentMetrics(registry());
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(config.topics(), registry, AvroSerdeConfig.defaults());
        int partitions = prepareTopics(config.kafka(), topics);
        StartupRetry.untilDone("register the schemas with " + config.registryUrl(), config.streams().startupWait(),
                SchemaRegistryException::isRetriableFailure,
                () -> registerSchemas(registry, topics, config.streams().applicationId()));

        Topology topology = FulfillmentTopology.build(config.fulfillment().withInputPartitions(partitions), topics,
                StoreSerdes.avro(registry, AvroSerdeConfig.defaults()), counters);
        Properties properties = DeadLetterHandlers.counted(
                config.streams().properties(config.kafka(), topics.deadLetter().name()), counters);
        run(topology, properties, config.httpHost(), config.httpPort());
    }

    /**
     * Creates the topics it writes, fulfillment.scans and orders.requests included (warehouses and order-id-service
     * write them, but their partition count is this app's concern), all with the partition count of orders.placed,
     * and refuses to run unless the four topics it joins by key are co-partitioned; answers their partition count.
     */
    private static int prepareTopics(KafkaSettings kafka, TopicCatalog topics) {
        String placed = topics.ordersPlaced().name();
        String scans = topics.fulfillmentScans().name();
        String requests = topics.ordersRequests().name();
        String events = topics.ordersFulfillment().name();
        try (TopicAdmin admin = new TopicAdmin(kafka)) {
            int partitions = admin.requireTopics(List.of(placed)).get(placed);
            admin.ensureTopics(List.of(
                    TopicSpec.of(scans).withPartitions(partitions),
                    TopicSpec.of(events).withPartitions(partitions),
                    TopicSpec.of(requests).withPartitions(partitions),
                    TopicSpec.of(topics.fulfillmentRejected().name()).withPartitions(partitions),
                    TopicSpec.of(topics.ordersRequestsRejected().name()).withPartitions(partitions),
                    TopicSpec.of(topics.deadLetter().name())));
            return admin.requireCoPartitioned(List.of(placed, scans, requests, events));
        }
    }

    /**
     * The schemas of the topics it writes, of its stores' changelogs, and the contract warehouses produce to
     * fulfillment.scans with. Registered before Kafka Streams starts, so that no record waits on the registry
     * to be written.
     */
    private static void registerSchemas(SchemaRegistryClient registry, TopicCatalog topics, String applicationId) {
        registry.register(Subjects.valueSubject(topics.ordersFulfillment().name()), FulfillmentEvent.getClassSchema());
        registry.register(Subjects.valueSubject(topics.fulfillmentRejected().name()), ScanRejected.getClassSchema());
        registry.register(Subjects.valueSubject(topics.fulfillmentScans().name()), WarehouseScan.getClassSchema());
        registry.register(Subjects.valueSubject(topics.ordersRequests().name()), CancellationRequested.getClassSchema());
        registry.register(Subjects.valueSubject(topics.ordersRequestsRejected().name()), RequestRejected.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, FulfillmentTopology.ORDERS_STORE),
                OrderState.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, FulfillmentTopology.PARKED_SCANS_STORE),
                ParkedScans.getClassSchema());
    }
}

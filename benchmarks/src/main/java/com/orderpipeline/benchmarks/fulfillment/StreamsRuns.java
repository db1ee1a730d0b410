package com.orderpipeline.benchmarks.fulfillment;

import com.orderpipeline.benchmarks.load.StreamsLoad;
import com.orderpipeline.benchmarks.load.Timing;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.fulfillment.FulfillmentStreamConfig;
import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.fulfillment.topology.FulfillmentListener;
import com.orderpipeline.fulfillment.topology.FulfillmentSettings;
import com.orderpipeline.fulfillment.topology.FulfillmentTopology;
import com.orderpipeline.fulfillment.topology.StoreSerdes;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/**
 * The Kafka Streams runs of the load run: fulfillment-stream itself (exactly-once v2, as it always runs) and, to
 * tell the cost of exactly-once from the cost of the state machine, the same topology at least once. The byte
 * pass-through they are compared with is {@link StreamsLoad#passThrough}'s. Both take the {@code KAFKA_*} variables of
 * the environment, as the service does ({@link StreamsLoad#kafkaForApp}).
 */
final class StreamsRuns {
    private static final FulfillmentSettings SETTINGS =
            new FulfillmentSettings(WarehouseRoutes.parse("US:" + LoadData.WAREHOUSE, "WH-1"), Duration.ofMinutes(10));

    private StreamsRuns() {
    }

    /** fulfillment-stream from its start until {@code events} events are committed on its output. */
    static Timing exactlyOnce(String bootstrap, String registryUrl, Path dir, TopicNames names, long events,
                              int threads) {
        FulfillmentStreamConfig config = new FulfillmentStreamConfig("localhost", 0,
                StreamsLoad.kafkaForApp(bootstrap, threads), registryUrl, names,
                StreamsLoad.streamsSettings("fulfillment-load", dir), SETTINGS);
        return StreamsLoad.app(() -> FulfillmentStreamApp.start(config), bootstrap, names.ordersFulfillment(), events);
    }

    /** The same topology at least once, writing to topics of its own. */
    static Timing atLeastOnce(String bootstrap, String registryUrl, Path dir, String applicationId,
                              TopicNames outputs, long events, int threads) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        Topology topology = FulfillmentTopology.build(SETTINGS, TopicCatalog.create(outputs, registry,
                AvroSerdeConfig.defaults()), StoreSerdes.avro(registry, AvroSerdeConfig.defaults()), FulfillmentListener.NONE);
        return StreamsLoad.atLeastOnce(StreamsLoad.kafkaForApp(bootstrap, threads), dir, applicationId, topology,
                outputs.deadLetter(), outputs.ordersFulfillment(), events);
    }
}

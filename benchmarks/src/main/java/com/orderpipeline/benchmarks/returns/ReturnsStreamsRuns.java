package com.orderpipeline.benchmarks.returns;

import com.orderpipeline.benchmarks.load.StreamsLoad;
import com.orderpipeline.benchmarks.load.Timing;
import com.orderpipeline.returns.ReturnsStreamApp;
import com.orderpipeline.returns.ReturnsStreamConfig;
import com.orderpipeline.returns.rules.ReturnPolicy;
import com.orderpipeline.returns.topology.ReturnsListener;
import com.orderpipeline.returns.topology.ReturnsSettings;
import com.orderpipeline.returns.topology.ReturnsTopology;
import com.orderpipeline.returns.topology.StoreSerdes;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.nio.file.Path;
import org.apache.kafka.streams.Topology;

/**
 * The Kafka Streams runs of the returns load run: returns-stream itself (exactly-once v2, as it always runs) and,
 * to tell the cost of exactly-once from the cost of the returns processor, the same topology at least once. The
 * byte pass-through they are compared with is {@link StreamsLoad#passThrough}'s.
 */
final class ReturnsStreamsRuns {
    /** The shop's terms: a 30-day return window, 14 days to ship a return back. */
    private static final ReturnsSettings SETTINGS = new ReturnsSettings(ReturnPolicy.defaults());

    private ReturnsStreamsRuns() {
    }

    /** returns-stream from its start until {@code events} return events are committed on its output. */
    static Timing exactlyOnce(String bootstrap, String registryUrl, Path dir, TopicNames names, long events,
                              int threads) {
        ReturnsStreamConfig config = new ReturnsStreamConfig("localhost", 0, StreamsLoad.kafka(bootstrap, threads),
                registryUrl, names, StreamsLoad.streamsSettings("returns-load", dir), SETTINGS);
        return StreamsLoad.app(() -> ReturnsStreamApp.start(config), bootstrap, names.ordersReturns(), events);
    }

    /**
     * The same topology at least once, writing to topics of its own; checking the input partitions as the app does
     * once it has looked them up.
     */
    static Timing atLeastOnce(String bootstrap, String registryUrl, Path dir, String applicationId,
                              TopicNames outputs, int partitions, long events, int threads) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        Topology topology = ReturnsTopology.build(SETTINGS.withInputPartitions(partitions), TopicCatalog.create(outputs,
                registry, AvroSerdeConfig.defaults()), StoreSerdes.avro(registry, AvroSerdeConfig.defaults()),
                ReturnsListener.NONE);
        return StreamsLoad.atLeastOnce(bootstrap, dir, applicationId, topology, outputs.deadLetter(),
                outputs.ordersReturns(), events, threads);
    }
}

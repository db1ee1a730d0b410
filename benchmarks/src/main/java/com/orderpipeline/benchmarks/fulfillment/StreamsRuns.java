package com.orderpipeline.benchmarks.fulfillment;

import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.fulfillment.FulfillmentStreamConfig;
import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.fulfillment.topology.FulfillmentListener;
import com.orderpipeline.fulfillment.topology.FulfillmentSettings;
import com.orderpipeline.fulfillment.topology.FulfillmentTopology;
import com.orderpipeline.fulfillment.topology.StoreSerdes;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The Kafka Streams runs of the load run: fulfillment-stream itself (exactly-once v2, as it always runs); to tell
 * the cost of exactly-once from the cost of the state machine, the same topology at least once; and Kafka Streams
 * exactly-once with no work of its own, a byte pass-through.
 */
final class StreamsRuns {
    private static final FulfillmentSettings SETTINGS =
            new FulfillmentSettings(WarehouseRoutes.parse("US:" + LoadData.WAREHOUSE, "WH-1"), Duration.ofMinutes(10));

    private StreamsRuns() {
    }

    /** fulfillment-stream from its start until {@code events} events are committed on its output. */
    static Timing exactlyOnce(String bootstrap, String registryUrl, Path dir, TopicNames names, long events,
                              int threads) {
        FulfillmentStreamConfig config = new FulfillmentStreamConfig("localhost", 0, kafka(bootstrap, threads),
                registryUrl, names, streamsSettings("fulfillment-load", dir), SETTINGS);
        long start = System.nanoTime();
        try (FulfillmentStreamApp app = FulfillmentStreamApp.start(config)) {
            Timing timing = awaitEvents(bootstrap, names.ordersFulfillment(), events, start);
            printThreadProfile(app.httpPort());
            return timing;
        }
    }

    /** The same topology at least once, writing to topics of its own. */
    static Timing atLeastOnce(String bootstrap, String registryUrl, Path dir, String applicationId,
                              TopicNames outputs, long events, int threads) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        TopicCatalog topics = TopicCatalog.create(outputs, registry, AvroSerdeConfig.defaults());
        Properties properties = streamsSettings(applicationId, dir)
                .properties(kafka(bootstrap, threads), outputs.deadLetter());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(FulfillmentTopology.build(SETTINGS, topics,
                StoreSerdes.avro(registry, AvroSerdeConfig.defaults()), FulfillmentListener.NONE), properties)) {
            streams.start();
            return awaitEvents(bootstrap, outputs.ordersFulfillment(), events, start);
        }
    }

    /**
     * Kafka Streams itself at exactly-once, with no work of its own: every record of the sources copied as bytes to
     * {@code target}, no serdes, no state. The ceiling any exactly-once topology on this broker can reach.
     */
    static Timing passThrough(String bootstrap, Path dir, List<String> sources, String target, long records,
                              int threads) {
        Properties properties = new Properties();
        properties.putAll(kafka(bootstrap, threads).with(Map.of()));
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "fulfillment-load-pass-through");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("pass-through").toString());
        Topology topology = new Topology();
        topology.addSource("sources", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                sources.toArray(String[]::new));
        topology.addSink("target", target, new ByteArraySerializer(), new ByteArraySerializer(), "sources");
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, properties)) {
            streams.start();
            return awaitEvents(bootstrap, target, records, start);
        }
    }

    /** The broker, and the stream threads as {@code KAFKA_NUM_STREAM_THREADS} would set them. */
    private static KafkaSettings kafka(String bootstrap, int threads) {
        return new KafkaSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads), 6, Optional.empty());
    }

    /** The service's own defaults (commit interval, cache), with a state directory of the run's. */
    private static StreamsSettings streamsSettings(String applicationId, Path dir) {
        return StreamsSettings.fromEnv(new Env(Map.of()), applicationId).withStateDir(dir.resolve(applicationId));
    }

    /** Counts records, not DELIVERED events: every order ends with its fifth event, and decoding costs CPU. */
    private static Timing awaitEvents(String bootstrap, String topic, long events, long start) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            long firstOutput = -1;
            long deadline = start + Deadline.NANOS;
            while (seen < events) {
                Deadline.check(deadline, "the events on " + topic, seen, events);
                int count = consumer.poll(Duration.ofMillis(100)).count();
                if (count > 0 && firstOutput < 0) {
                    firstOutput = System.nanoTime();
                }
                seen += count;
            }
            return new Timing(start, firstOutput, System.nanoTime());
        }
    }

    static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Where the stream thread spent its time, from the Kafka Streams metrics on the app's /metrics. */
    private static void printThreadProfile(int port) {
        String metrics;
        try {
            metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            System.out.println("    (no thread profile: " + e + ")");
            return;
        }
        StringBuilder profile = new StringBuilder("  exactly-once stream threads:");
        metrics.lines()
                .filter(line -> line.matches("kafka_stream_thread_(poll|process|commit)_(ratio|latency_avg)\\{.*"))
                .sorted()
                .forEach(line -> profile.append(String.format(" %s=%.3f",
                        line.substring("kafka_stream_thread_".length(), line.indexOf('{')),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))));
        System.out.println(profile + " (ratios of the thread's time; latencies in ms)");
    }
}

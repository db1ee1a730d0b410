package com.orderpipeline.benchmarks.load;

import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.FormatLocale;
import com.orderpipeline.runtime.streams.HeadlessStreamsApp;
import com.orderpipeline.runtime.streams.StreamsSettings;
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
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * What the Kafka Streams load runs share: the settings a stream app under load runs with, the wait for its
 * committed output, Kafka Streams exactly-once with no work of its own (a byte pass-through, the ceiling of any
 * exactly-once topology on the broker) and where the stream threads spent their time.
 */
public final class StreamsLoad {
    private StreamsLoad() {
    }

    /** The broker, and the stream threads as {@code KAFKA_NUM_STREAM_THREADS} would set them. */
    public static KafkaSettings kafka(String bootstrap, int threads) {
        return new KafkaSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads), 6, Optional.empty());
    }

    /**
     * {@link #kafka}, plus the {@code KAFKA_*} variables of this process's environment as a service takes them (the
     * broker and the stream threads aside, which are the run's): how a load run tries a Kafka Streams or client
     * setting on the app under test, e.g. {@code KAFKA_MAX_TASK_IDLE_MS=-1}. The baselines and the pass-through keep
     * the defaults they are the measure of.
     */
    public static KafkaSettings kafkaForApp(String bootstrap, int threads) {
        Map<String, Object> properties = new TreeMap<>(fromEnvironment());
        properties.putAll(kafka(bootstrap, threads).clientProperties());
        return new KafkaSettings(properties, 6, Optional.empty());
    }

    /** The properties the {@code KAFKA_*} variables of this process's environment set, the broker's address aside. */
    public static Map<String, Object> fromEnvironment() {
        Map<String, Object> properties = new TreeMap<>(KafkaSettings.fromEnv(Env.system()).clientProperties());
        properties.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return properties;
    }

    /** The service's own defaults (commit interval, cache), with a state directory of the run's. */
    public static StreamsSettings streamsSettings(String applicationId, Path dir) {
        return StreamsSettings.fromEnv(new Env(Map.of()), applicationId).withStateDir(dir.resolve(applicationId));
    }

    /**
     * A stream app as it runs in production, from its start until {@code events} records are committed on
     * {@code output}; then prints where its stream threads spent their time.
     */
    public static Timing app(Supplier<? extends HeadlessStreamsApp> starter, String bootstrap, String output,
                             long events) {
        long start = System.nanoTime();
        try (HeadlessStreamsApp app = starter.get()) {
            Timing timing = awaitEvents(bootstrap, output, events, start);
            printThreadProfile(app.httpPort());
            return timing;
        }
    }

    /**
     * An app's topology at least once, with the app's other settings, until {@code events} records are on
     * {@code output}: what exactly-once itself costs the app.
     */
    public static Timing atLeastOnce(String bootstrap, Path dir, String applicationId, Topology topology,
                                     String deadLetterTopic, String output, long events, int threads) {
        return atLeastOnce(kafka(bootstrap, threads), dir, applicationId, topology, deadLetterTopic, output, events);
    }

    /** {@link #atLeastOnce(String, Path, String, Topology, String, String, long, int)} with these Kafka settings. */
    public static Timing atLeastOnce(KafkaSettings kafka, Path dir, String applicationId, Topology topology,
                                     String deadLetterTopic, String output, long events) {
        String bootstrap = kafka.bootstrapServers();
        Properties properties = streamsSettings(applicationId, dir).properties(kafka, deadLetterTopic);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        FormatLocale.preferUsEnglish(); // as StreamsRunner does for every app
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, properties)) {
            streams.start();
            return awaitEvents(bootstrap, output, events, start);
        }
    }

    /**
     * Kafka Streams itself at exactly-once, with no work of its own: every record of the sources copied as bytes to
     * {@code target}, no serdes, no state. The ceiling any exactly-once topology on this broker can reach.
     */
    public static Timing passThrough(String bootstrap, Path dir, String applicationId, List<String> sources,
                                     String target, long records, int threads) {
        Properties properties = new Properties();
        properties.putAll(kafka(bootstrap, threads).with(Map.of()));
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(applicationId).toString());
        Topology topology = new Topology();
        topology.addSource("sources", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                sources.toArray(String[]::new));
        topology.addSink("target", target, new ByteArraySerializer(), new ByteArraySerializer(), "sources");
        FormatLocale.preferUsEnglish(); // as StreamsRunner does for every app
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, properties)) {
            streams.start();
            return awaitEvents(bootstrap, target, records, start);
        }
    }

    /**
     * Waits until {@code events} records are committed on {@code topic}; answers the run's timing from
     * {@code start}. Counts records rather than decoding them: a run knows how many it makes, and decoding costs CPU
     * the app under load would miss.
     */
    public static Timing awaitEvents(String bootstrap, String topic, long events, long start) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopic.reader(bootstrap)) {
            List<TopicPartition> partitions = CommittedTopic.partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            long firstOutput = -1;
            long lastOutput = -1;
            long deadline = start + Deadline.NANOS;
            while (seen < events) {
                Deadline.check(deadline, "the events on " + topic, seen, events);
                Deadline.checkProgress(lastOutput, "the events on " + topic, seen, events);
                int count = consumer.poll(Duration.ofMillis(100)).count();
                if (count > 0) {
                    lastOutput = System.nanoTime();
                    firstOutput = firstOutput < 0 ? lastOutput : firstOutput;
                }
                seen += count;
            }
            return new Timing(start, firstOutput, System.nanoTime());
        }
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

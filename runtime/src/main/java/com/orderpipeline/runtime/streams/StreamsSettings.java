package com.orderpipeline.runtime.streams;

import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings every stream app shares: exactly-once (v2), records that can never be read or
 * processed sent to the dead-letter topic with headers naming their source, error and application (Kafka
 * Streams' own dead-letter queue, through {@link DeadLetterHandlers}) while processing goes on, retriable
 * failures retried instead, bounded caches and RocksDB memory, and the state directory.
 *
 * @param applicationServer {@code host:port} of this instance's HTTP server, for interactive queries
 * @param startupWait       how long start-up waits for a schema registry that cannot answer before giving up
 * @param staticMembership  whether the stream threads join their group as static members with an instance id
 *                          kept in the state directory (see {@link StaticMembership})
 */
public record StreamsSettings(String applicationId, Path stateDir, Duration commitInterval, int standbyReplicas,
                              long cacheMaxBytes, Optional<String> applicationServer, Duration startupWait,
                              boolean staticMembership) {
    /** How long start-up waits for the schema registry unless {@code STARTUP_WAIT} says otherwise. */
    public static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

    /**
     * The stream threads' consumer session timeout unless {@code KAFKA_SESSION_TIMEOUT_MS} says otherwise: how long
     * the group waits for a member that stopped heartbeating (a killed process that does not come back, a stream
     * thread replaced after a failure) before its tasks move. Kafka's 45 s default would hold them that long.
     */
    public static final int SESSION_TIMEOUT_MS = 10_000;

    /** Settings with the default {@link #STARTUP_WAIT} and static membership. */
    public StreamsSettings(String applicationId, Path stateDir, Duration commitInterval, int standbyReplicas,
                           long cacheMaxBytes, Optional<String> applicationServer) {
        this(applicationId, stateDir, commitInterval, standbyReplicas, cacheMaxBytes, applicationServer, STARTUP_WAIT,
                true);
    }

    /** The stream threads' producer batch size unless {@code KAFKA_BATCH_SIZE} says otherwise. */
    public static final int PRODUCER_BATCH_BYTES = 64 * 1024;

    /**
     * Reads {@code APPLICATION_ID} (default the given one), {@code STATE_DIR}, {@code COMMIT_INTERVAL} (100ms),
     * {@code NUM_STANDBY_REPLICAS} (0), {@code STREAMS_CACHE_MAX_BYTES} (10 MiB), {@code APPLICATION_SERVER},
     * {@code STARTUP_WAIT} (2m) and {@code STATIC_MEMBERSHIP} (true).
     */
    public static StreamsSettings fromEnv(Env env, String defaultApplicationId) {
        String applicationId = env.string("APPLICATION_ID", defaultApplicationId);
        return new StreamsSettings(
                applicationId,
                Path.of(env.string("STATE_DIR", System.getProperty("java.io.tmpdir") + "/kafka-streams")),
                env.duration("COMMIT_INTERVAL", Duration.ofMillis(100)),
                env.integer("NUM_STANDBY_REPLICAS", 0, 0, 10),
                env.longValue("STREAMS_CACHE_MAX_BYTES", 10L * 1024 * 1024, 0, Long.MAX_VALUE),
                env.optional("APPLICATION_SERVER"),
                env.duration("STARTUP_WAIT", STARTUP_WAIT),
                env.bool("STATIC_MEMBERSHIP", true));
    }

    /** The properties for {@code new KafkaStreams(topology, properties)}. */
    public Properties properties(KafkaSettings kafka, String deadLetterTopic) {
        Properties properties = new Properties();
        properties.putAll(kafka.with(Map.of()));
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        // the handler for global stores' processing too, as Kafka Streams 5.0 will have it (4.x warns otherwise)
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        properties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        // One producer per stream thread carries the outputs and changelogs of all its tasks; batches bigger than
        // the client's 16 KiB cut its per-record cost and the broker's per-request work (docs/fulfillment.md, load
        // run), and 64 KiB did as well as 256 KiB there. Each partition with records waiting holds one batch of
        // the producer's 32 MiB buffer, so 64 KiB still leaves room for 500 such partitions per thread. linger.ms
        // and the commit interval still bound the latency. KAFKA_BATCH_SIZE or KAFKA_PRODUCER_BATCH_SIZE replace it.
        if (!properties.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)
                && !properties.containsKey(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))) {
            properties.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        }
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        if (!configured(properties, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
            properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        }
        if (staticMembership && !configured(properties, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)) {
            properties.put(StaticMembership.AUTOMATIC_INSTANCE_ID_CONFIG,
                    StaticMembership.instanceId(stateDir, applicationId));
        }
        kafka.replicationFactor().ifPresent(rf -> properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) rf));
        applicationServer.ifPresent(server -> properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        return properties;
    }

    /** Whether the operator set a consumer property, with or without a Streams prefix. */
    private static boolean configured(Properties properties, String consumerProperty) {
        return properties.stringPropertyNames().stream().anyMatch(name -> name.equals(consumerProperty)
                || name.endsWith("consumer." + consumerProperty));
    }

    public StreamsSettings withStateDir(Path dir) {
        return new StreamsSettings(applicationId, dir, commitInterval, standbyReplicas, cacheMaxBytes, applicationServer,
                startupWait, staticMembership);
    }

    public StreamsSettings withApplicationServer(String hostPort) {
        return new StreamsSettings(applicationId, stateDir, commitInterval, standbyReplicas, cacheMaxBytes,
                Optional.of(hostPort), startupWait, staticMembership);
    }
}

package com.orderpipeline.runtime.kafka;

import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How a service reaches Kafka: the bootstrap servers and every Kafka client property given as
 * {@code KAFKA_<PROPERTY_IN_UPPER_SNAKE_CASE>} (for example {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes
 * {@code security.protocol=SASL_SSL}), passed through to every client, producer, consumer, admin and Streams.
 * Also the partition count and replication factor of the topics the service creates.
 *
 * @param clientProperties   properties common to every client, bootstrap.servers included
 * @param topicPartitions    partitions of a topic the service creates
 * @param replicationFactor  replicas of a topic the service creates; empty for the broker's default
 */
public record KafkaSettings(Map<String, Object> clientProperties, int topicPartitions,
                            Optional<Short> replicationFactor) {
    private static final String PREFIX = "KAFKA_";

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
        if (!clientProperties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigException("KAFKA_BOOTSTRAP_SERVERS is needed");
        }
    }

    /** For a broker at this address with the defaults of every other setting. */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), 6, Optional.empty());
    }

    /**
     * Reads {@code KAFKA_BOOTSTRAP_SERVERS} (default localhost:9092), every other {@code KAFKA_*} variable,
     * {@code TOPIC_PARTITIONS} (default 6) and {@code TOPIC_REPLICATION_FACTOR} (default: the broker's).
     */
    public static KafkaSettings fromEnv(Env env) {
        Map<String, Object> properties = new TreeMap<>();
        env.asMap().forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && value != null && !value.isBlank()) {
                properties.put(propertyName(name), value.trim());
            }
        });
        properties.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        int partitions = env.integer("TOPIC_PARTITIONS", 6, 1, 10_000);
        int replication = env.integer("TOPIC_REPLICATION_FACTOR", -1, -1, Short.MAX_VALUE);
        return new KafkaSettings(properties, partitions,
                replication == -1 ? Optional.empty() : Optional.of((short) replication));
    }

    /** {@code KAFKA_SASL_JAAS_CONFIG} to {@code sasl.jaas.config}. */
    static String propertyName(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public String bootstrapServers() {
        return clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).toString();
    }

    /** The common properties plus the client's own, the latter winning. */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> merged = new TreeMap<>(clientProperties);
        merged.putAll(own);
        return merged;
    }
}

package com.orderpipeline.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state in a single-partition, compacted Kafka topic ({@code _schemas} by default), in the
 * key/value JSON layout of Confluent Schema Registry. Writes wait for the broker's acknowledgement
 * ({@code acks=all}) before the registry answers, so an id handed out is never lost.
 *
 * <p>One registry instance writes the topic; it reads the whole topic once at start.
 */
final class KafkaSchemaLog implements SchemaLog {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientConfig;
    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json = new ObjectMapper();

    KafkaSchemaLog(String topic, short replicationFactor, Map<String, Object> clientConfig) {
        this.topic = topic;
        this.clientConfig = Map.copyOf(clientConfig);
        ensureTopic(replicationFactor);
        Properties producerConfig = new Properties();
        producerConfig.putAll(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-log");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
    }

    /** Creates the single-partition, compacted topic unless it exists, and refuses one with more partitions. */
    private void ensureTopic(short replicationFactor) {
        KafkaSettings kafka = new KafkaSettings(clientConfig, 1, Optional.of(replicationFactor));
        try (TopicAdmin admin = new TopicAdmin(kafka)) {
            admin.ensureTopics(List.of(TopicSpec.of(topic).withPartitions(1)
                    .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            int partitions = admin.requireTopics(List.of(topic)).get(topic);
            if (partitions != 1) {
                throw new IllegalStateException("The schema registry's topic '" + topic + "' has " + partitions
                        + " partitions; it must have exactly 1 to keep its order");
            }
        }
    }

    @Override
    public void replay(Consumer<SchemaLogRecord> consumer) {
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int count = 0;
            while (reader.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading the schema registry's topic '" + topic
                            + "' up to offset " + end);
                }
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    decode(record).ifPresent(consumer);
                    count++;
                }
            }
            LOG.info("Schema registry read {} records from {}", count, topic);
        }
    }

    @Override
    public void append(SchemaLogRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key(record), value(record)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryError.storeError("could not write to topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private String key(SchemaLogRecord record) {
        ObjectNode key = json.createObjectNode();
        if (record instanceof SchemaLogRecord.SchemaVersion v) {
            key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version()).put("magic", 1);
        } else if (record instanceof SchemaLogRecord.Config c) {
            key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
        }
        return key.toString();
    }

    private String value(SchemaLogRecord record) {
        if (record instanceof SchemaLogRecord.SchemaVersion v) {
            return v.schema() == null ? null
                    : json.createObjectNode().put("subject", v.subject()).put("version", v.version())
                            .put("id", v.id()).put("schema", v.schema()).put("deleted", v.deleted()).toString();
        }
        SchemaLogRecord.Config c = (SchemaLogRecord.Config) record;
        return c.level() == null ? null
                : json.createObjectNode().put("compatibilityLevel", c.level().name()).toString();
    }

    private Optional<SchemaLogRecord> decode(ConsumerRecord<String, String> record) {
        try {
            JsonNode key = json.readTree(record.key());
            JsonNode value = record.value() == null ? null : json.readTree(record.value());
            String subject = key.path("subject").isNull() ? null : key.path("subject").asText(null);
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> {
                    if (value == null) {
                        return Optional.of(new SchemaLogRecord.SchemaVersion(subject, key.path("version").asInt(), 0, null, true));
                    }
                    return Optional.of(new SchemaLogRecord.SchemaVersion(value.path("subject").asText(),
                            value.path("version").asInt(), value.path("id").asInt(), value.path("schema").asText(),
                            value.path("deleted").asBoolean(false)));
                }
                case "CONFIG" -> {
                    CompatibilityLevel level = value == null ? null
                            : CompatibilityLevel.parse(value.path("compatibilityLevel").asText()).orElse(null);
                    return Optional.of(new SchemaLogRecord.Config(subject, level));
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), topic, e.toString());
            return Optional.empty();
        }
    }
}

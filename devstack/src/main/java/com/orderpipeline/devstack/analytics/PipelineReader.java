package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the {@link AnalyticsTopics} (key: the order ID as a string, value: Avro in the Confluent wire format) from
 * the beginning into a {@link FunnelStats}: the consumer code an analytics user would write. One consumer reads
 * the three topics; each record's value is read into the generated class of its topic ({@code FulfillmentEvent},
 * {@code ReturnEvent} or {@code RefundIssued}).
 *
 * <p>It assigns itself every partition of the three instead of joining a consumer group, so each run reads the
 * whole history, commits nothing and leaves no group behind. It reads committed transactions only. A record that cannot be read
 * is counted in the stats, reported on the error stream and skipped; it never stops the reading. Used from one
 * thread, except {@link #wakeup()}.
 */
final class PipelineReader implements AutoCloseable {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final long STALL_SECONDS = 30;
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);
    private static final int UNREADABLE_REPORTED = 10;

    private final AnalyticsTopics topics;
    private final Map<String, String> typeByTopic;
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final FunnelStats stats;
    private final PrintWriter err;
    /** Said once: the registry could not be reached, and records wait for it rather than being skipped. */
    private boolean waitingForRegistry;
    private List<TopicPartition> partitions = List.of();

    PipelineReader(AnalyticsTopics topics, Properties consumerConfig, SchemaRegistryClient registry,
                   FunnelStats stats, PrintWriter err) {
        this.topics = topics;
        this.stats = stats;
        this.err = err;
        Map<String, Deserializer<? extends SpecificRecord>> values = Map.of(
                topics.fulfillment(), new AvroDeserializer<>(FulfillmentEvent.class, registry),
                topics.returns(), new AvroDeserializer<>(ReturnEvent.class, registry),
                topics.refunds(), new AvroDeserializer<>(RefundIssued.class, registry));
        this.typeByTopic = Map.of(topics.fulfillment(), FulfillmentEvent.class.getSimpleName(),
                topics.returns(), ReturnEvent.class.getSimpleName(),
                topics.refunds(), RefundIssued.class.getSimpleName());
        Deserializer<SpecificRecord> byTopic = (topic, data) -> values.get(topic).deserialize(topic, data);
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), byTopic);
    }

    /** What an analytics reader of the pipeline needs; {@code extra} (security settings, say) goes underneath. */
    static Properties consumerConfig(String bootstrapServers, Map<String, String> extra) {
        Properties config = new Properties();
        config.putAll(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "orderpipeline-analytics");
        // the pipeline writes with exactly-once transactions: never count a step that was rolled back
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // no group.id: partitions are assigned, not subscribed, so there is nothing to commit
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // if retention deletes the oldest records while we read, carry on from the oldest that remain
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a mistyped topic must be reported, not created
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return config;
    }

    /**
     * Takes every partition of the three topics, positioned at its start; unless some do not exist: then it takes
     * none and answers those, in the order of {@link AnalyticsTopics#all()}.
     */
    List<String> assignFromBeginning() {
        List<TopicPartition> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String topic : topics.all()) {
            List<TopicPartition> ofTopic = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (ofTopic.isEmpty()) {
                missing.add(topic);
            }
            found.addAll(ofTopic);
        }
        if (missing.isEmpty()) {
            partitions = List.copyOf(found);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        return missing;
    }

    /**
     * Reads until every partition is at the end it had when this was called; false (and a message) when no
     * record came for {@value #STALL_SECONDS} seconds before that.
     */
    boolean readToCurrentEnd() {
        // with read_committed these are the last stable offsets: the end of what is committed now
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long lastPosition = -1;
        long progressedAt = System.nanoTime();
        while (true) {
            Map<TopicPartition, Long> positions = positions();
            if (partitions.stream().allMatch(partition -> positions.get(partition) >= end.get(partition))) {
                return true;
            }
            long position = positions.values().stream().mapToLong(Long::longValue).sum();
            if (position != lastPosition) {
                lastPosition = position;
                progressedAt = System.nanoTime();
            } else if (System.nanoTime() - progressedAt > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                err.println("Gave up reading " + topics.quoted() + ": no progress for " + STALL_SECONDS
                        + " s, at offsets " + positions + " of " + end);
                err.flush();
                return false;
            }
            poll();
        }
    }

    /** One poll: every event it brings goes into the stats. */
    void poll() {
        try {
            for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL_TIMEOUT)) {
                SpecificRecord value = record.value();
                if (value instanceof FulfillmentEvent event) {
                    stats.add(event);
                } else if (value instanceof ReturnEvent event) {
                    stats.add(event);
                } else if (value instanceof RefundIssued refund) {
                    stats.add(refund);
                } else {
                    // each topic's deserializer gives its one class, so only a missing value lands here
                    unreadable(record.topic(), record.partition(), record.offset(), "no value (a tombstone)");
                }
            }
        } catch (RecordDeserializationException e) {
            // the consumer stays at a record it cannot read until told to move past it
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (registryUnreachable(cause)) {
                // not the record's fault: read it again once the registry answers; the stall check gives up in time
                waitForRegistry(cause);
                return;
            }
            unreadable(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), cause.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private static boolean registryUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry) {
                return registry.isRetriable();
            }
        }
        return false;
    }

    private void waitForRegistry(Throwable cause) {
        if (!waitingForRegistry) {
            err.println("The schema registry cannot be reached (" + cause.getMessage() + "); waiting for it");
            err.flush();
            waitingForRegistry = true;
        }
        try {
            Thread.sleep(REGISTRY_RETRY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes a blocked or the next {@link #poll()} throw {@code WakeupException}; safe from any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void unreadable(String topic, int partition, long offset, String reason) {
        String where = "partition " + partition + ", offset " + offset + ": " + reason;
        stats.countUnreadable(topic + " " + where);
        long count = stats.unreadableRecords();
        if (count <= UNREADABLE_REPORTED) {
            err.println("Skipped a record of '" + topic + "' that is not a readable " + typeByTopic.get(topic) + ", at "
                    + where + (count == UNREADABLE_REPORTED ? " (further ones are only counted)" : ""));
            err.flush();
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
        return positions;
    }
}

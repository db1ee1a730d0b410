package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of {@code FulfillmentEvent}s (key: the order ID as a string, value: Avro in the Confluent wire
 * format) from the beginning into a {@link FunnelStats}: the consumer code an analytics user would write.
 *
 * <p>It assigns itself every partition instead of joining a consumer group, so each run reads the whole history,
 * commits nothing and leaves no group behind. It reads committed transactions only. A record that cannot be read
 * is counted in the stats, reported on the error stream and skipped; it never stops the reading. Used from one
 * thread, except {@link #wakeup()}.
 */
final class FulfillmentReader implements AutoCloseable {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final long STALL_SECONDS = 30;
    private static final int UNREADABLE_REPORTED = 10;

    private final String topic;
    private final KafkaConsumer<String, FulfillmentEvent> consumer;
    private final FunnelStats stats;
    private final PrintWriter err;
    private List<TopicPartition> partitions = List.of();

    FulfillmentReader(String topic, Properties consumerConfig, SchemaRegistryClient registry, FunnelStats stats,
                      PrintWriter err) {
        this.topic = topic;
        this.stats = stats;
        this.err = err;
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new AvroDeserializer<>(FulfillmentEvent.class, registry));
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

    /** Takes every partition of the topic, positioned at its start; false when the topic does not exist. */
    boolean assignFromBeginning() {
        partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
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
                err.println("Gave up reading '" + topic + "': no progress for " + STALL_SECONDS
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
            for (ConsumerRecord<String, FulfillmentEvent> record : consumer.poll(POLL_TIMEOUT)) {
                if (record.value() == null) {
                    unreadable(record.partition(), record.offset(), "no value (a tombstone)");
                } else {
                    stats.add(record.value());
                }
            }
        } catch (RecordDeserializationException e) {
            // the consumer stays at a record it cannot read until told to move past it
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            unreadable(e.topicPartition().partition(), e.offset(), cause.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
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

    private void unreadable(int partition, long offset, String reason) {
        String description = "partition " + partition + ", offset " + offset + ": " + reason;
        stats.countUnreadable(description);
        long count = stats.unreadableRecords();
        if (count <= UNREADABLE_REPORTED) {
            err.println("Skipped a record of '" + topic + "' that is not a readable FulfillmentEvent, at "
                    + description + (count == UNREADABLE_REPORTED ? " (further ones are only counted)" : ""));
            err.flush();
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
        return positions;
    }
}

package com.orderpipeline.runtime.streams;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Which partition a record keyed by order ID belongs on: the one Kafka's default partitioner picks for the key's
 * UTF-8 bytes (murmur2, as the Java producer does). An order's state lives in the task of that partition, so a
 * record that another partitioner put elsewhere would be judged without its order: parked, and quietly expired
 * as {@code UNKNOWN_ORDER}, or a second, parallel copy of the order.
 */
public final class KeyPartitions {

    private KeyPartitions() {
    }

    /** The partition Kafka's default partitioner picks for this key among {@code partitions}. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** @throws InvalidRecordException when the record arrived on another partition than its key's */
    public static void requireOwnPartition(String key, String topic, int partition, int partitions) {
        int expected = partitionOf(key, partitions);
        if (partition != expected) {
            throw new InvalidRecordException("Record with key '" + key + "' arrived on partition " + partition + " of "
                    + topic + ", but its key belongs on partition " + expected + " of " + partitions + ": records must"
                    + " be keyed by order ID and partitioned with Kafka's default murmur2 partitioner (the Java"
                    + " client's default; librdkafka clients need partitioner=murmur2_random)");
        }
    }

    /**
     * @param source     where the record came from (empty for a punctuation's records)
     * @param partitions the partition count of the co-partitioned input topics; empty checks the key only
     * @throws InvalidRecordException unless the record is keyed by its order ID and, when the partition count is
     *                                known, on that key's partition, where the order's state lives
     */
    public static void requireKeyedByOrderId(String key, String orderId, Optional<RecordMetadata> source,
                                             OptionalInt partitions) {
        if (!orderId.equals(key)) {
            throw new InvalidRecordException("Record key " + (key == null ? "null" : "'" + key + "'")
                    + " is not the order ID '" + orderId + "' of its value; records are keyed by order ID");
        }
        if (partitions.isPresent()) {
            source.ifPresent(from -> requireOwnPartition(key, from.topic(), from.partition(), partitions.getAsInt()));
        }
    }
}

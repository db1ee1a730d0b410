package com.orderpipeline.runtime.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

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
}

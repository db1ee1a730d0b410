package com.orderpipeline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The partition a key belongs on, checked against the one Kafka's own producer picks. */
class KeyPartitionsTest {

    @Test
    void picksThePartitionKafkasDefaultPartitionerPicksForEveryKeyAndCount() {
        for (int partitions = 1; partitions <= 12; partitions++) {
            for (long n = 1; n <= 200; n++) {
                String orderId = n % 2 == 0 ? orderId("114", n) : orderId("D01", n);
                int producers = BuiltInPartitioner.partitionForKey(orderId.getBytes(StandardCharsets.UTF_8), partitions);

                assertThat(KeyPartitions.partitionOf(orderId, partitions)).as("%s of %d", orderId, partitions)
                        .isEqualTo(producers);
            }
        }
    }

    @Test
    void acceptsARecordOnItsKeysPartition() {
        String orderId = orderId("114", 7);

        assertThatCode(() -> KeyPartitions.requireOwnPartition(orderId, "fulfillment.scans",
                KeyPartitions.partitionOf(orderId, 6), 6)).doesNotThrowAnyException();
    }

    @Test
    void refusesARecordOnAnotherPartitionNamingWhereItBelongsAndThePartitioner() {
        String orderId = orderId("114", 7);
        int belongs = KeyPartitions.partitionOf(orderId, 6);
        int elsewhere = (belongs + 1) % 6;

        assertThatThrownBy(() -> KeyPartitions.requireOwnPartition(orderId, "fulfillment.scans", elsewhere, 6))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("Record with key '" + orderId + "' arrived on partition " + elsewhere + " of fulfillment.scans,"
                        + " but its key belongs on partition " + belongs + " of 6: records must be keyed by order ID and"
                        + " partitioned with Kafka's default murmur2 partitioner (the Java client's default; librdkafka"
                        + " clients need partitioner=murmur2_random)");
    }

    /** A key shaped like an order ID (3-7-7); the partitioner only sees its bytes. */
    private static String orderId(String prefix, long n) {
        return String.format("%s-%07d-%07d", prefix, n, (n * 7_919) % 10_000_000);
    }
}

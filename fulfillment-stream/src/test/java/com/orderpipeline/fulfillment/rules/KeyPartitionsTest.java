package com.orderpipeline.fulfillment.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.fulfillment.Orders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The partition a key belongs on, checked against the one Kafka's own producer picks. */
class KeyPartitionsTest {

    @Test
    void picksThePartitionKafkasDefaultPartitionerPicksForEveryKeyAndCount() {
        for (int partitions = 1; partitions <= 12; partitions++) {
            for (long n = 1; n <= 200; n++) {
                String orderId = n % 2 == 0 ? Orders.physicalId(n) : Orders.digitalId(n);
                int producers = BuiltInPartitioner.partitionForKey(orderId.getBytes(StandardCharsets.UTF_8), partitions);

                assertThat(KeyPartitions.partitionOf(orderId, partitions)).as("%s of %d", orderId, partitions)
                        .isEqualTo(producers);
            }
        }
    }

    @Test
    void acceptsARecordOnItsKeysPartition() {
        String orderId = Orders.physicalId(7);

        assertThatCode(() -> KeyPartitions.requireOwnPartition(orderId, "fulfillment.scans",
                KeyPartitions.partitionOf(orderId, 6), 6)).doesNotThrowAnyException();
    }

    @Test
    void refusesARecordOnAnotherPartitionNamingWhereItBelongsAndThePartitioner() {
        String orderId = Orders.physicalId(7);
        int belongs = KeyPartitions.partitionOf(orderId, 6);
        int elsewhere = (belongs + 1) % 6;

        assertThatThrownBy(() -> KeyPartitions.requireOwnPartition(orderId, "fulfillment.scans", elsewhere, 6))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("Record with key '" + orderId + "' arrived on partition " + elsewhere + " of fulfillment.scans,"
                        + " but its key belongs on partition " + belongs + " of 6: records must be keyed by order ID and"
                        + " partitioned with Kafka's default murmur2 partitioner (the Java client's default; librdkafka"
                        + " clients need partitioner=murmur2_random)");
    }
}

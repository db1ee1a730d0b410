package com.orderpipeline.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic as a read_committed consumer sees it: what an exactly-once app has really written, not what an aborted
 * transaction left behind. The load runs count their outputs with it.
 */
public final class CommittedTopic {
    private CommittedTopic() {
    }

    /** A read_committed consumer of raw bytes, without a group: it is assigned its partitions. */
    public static KafkaConsumer<byte[], byte[]> reader(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** Hands every committed record of {@code topic}, from its beginning to its end as of now, to {@code each}. */
    public static void readAll(String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> records = reader(bootstrap)) {
            List<TopicPartition> partitions = partitions(records, topic);
            records.assign(partitions);
            records.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = records.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> records.position(p) < ends.get(p))) {
                records.poll(Duration.ofMillis(100)).forEach(each);
            }
        }
    }
}

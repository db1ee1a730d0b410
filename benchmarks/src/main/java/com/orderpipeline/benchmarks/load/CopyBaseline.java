package com.orderpipeline.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline of the load runs: the cheapest way to move the same records through the same broker, a plain
 * consumer-to-producer copy of the raw bytes, at least once (produce, flush, then commit the consumed offsets).
 */
public final class CopyBaseline {
    private CopyBaseline() {
    }

    /** Copies every record of the sources to {@code target}; answers how long it took, from the clients' start. */
    public static Timing copy(String bootstrap, String group, List<String> sources, String target, long records) {
        long start = System.nanoTime();
        long firstCopied = -1;
        long copied = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(sources);
            long deadline = start + Deadline.NANOS;
            while (copied < records) {
                Deadline.check(deadline, "the baseline copy", copied, records);
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    producer.send(new ProducerRecord<>(target, null, record.timestamp(), record.key(), record.value(),
                            record.headers()));
                }
                if (!batch.isEmpty()) {
                    producer.flush();
                    consumer.commitSync();
                    copied += batch.count();
                    if (firstCopied < 0) {
                        firstCopied = System.nanoTime();
                    }
                }
            }
        }
        return new Timing(start, firstCopied, System.nanoTime());
    }
}

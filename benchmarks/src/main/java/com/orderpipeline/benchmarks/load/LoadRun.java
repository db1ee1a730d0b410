package com.orderpipeline.benchmarks.load;

import com.orderpipeline.embedded.testing.TemporaryKafka;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A load run's command line, {@code [orders] [partitions] [stream threads]}, and the embedded broker and schema
 * registry it runs on, in a temporary directory that goes with them.
 */
public record LoadRun(String bootstrap, String registryUrl, Path dir, int orders, int partitions, int threads) {
    /** Where the baseline copies write. */
    public static final String BASELINE_TOPIC = "load.baseline-copy";
    /** Where the Kafka Streams pass-through writes. */
    public static final String PASS_THROUGH_TOPIC = "load.pass-through";

    /** What a load run does on its broker. */
    public interface Body {
        void run(LoadRun run) throws Exception;
    }

    /**
     * Runs {@code body} on a broker of its own, with the arguments or their defaults (6 partitions, 1 stream thread,
     * as {@code KAFKA_NUM_STREAM_THREADS} sets it for a service), then ends the JVM, whose client threads would
     * otherwise outlive the broker.
     */
    public static void main(String[] args, int defaultOrders, String name, Body body) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : defaultOrders;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (TemporaryKafka kafka = TemporaryKafka.start(name + "-")) {
            body.run(new LoadRun(kafka.bootstrapServers(), kafka.registryUrl(), kafka.dir(), orders, partitions,
                    threads));
        }
        System.exit(0);
    }

    /**
     * Creates the topics, each with {@code partitions} partitions, and waits until every partition's leader answers.
     * A partition just created refuses writes for a moment (NOT_LEADER_OR_FOLLOWER); on a busy machine the
     * pre-load's producers, retrying them, have failed with an OutOfOrderSequenceException. Listing the end offsets
     * succeeds only once each leader is ready.
     */
    public static void createTopics(String bootstrap, int partitions, List<String> topics) {
        try (TopicAdmin admin = new TopicAdmin(KafkaSettings.of(bootstrap))) {
            admin.ensureTopics(topics.stream().map(topic -> TopicSpec.of(topic).withPartitions(partitions)).toList());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopic.reader(bootstrap)) {
            List<TopicPartition> all = topics.stream()
                    .flatMap(topic -> CommittedTopic.partitions(consumer, topic).stream()).toList();
            consumer.endOffsets(all, Duration.ofMinutes(2));
        }
    }
}

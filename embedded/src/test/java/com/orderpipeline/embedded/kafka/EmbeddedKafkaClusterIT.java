package com.orderpipeline.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterIT {
    private static final String TOPIC = "orders";

    @TempDir
    Path dataDir;
    private EmbeddedKafkaCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** One cluster for both kills: each start of three JVMs costs about 15 s. */
    @Test
    void acknowledgesEveryWriteWhileANodeOrTheControllerLeaderIsKilledAndTakesTheNodeBackIntoTheIsr() throws Exception {
        cluster = EmbeddedKafkaCluster.start(dataDir);
        assertThat(cluster.liveBrokers()).containsExactly(1, 2, 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
             KafkaProducer<String, String> producer = producer()) {
            assertThat(admin.describeMetadataQuorum().quorumInfo().get().voters()).hasSize(3);
            // replication factor and min ISR left to the cluster's defaults
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all().get();
            // createTopics returns once the controller has the topic; the broker the admin asks learns of it a moment
            // later, and until then answers UNKNOWN_TOPIC_OR_PARTITION
            TopicDescription created = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> describe(admin), description -> true);
            assertThat(created.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
            send(producer, 0, 100);

            int follower = cluster.nodeIds().stream().filter(id -> id != cluster.controllerLeader()).findFirst().orElseThrow();
            cluster.kill(follower);
            assertThat(cluster.isRunning(follower)).isFalse();
            send(producer, 100, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.liveBrokers().contains(follower));
            assertThat(describe(admin).partitions())
                    .allSatisfy(p -> assertThat(p.isr()).extracting(Node::id).hasSize(2).doesNotContain(follower));
            cluster.restart(follower);
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.underReplicatedPartitions().isEmpty());
            assertThat(describe(admin).partitions()).allSatisfy(p -> assertThat(p.isr()).hasSize(3));

            int leader = cluster.controllerLeader();
            cluster.kill(leader);
            send(producer, 200, 300);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> cluster.controllerLeader() != leader && cluster.nodeIds().contains(cluster.controllerLeader()));
            cluster.restart(leader);
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.underReplicatedPartitions().isEmpty());
            send(producer, 300, 400);
        }
        assertThat(readAll()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 400).mapToObj(i -> "order-" + i).toList());
    }

    private TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Sends orders {@code from} to {@code to}, each acknowledged by the in-sync replicas before the next. */
    private static void send(KafkaProducer<String, String> producer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(TOPIC, "order-" + i, "placed")).get(60, TimeUnit.SECONDS);
        }
    }

    private List<String> readAll() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 3).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
            return keys;
        }
    }
}

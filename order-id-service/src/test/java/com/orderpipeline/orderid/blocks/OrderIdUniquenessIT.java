package com.orderpipeline.orderid.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.orderid.ids.OrderIdKey;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.OrderIdBlockClaim;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafka.class)
class OrderIdUniquenessIT {
    private static final int PER_INSTANCE = 50_000;
    private static final long BLOCK_SIZE = 1_000;

    @Test
    void twoInstancesStartedAtOnceAndRestartedNeverIssueTheSameId() {
        Topic<String, OrderIdBlockClaim> blocks = blocksTopic("uniqueness");
        OrderIdKey key = OrderIdKey.fromSecret(TestConfigs.TEST_KEY);
        List<String> issued = new ArrayList<>();

        for (int round = 0; round < 2; round++) {
            String a = "instance-a-" + round;
            String b = "instance-b-" + round;
            CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> issueMany(blocks, key, a));
            CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> issueMany(blocks, key, b));
            issued.addAll(first.join());
            issued.addAll(second.join());
        }

        assertThat(issued).hasSize(4 * PER_INSTANCE);
        Set<String> distinct = new HashSet<>(issued);
        assertThat(distinct).hasSize(4 * PER_INSTANCE);
        OrderIdRules rules = OrderIdRules.of("114");
        assertThat(issued.subList(0, 1_000)).allSatisfy(id -> assertThat(OrderId.parse(id, rules).canonical()).isEqualTo(id));
    }

    @Test
    void twoMarketplacesOnBlocksTopicsOfTheirOwnNeverIssueTheSameDigitalId() {
        List<String> issued = new ArrayList<>();
        try (OrderIdIssuer seattle = OrderIdIssuer.start(KafkaSettings.of(SharedKafka.bootstrapServers()),
                blocksTopic("digital-114"), "114", OrderIdKey.fromSecret(TestConfigs.TEST_KEY), 0, BLOCK_SIZE, "seattle",
                Clock.systemUTC(), Duration.ofSeconds(10));
             OrderIdIssuer dublin = OrderIdIssuer.start(KafkaSettings.of(SharedKafka.bootstrapServers()),
                     blocksTopic("digital-112"), "112", OrderIdKey.fromSecret("another-secret-key-0000"), 0, BLOCK_SIZE,
                     "dublin", Clock.systemUTC(), Duration.ofSeconds(10))) {
            for (int i = 0; i < PER_INSTANCE; i++) {
                issued.add(seattle.issue(Channel.DIGITAL));
                issued.add(dublin.issue(Channel.DIGITAL));
            }
        }

        assertThat(new HashSet<>(issued)).hasSize(2 * PER_INSTANCE);
        assertThat(issued.get(0)).startsWith("D01-1140");
        assertThat(issued.get(1)).startsWith("D01-1120");
    }

    @Test
    void refusesToStartWithAnotherKeyForTheSamePrefixAndSaysWhy() {
        Topic<String, OrderIdBlockClaim> blocks = blocksTopic("key-change");
        try (OrderIdIssuer issuer = start(blocks, OrderIdKey.fromSecret(TestConfigs.TEST_KEY), "first", BLOCK_SIZE)) {
            issuer.issue(Channel.PHYSICAL);
        }

        assertThatThrownBy(() -> start(blocks, OrderIdKey.fromSecret("another-secret-key-0000"), "second", BLOCK_SIZE))
                .isInstanceOf(BlockHistoryException.class)
                .hasMessageContaining("ORDER_ID_KEY does not match the key IDs were issued with")
                .hasMessageContaining("could reissue an ID");
    }

    @Test
    void refusesToStartWithAnotherBlockSize() {
        Topic<String, OrderIdBlockClaim> blocks = blocksTopic("size-change");
        OrderIdKey key = OrderIdKey.fromSecret(TestConfigs.TEST_KEY);
        start(blocks, key, "first", BLOCK_SIZE).close();

        assertThatThrownBy(() -> start(blocks, key, "second", 5_000))
                .isInstanceOf(BlockHistoryException.class)
                .hasMessageContaining("ORDER_ID_BLOCK_SIZE is 5000")
                .hasMessageContaining("keep the size at 1000");
    }

    private static List<String> issueMany(Topic<String, OrderIdBlockClaim> blocks, OrderIdKey key, String instance) {
        List<String> ids = new ArrayList<>(PER_INSTANCE);
        try (OrderIdIssuer issuer = start(blocks, key, instance, BLOCK_SIZE)) {
            for (int i = 0; i < PER_INSTANCE; i++) {
                ids.add(issuer.issue(i % 10 == 0 ? Channel.DIGITAL : Channel.PHYSICAL));
            }
        }
        return ids;
    }

    private static OrderIdIssuer start(Topic<String, OrderIdBlockClaim> blocks, OrderIdKey key, String instance, long blockSize) {
        return OrderIdIssuer.start(KafkaSettings.of(SharedKafka.bootstrapServers()), blocks, "114", key, 0, blockSize,
                instance, Clock.systemUTC(), Duration.ofSeconds(10));
    }

    private static Topic<String, OrderIdBlockClaim> blocksTopic(String suffix) {
        TopicCatalog catalog = TopicCatalog.create(TestConfigs.topics("ids-" + suffix),
                new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl())), AvroSerdeConfig.defaults());
        try (TopicAdmin admin = new TopicAdmin(KafkaSettings.of(SharedKafka.bootstrapServers()))) {
            admin.ensureTopics(List.of(TopicSpec.of(catalog.orderIdBlocks().name()).withPartitions(1)));
        }
        return catalog.orderIdBlocks();
    }
}

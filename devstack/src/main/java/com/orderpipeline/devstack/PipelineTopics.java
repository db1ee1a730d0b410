package com.orderpipeline.devstack;

import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.schemas.topics.TopicNames;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates every topic of the pipeline before the services start, with the layout each needs: every topic keyed
 * by order ID co-partitioned with {@code orders.placed}, {@code orders.tracking} compacted, and
 * {@code order-ids.blocks} in one partition kept forever. Topics that exist are left as they are.
 */
public final class PipelineTopics {
    private PipelineTopics() {
    }

    public static void create(KafkaSettings kafka, TopicNames names) {
        int partitions = kafka.topicPartitions();
        try (TopicAdmin admin = new TopicAdmin(kafka)) {
            admin.ensureTopics(List.of(
                    TopicSpec.of(names.ordersPlaced()).withPartitions(partitions),
                    TopicSpec.of(names.fulfillmentScans()).withPartitions(partitions),
                    TopicSpec.of(names.ordersFulfillment()).withPartitions(partitions),
                    TopicSpec.of(names.fulfillmentRejected()).withPartitions(partitions),
                    TopicSpec.of(names.ordersRequests()).withPartitions(partitions),
                    TopicSpec.of(names.ordersRequestsRejected()).withPartitions(partitions),
                    TopicSpec.of(names.returnsRequests()).withPartitions(partitions),
                    TopicSpec.of(names.returnsScans()).withPartitions(partitions),
                    TopicSpec.of(names.returnsRejected()).withPartitions(partitions),
                    TopicSpec.of(names.ordersReturns()).withPartitions(partitions),
                    TopicSpec.of(names.paymentsRefunds()).withPartitions(partitions),
                    TopicSpec.of(names.deadLetter()).withPartitions(1),
                    TopicSpec.of(names.ordersTracking()).withPartitions(partitions)
                            .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                    TopicSpec.of(names.orderIdBlocks()).withPartitions(1)
                            .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                            .withConfig(TopicConfig.RETENTION_MS_CONFIG, "-1")
                            .withConfig(TopicConfig.RETENTION_BYTES_CONFIG, "-1")));
            admin.requireCoPartitioned(List.of(names.ordersPlaced(), names.fulfillmentScans(), names.ordersRequests(),
                    names.ordersFulfillment(), names.returnsRequests(), names.returnsScans(), names.ordersReturns(),
                    names.paymentsRefunds()));
        }
    }
}

package com.orderpipeline.orderid;

import com.orderpipeline.orderid.ids.OrderIdKey;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.schemas.topics.TopicNames;
import java.time.Duration;

/** Service configurations for tests: free ports and topic names of their own, so tests share one broker. */
public final class TestConfigs {
    public static final String TEST_KEY = "test-key-0123456789abcdef";

    private TestConfigs() {
    }

    public static TopicNames topics(String suffix) {
        return new TopicNames("orders.placed." + suffix, "fulfillment.scans." + suffix, "orders.fulfillment." + suffix,
                "fulfillment.rejected." + suffix, "orders.tracking." + suffix, "pipeline.dead-letter." + suffix,
                "order-ids.blocks." + suffix);
    }

    public static OrderIdServiceConfig config(String bootstrap, String registryUrl, String topicSuffix) {
        return new OrderIdServiceConfig("localhost", 0, 64 * 1024, KafkaSettings.of(bootstrap), registryUrl,
                topics(topicSuffix), "114", OrderIdKey.fromSecret(TEST_KEY), 0, 100, "http://tracking.example",
                Duration.ofSeconds(4), Duration.ofHours(1), 1_000, "test-" + topicSuffix);
    }
}

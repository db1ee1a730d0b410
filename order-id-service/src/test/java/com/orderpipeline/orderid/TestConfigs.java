package com.orderpipeline.orderid;

import com.orderpipeline.orderid.ids.OrderIdKey;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.schemas.topics.TopicNames;
import java.time.Duration;

/** Service configurations for tests: free ports and topic names of their own, so tests share one broker. */
public final class TestConfigs {
    public static final String TEST_KEY = "test-key-0123456789abcdef";
    /** The order of SPEC.md's example. */
    public static final String EXAMPLE_ORDER = """
            {"customerId": "C-1001", "channel": "PHYSICAL", "currency": "USD", "shippingSpeed": "STANDARD",
             "items": [{"sku": "B00X4WHP5E", "title": "Kindle Paperwhite", "quantity": 1, "unitPrice": 14999}],
             "shipTo": {"name": "Ada Lovelace", "line1": "410 Terry Ave N", "line2": null, "city": "Seattle",
                        "region": "WA", "postalCode": "98109", "country": "US"}}""";

    private TestConfigs() {
    }

    public static TopicNames topics(String suffix) {
        return TopicNames.suffixed(suffix);
    }

    public static OrderIdServiceConfig config(String bootstrap, String registryUrl, String topicSuffix) {
        return new OrderIdServiceConfig("localhost", 0, 64 * 1024, KafkaSettings.of(bootstrap), registryUrl,
                topics(topicSuffix), "114", OrderIdKey.fromSecret(TEST_KEY), 0, 100, "http://tracking.example",
                Duration.ofSeconds(4), Duration.ofHours(1), 1_000, "test-" + topicSuffix, AccessSettings.disabled());
    }

    /** The same service as {@code config}, as another instance of it. */
    public static OrderIdServiceConfig asInstance(OrderIdServiceConfig c, String instanceId) {
        return new OrderIdServiceConfig(c.httpHost(), c.httpPort(), c.maxBodyBytes(), c.kafka(), c.registryUrl(), c.topics(),
                c.orderIdPrefix(), c.orderIdKey(), c.orderIdKeyGeneration(), c.blockSize(), c.trackingBaseUrl(),
                c.produceTimeout(), c.idempotencyTtl(), c.idempotencyMaxKeys(), instanceId, c.access());
    }
}

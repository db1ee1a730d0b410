package com.orderpipeline.orderid;

import com.orderpipeline.orderid.ids.OrderIdKey;
import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.schemas.topics.TopicNames;
import java.time.Duration;
import java.util.UUID;

/**
 * Everything order-id-service reads from its environment, validated once at start. docs/configuration.md
 * lists every variable with its default.
 *
 * @param orderIdKey the key of the ID permutation, from the secret {@code ORDER_ID_KEY}; fixed for the life of a prefix
 * @param orderIdKeyGeneration which key of the prefix this is, 0 to 9; digital IDs carry it, so a rotated key
 *                             never reissues a digital ID
 */
public record OrderIdServiceConfig(
        String httpHost,
        int httpPort,
        long maxBodyBytes,
        KafkaSettings kafka,
        String registryUrl,
        TopicNames topics,
        String orderIdPrefix,
        OrderIdKey orderIdKey,
        int orderIdKeyGeneration,
        long blockSize,
        String trackingBaseUrl,
        Duration produceTimeout,
        Duration idempotencyTtl,
        int idempotencyMaxKeys,
        String instanceId,
        AccessSettings access) {

    public static OrderIdServiceConfig fromEnv(Env env) {
        String prefix = env.string("ORDER_ID_PREFIX", "114");
        if (!OrderIdRules.isPhysicalPrefix(prefix)) {
            throw new ConfigException("ORDER_ID_PREFIX must be three digits, such as 114, not '" + prefix + "'");
        }
        // checked here, before the service touches Kafka: a missing or short key says so and nothing else happens
        OrderIdKey key = OrderIdKey.fromSecret(env.optional("ORDER_ID_KEY").orElse(null));
        return new OrderIdServiceConfig(
                env.string("HTTP_HOST", "0.0.0.0"),
                env.port("HTTP_PORT", 8080),
                env.longValue("HTTP_MAX_BODY_BYTES", 64 * 1024, 1024, 16L * 1024 * 1024),
                KafkaSettings.fromEnv(env),
                env.url("SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                TopicNames.fromEnv(name -> env.optional(name).orElse(null)),
                prefix,
                key,
                env.integer("ORDER_ID_KEY_GENERATION", 0, 0, 9),
                env.longValue("ORDER_ID_BLOCK_SIZE", 1_000, 1, 1_000_000_000),
                env.url("TRACKING_BASE_URL", "http://localhost:8083"),
                env.duration("PRODUCE_TIMEOUT", Duration.ofSeconds(10)),
                env.duration("IDEMPOTENCY_TTL", Duration.ofHours(24)),
                env.integer("IDEMPOTENCY_MAX_KEYS", 100_000, 1, 10_000_000),
                env.string("INSTANCE_ID", "order-id-service-" + UUID.randomUUID().toString().substring(0, 8)),
                AccessSettings.fromEnv(env));
    }

    /** A copy with this access control, for tests. */
    public OrderIdServiceConfig withAccess(AccessSettings settings) {
        return new OrderIdServiceConfig(httpHost, httpPort, maxBodyBytes, kafka, registryUrl, topics, orderIdPrefix,
                orderIdKey, orderIdKeyGeneration, blockSize, trackingBaseUrl, produceTimeout, idempotencyTtl,
                idempotencyMaxKeys, instanceId, settings);
    }

    @Override
    public String toString() {
        // the key never reaches a log
        return "OrderIdServiceConfig[http=" + httpHost + ":" + httpPort + ", kafka=" + kafka.bootstrapServers()
                + ", registry=" + registryUrl + ", prefix=" + orderIdPrefix + ", keyGeneration=" + orderIdKeyGeneration + ", blockSize=" + blockSize
                + ", instance=" + instanceId + ", " + access + "]";
    }
}

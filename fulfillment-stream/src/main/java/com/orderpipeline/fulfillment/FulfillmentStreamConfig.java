package com.orderpipeline.fulfillment;

import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.fulfillment.topology.FulfillmentSettings;
import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.topics.TopicNames;
import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything fulfillment-stream reads from its environment, validated once at start. docs/fulfillment.md lists
 * every variable with its default.
 */
public record FulfillmentStreamConfig(
        String httpHost,
        int httpPort,
        KafkaSettings kafka,
        String registryUrl,
        TopicNames topics,
        StreamsSettings streams,
        FulfillmentSettings fulfillment) {

    public static final String DEFAULT_APPLICATION_ID = "fulfillment-stream";

    public static FulfillmentStreamConfig fromEnv(Env env) {
        return new FulfillmentStreamConfig(
                env.string("HTTP_HOST", "0.0.0.0"),
                env.port("HTTP_PORT", 8082),
                kafka(env),
                env.url("SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                TopicNames.fromEnv(name -> env.optional(name).orElse(null)),
                StreamsSettings.fromEnv(env, DEFAULT_APPLICATION_ID),
                new FulfillmentSettings(routes(env), env.positiveDuration("SCAN_GRACE_PERIOD", Duration.ofMinutes(10), "10m"),
                        env.integer("MAX_PARKED_SCANS_PER_ORDER", FulfillmentSettings.DEFAULT_MAX_PARKED_SCANS_PER_ORDER, 1,
                                FulfillmentSettings.MOST_PARKED_SCANS_PER_ORDER)));
    }

    /**
     * The Kafka settings, refusing {@code KAFKA_MAX_TASK_IDLE_MS=-1}. With it Kafka Streams takes a task's scans
     * while records of orders.placed still wait on the broker, unfetched; the scans move stream time on and expire
     * the scans parked for those orders. The load run, catching up a backlog so, lost a third of its events
     * (docs/fulfillment.md). The default, 0, waits for a partition the broker has records of.
     */
    private static KafkaSettings kafka(Env env) {
        KafkaSettings kafka = KafkaSettings.fromEnv(env);
        Object idle = kafka.clientProperties().get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
        if (idle != null && idle.toString().equals(String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED))) {
            throw new ConfigException("KAFKA_MAX_TASK_IDLE_MS must not be -1: it lets scans be processed ahead of"
                    + " orders that are already on the broker, and expired by stream time before their order is read;"
                    + " leave it unset (0) or give a wait in milliseconds");
        }
        return kafka;
    }

    private static WarehouseRoutes routes(Env env) {
        String defaultWarehouse = env.string("DEFAULT_WAREHOUSE", "WH-1");
        if (!WarehouseRoutes.isWarehouseId(defaultWarehouse)) {
            throw new ConfigException("DEFAULT_WAREHOUSE must be a warehouse id (letters, digits, '.', '_' and '-'),"
                    + " not '" + defaultWarehouse + "'");
        }
        try {
            return WarehouseRoutes.parse(env.string("WAREHOUSE_ROUTES", ""), defaultWarehouse);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("WAREHOUSE_ROUTES is wrong: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        // Kafka client properties may hold credentials (sasl.jaas.config): only the bootstrap servers are logged
        return "FulfillmentStreamConfig[http=" + httpHost + ":" + httpPort + ", kafka=" + kafka.bootstrapServers()
                + ", registry=" + registryUrl + ", applicationId=" + streams.applicationId() + ", stateDir="
                + streams.stateDir() + ", topics=" + topics + ", routes=" + fulfillment.routes() + ", scanGracePeriod="
                + fulfillment.gracePeriod() + ", maxParkedScansPerOrder=" + fulfillment.maxParkedScansPerOrder() + "]";
    }
}

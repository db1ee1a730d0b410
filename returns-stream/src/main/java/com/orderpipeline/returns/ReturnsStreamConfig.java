package com.orderpipeline.returns;

import com.orderpipeline.returns.rules.ReturnPolicy;
import com.orderpipeline.returns.topology.ReturnsSettings;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.topics.TopicNames;

/**
 * Everything returns-stream reads from its environment, validated once at start. docs/returns.md lists every
 * variable with its default.
 */
public record ReturnsStreamConfig(
        String httpHost,
        int httpPort,
        KafkaSettings kafka,
        String registryUrl,
        TopicNames topics,
        StreamsSettings streams,
        ReturnsSettings returns) {

    public static final String DEFAULT_APPLICATION_ID = "returns-stream";

    public static ReturnsStreamConfig fromEnv(Env env) {
        return new ReturnsStreamConfig(
                env.string("HTTP_HOST", "0.0.0.0"),
                env.port("HTTP_PORT", 8084),
                KafkaSettings.fromEnv(env),
                env.url("SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                TopicNames.fromEnv(name -> env.optional(name).orElse(null)),
                StreamsSettings.fromEnv(env, DEFAULT_APPLICATION_ID),
                new ReturnsSettings(new ReturnPolicy(
                        env.positiveDuration("RETURN_WINDOW", ReturnPolicy.DEFAULT_WINDOW, "30d"),
                        env.positiveDuration("RETURN_SHIP_BY", ReturnPolicy.DEFAULT_SHIP_BY, "14d"))));
    }

    @Override
    public String toString() {
        // Kafka client properties may hold credentials (sasl.jaas.config): only the bootstrap servers are logged
        return "ReturnsStreamConfig[http=" + httpHost + ":" + httpPort + ", kafka=" + kafka.bootstrapServers()
                + ", registry=" + registryUrl + ", applicationId=" + streams.applicationId() + ", stateDir="
                + streams.stateDir() + ", topics=" + topics + ", returnWindow=" + returns.policy().window()
                + ", returnShipBy=" + returns.policy().shipBy() + "]";
    }
}

package com.orderpipeline.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void passesEveryKafkaVariableThroughAsAClientProperty() {
        Env env = new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093,broker-2:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "HTTP_PORT", "8080"));

        KafkaSettings settings = KafkaSettings.fromEnv(env);

        assertThat(settings.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "broker-1:9093,broker-2:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"));
    }

    @Test
    void defaultsToALocalBrokerAndTheBrokersReplicationFactor() {
        KafkaSettings settings = KafkaSettings.fromEnv(new Env(Map.of()));

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.topicPartitions()).isEqualTo(6);
        assertThat(settings.replicationFactor()).isEmpty();
    }

    @Test
    void aClientsOwnPropertiesWinOverTheCommonOnes() {
        KafkaSettings settings = KafkaSettings.of("localhost:9092");

        assertThat(settings.with(Map.of("client.id", "x", "bootstrap.servers", "other:1")))
                .containsEntry("client.id", "x").containsEntry("bootstrap.servers", "other:1");
    }
}

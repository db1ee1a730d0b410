package com.orderpipeline.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FulfillmentStreamConfigTest {

    @Test
    void readsTheDocumentedDefaults() {
        FulfillmentStreamConfig config = FulfillmentStreamConfig.fromEnv(new Env(Map.of()));

        assertThat(config.httpPort()).isEqualTo(8082);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.registryUrl()).isEqualTo("http://localhost:8081");
        assertThat(config.streams().applicationId()).isEqualTo("fulfillment-stream");
        assertThat(config.topics().fulfillmentScans()).isEqualTo("fulfillment.scans");
        assertThat(config.fulfillment().gracePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.fulfillment().expiryCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.fulfillment().routes().routes()).isEmpty();
        assertThat(config.fulfillment().routes().defaultWarehouse()).isEqualTo("WH-1");
        assertThat(config.fulfillment().maxParkedScansPerOrder()).isEqualTo(20);
    }

    @Test
    void readsEveryVariable() {
        FulfillmentStreamConfig config = FulfillmentStreamConfig.fromEnv(new Env(Map.of(
                "HTTP_PORT", "9999", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "KAFKA_SECURITY_PROTOCOL", "SSL",
                "SCHEMA_REGISTRY_URL", "http://registry:8081/", "STATE_DIR", "/data/streams",
                "TOPIC_FULFILLMENT_SCANS", "scans", "WAREHOUSE_ROUTES", "US-98:SEA-1,DE:BER-1",
                "DEFAULT_WAREHOUSE", "MAIN", "SCAN_GRACE_PERIOD", "30s", "MAX_PARKED_SCANS_PER_ORDER", "5")));

        assertThat(config.httpPort()).isEqualTo(9999);
        assertThat(config.kafka().clientProperties()).containsEntry("security.protocol", "SSL");
        assertThat(config.registryUrl()).isEqualTo("http://registry:8081");
        assertThat(config.streams().stateDir()).isEqualTo(Path.of("/data/streams"));
        assertThat(config.topics().fulfillmentScans()).isEqualTo("scans");
        assertThat(config.fulfillment().routes()).hasToString("US-98:SEA-1,DE:BER-1,*:MAIN");
        assertThat(config.fulfillment().gracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.fulfillment().expiryCheckInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.fulfillment().maxParkedScansPerOrder()).isEqualTo(5);
    }

    @Test
    void refusesToStartWithAMessageNamingTheWrongVariable() {
        assertThatThrownBy(() -> FulfillmentStreamConfig.fromEnv(new Env(Map.of("WAREHOUSE_ROUTES", "US=SEA-1"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("WAREHOUSE_ROUTES is wrong: 'US=SEA-1'");
        assertThatThrownBy(() -> FulfillmentStreamConfig.fromEnv(new Env(Map.of("DEFAULT_WAREHOUSE", "a/b"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("DEFAULT_WAREHOUSE must be a warehouse id");
        assertThatThrownBy(() -> FulfillmentStreamConfig.fromEnv(new Env(Map.of("SCAN_GRACE_PERIOD", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SCAN_GRACE_PERIOD must be longer than 0");
        assertThatThrownBy(() -> FulfillmentStreamConfig.fromEnv(new Env(Map.of("SCAN_GRACE_PERIOD", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("SCAN_GRACE_PERIOD");
        assertThatThrownBy(() -> FulfillmentStreamConfig.fromEnv(new Env(Map.of("MAX_PARKED_SCANS_PER_ORDER", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("MAX_PARKED_SCANS_PER_ORDER must be a whole number from 1 to 1000, not '0'");
    }

    @Test
    void refusesToLetKafkaStreamsTakeScansAheadOfOrdersWaitingOnTheBroker() {
        assertThatThrownBy(() -> FulfillmentStreamConfig.fromEnv(new Env(Map.of("KAFKA_MAX_TASK_IDLE_MS", "-1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KAFKA_MAX_TASK_IDLE_MS must not be -1");
        assertThat(FulfillmentStreamConfig.fromEnv(new Env(Map.of("KAFKA_MAX_TASK_IDLE_MS", "500"))).kafka()
                .clientProperties()).containsEntry("max.task.idle.ms", "500");
    }
}

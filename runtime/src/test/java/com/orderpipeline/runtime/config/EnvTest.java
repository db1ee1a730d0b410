package com.orderpipeline.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void readsTypedValuesAndFallsBackToDefaults() {
        Env env = new Env(Map.of("HTTP_PORT", " 8085 ", "PRODUCE_TIMEOUT", "1500ms", "IDEMPOTENCY_TTL", "24h",
                "FLAG", "yes", "BLANK", "  "));

        assertThat(env.port("HTTP_PORT", 8080)).isEqualTo(8085);
        assertThat(env.duration("PRODUCE_TIMEOUT", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(env.duration("IDEMPOTENCY_TTL", Duration.ZERO)).isEqualTo(Duration.ofHours(24));
        assertThat(env.bool("FLAG", false)).isTrue();
        assertThat(env.string("BLANK", "fallback")).isEqualTo("fallback");
        assertThat(env.integer("MISSING", 7, 0, 10)).isEqualTo(7);
    }

    @Test
    void namesTheVariableTheValueAndWhatWasExpected() {
        Env env = new Env(Map.of("HTTP_PORT", "80800", "PRODUCE_TIMEOUT", "soon", "SCHEMA_REGISTRY_URL", "localhost:8081"));

        assertThatThrownBy(() -> env.port("HTTP_PORT", 8080)).isInstanceOf(ConfigException.class)
                .hasMessage("HTTP_PORT must be a whole number from 0 to 65535, not '80800'");
        assertThatThrownBy(() -> env.duration("PRODUCE_TIMEOUT", Duration.ZERO)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PRODUCE_TIMEOUT must be a duration").hasMessageContaining("'soon'");
        assertThatThrownBy(() -> env.url("SCHEMA_REGISTRY_URL", "http://x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCHEMA_REGISTRY_URL must be an http:// or https:// URL");
        assertThatThrownBy(() -> env.required("ORDER_ID_KEY", "the permutation")).isInstanceOf(ConfigException.class)
                .hasMessage("ORDER_ID_KEY is not set: it is needed for the permutation");
    }

    @Test
    void refusesAZeroDurationWhereOneMustBePositive() {
        Env env = new Env(Map.of("RETURN_WINDOW", "0d", "RETURN_SHIP_BY", "7d"));

        assertThatThrownBy(() -> env.positiveDuration("RETURN_WINDOW", Duration.ofDays(30), "30d"))
                .isInstanceOf(ConfigException.class).hasMessage("RETURN_WINDOW must be longer than 0, such as 30d");
        assertThat(env.positiveDuration("RETURN_SHIP_BY", Duration.ofDays(14), "14d")).isEqualTo(Duration.ofDays(7));
        assertThat(env.positiveDuration("MISSING", Duration.ofDays(14), "14d")).isEqualTo(Duration.ofDays(14));
    }
}

package com.orderpipeline.orderid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.orderid.ids.InvalidOrderIdKeyException;
import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderIdServiceConfigTest {

    @Test
    void refusesAMissingOrShortKeyBeforeTheServiceStarts() {
        assertThatThrownBy(() -> OrderIdServiceConfig.fromEnv(new Env(Map.of())))
                .isInstanceOf(InvalidOrderIdKeyException.class)
                .hasMessageStartingWith("ORDER_ID_KEY is not set");
        assertThatThrownBy(() -> OrderIdServiceConfig.fromEnv(new Env(Map.of("ORDER_ID_KEY", "too-short"))))
                .isInstanceOf(InvalidOrderIdKeyException.class)
                .hasMessageStartingWith("ORDER_ID_KEY has 9 characters; it needs at least 16");
    }

    @Test
    void refusesAPrefixThatIsNotThreeDigits() {
        Env env = new Env(Map.of("ORDER_ID_KEY", TestConfigs.TEST_KEY, "ORDER_ID_PREFIX", "D01"));

        assertThatThrownBy(() -> OrderIdServiceConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessage("ORDER_ID_PREFIX must be three digits, such as 114, not 'D01'");
    }

    @Test
    void refusesAKeyGenerationThatIsNotOneDigit() {
        Env env = new Env(Map.of("ORDER_ID_KEY", TestConfigs.TEST_KEY, "ORDER_ID_KEY_GENERATION", "10"));

        assertThatThrownBy(() -> OrderIdServiceConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ORDER_ID_KEY_GENERATION");
    }

    @Test
    void keepsTheKeyOutOfItsDescription() {
        OrderIdServiceConfig config = OrderIdServiceConfig.fromEnv(new Env(Map.of("ORDER_ID_KEY", TestConfigs.TEST_KEY,
                "AUTH_DISABLED", "true")));

        assertThat(config.orderIdPrefix()).isEqualTo("114");
        assertThat(config.toString()).doesNotContain(TestConfigs.TEST_KEY);
    }

    @Test
    void refusesToStartWithoutTokensUnlessAccessControlIsDisabledOutright() {
        assertThatThrownBy(() -> OrderIdServiceConfig.fromEnv(new Env(Map.of("ORDER_ID_KEY", TestConfigs.TEST_KEY))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("API_TOKENS is not set");
        String token = "shop-token-of-at-least-32-characters";
        OrderIdServiceConfig config = OrderIdServiceConfig.fromEnv(new Env(Map.of("ORDER_ID_KEY", TestConfigs.TEST_KEY,
                "API_TOKENS", "shop:" + token)));
        assertThat(config.toString()).doesNotContain(token).contains("shop:");
    }
}

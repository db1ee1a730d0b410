package com.orderpipeline.tracking.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeskSettingsTest {
    @Test
    void withoutSettingsSessionsLast30MinutesIdleAnd8HoursAtMostAndTheDeskOnlyReads() {
        DeskSettings settings = DeskSettings.fromEnv(new Env(Map.of()));

        assertThat(settings.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.sessionMaxAge()).isEqualTo(Duration.ofHours(8));
        assertThat(settings.orderApiUrl()).isEmpty();
    }

    @Test
    void readsTheOrderApiAndTheSessionTimes() {
        DeskSettings settings = DeskSettings.fromEnv(new Env(Map.of("ORDER_API_URL", "http://order-id:8080/",
                "SUPPORT_SESSION_IDLE", "10m", "SUPPORT_SESSION_MAX_AGE", "2h", "SUPPORT_SESSIONS_MAX", "50")));

        assertThat(settings.orderApiUrl()).contains("http://order-id:8080");
        assertThat(settings.sessionIdle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.sessionMaxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.maxSessions()).isEqualTo(50);
    }

    @Test
    void refusesAnOrderApiThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> DeskSettings.fromEnv(new Env(Map.of("ORDER_API_URL", "order-id:8080"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ORDER_API_URL");
    }

    @Test
    void refusesAMaximumAgeShorterThanTheIdleTime() {
        assertThatThrownBy(() -> DeskSettings.fromEnv(new Env(Map.of("SUPPORT_SESSION_IDLE", "2h",
                "SUPPORT_SESSION_MAX_AGE", "1h")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SUPPORT_SESSION_MAX_AGE").hasMessageContaining("SUPPORT_SESSION_IDLE");
    }
}

package com.orderpipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

    @Test
    void takesCredentialsFromTheUrlAsBasicAuthenticationAndKeepsThemOutOfTheUrl() {
        RegistryClientConfig config = RegistryClientConfig.of("https://KEY123:s3cret@psrc-1.example.com/");

        assertThat(config.urls()).containsExactly(URI.create("https://psrc-1.example.com"));
        assertThat(config.basicAuth()).hasValue("KEY123:s3cret");
    }

    @Test
    void readsSeveralUrls() {
        RegistryClientConfig config = RegistryClientConfig.of("http://a:8081, http://b:8081");

        assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081"));
        assertThat(config.basicAuth()).isEmpty();
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> RegistryClientConfig.of("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with http:// or https://");
    }
}

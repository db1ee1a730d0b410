package com.orderpipeline.runtime.http.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(40);

    @Test
    void findsEachTokensRoleAndKeepsSeveralPerRoleForRotation() {
        ApiTokens tokens = ApiTokens.parse("API_TOKENS", "shop:" + A + ", shop:" + B + ",support:" + A.toUpperCase());
        assertThat(tokens.find(A)).get().extracting(Caller::role).isEqualTo(Access.SHOP);
        assertThat(tokens.find(B)).get().extracting(Caller::role).isEqualTo(Access.SHOP);
        assertThat(tokens.find(A.toUpperCase())).get().extracting(Caller::role).isEqualTo(Access.SUPPORT);
        assertThat(tokens.find(A + "a")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
        assertThat(tokens.first(Access.SHOP)).hasValue(A);
        assertThat(tokens.shopOrSupport()).as("a shop token first").hasValue(A);
        assertThat(ApiTokens.parse("API_TOKENS", "support:" + B).shopOrSupport()).as("else a support token").hasValue(B);
    }

    @Test
    void neverShowsATokenInItsNamesOrErrors() {
        ApiTokens tokens = ApiTokens.parse("API_TOKENS", "support:" + B);
        assertThat(tokens.toString()).doesNotContain(B).matches("ApiTokens\\[support:[0-9a-f]{8}]");
        assertThatThrownBy(() -> ApiTokens.parse("API_TOKENS", "admin:" + B))
                .isInstanceOf(ConfigException.class)
                .hasMessage("API_TOKENS entry 1 has the role 'admin': the roles are shop and support");
        assertThatThrownBy(() -> ApiTokens.parse("API_TOKENS", "shop:" + A + ",support:short"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("API_TOKENS entry 2 (support) must have a token of at least 32 printable characters without spaces");
        assertThatThrownBy(() -> ApiTokens.parse("API_TOKENS", B))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining(B);
        assertThatThrownBy(() -> ApiTokens.parse("API_TOKENS", "shop:" + A + ",support:" + A))
                .isInstanceOf(ConfigException.class).hasMessageContaining("repeats a token").hasMessageNotContaining(A);
    }

    @Test
    void aServiceRefusesToStartWithoutTokensUnlessAuthIsDisabledOutright() {
        assertThatThrownBy(() -> AccessSettings.fromEnv(new Env(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("API_TOKENS is not set")
                .hasMessageContaining("AUTH_DISABLED=true");
        AccessSettings disabled = AccessSettings.fromEnv(new Env(Map.of("AUTH_DISABLED", "true")));
        assertThat(disabled.authDisabled()).isTrue();
        AccessSettings configured = AccessSettings.fromEnv(new Env(Map.of("API_TOKENS", "shop:" + A,
                "RATE_LIMIT_PER_SECOND", "0")));
        assertThat(configured.ratePerSecond()).isZero();
        assertThat(AccessSettings.fromEnv(new Env(Map.of("API_TOKENS", "shop:" + A))).ratePerSecond()).isEqualTo(20);
        assertThatThrownBy(() -> AccessSettings.fromEnv(new Env(Map.of("API_TOKENS", "shop:" + A,
                "TRUSTED_PROXIES", "proxy.example.com")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRUSTED_PROXIES must list IP addresses or CIDR ranges");
    }

    @Test
    void trustedProxiesNameTheNearestUntrustedHopAndNeverResolveNames() {
        TrustedProxies proxies = TrustedProxies.parse("TRUSTED_PROXIES", "10.0.0.0/8, ::1");
        assertThat(proxies.client("10.1.2.3", "203.0.113.9, 10.0.0.7")).isEqualTo("203.0.113.9");
        assertThat(proxies.client("10.1.2.3", "198.51.100.1, 203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(proxies.client("192.0.2.1", "203.0.113.9")).isEqualTo("192.0.2.1");
        assertThat(proxies.client("0:0:0:0:0:0:0:1", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(proxies.trusts("localhost")).isFalse();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
    }
}

package com.orderpipeline.runtime.http.access;

import com.orderpipeline.runtime.config.ConfigException;
import com.orderpipeline.runtime.config.Env;
import java.util.Optional;

/**
 * Access control as a service reads it from its environment (docs/access.md).
 *
 * @param tokens        {@code API_TOKENS}; empty only when {@code authDisabled}, or for a service with public routes only
 * @param authDisabled  {@code AUTH_DISABLED=true}: every route open to anyone, said with a warning at start
 * @param ratePerSecond {@code RATE_LIMIT_PER_SECOND}: public lookups a second per client address, burst twice
 *                      that; 0 turns the limit off
 * @param proxies       {@code TRUSTED_PROXIES}: whose {@code X-Forwarded-For} names the client
 */
public record AccessSettings(Optional<ApiTokens> tokens, boolean authDisabled, long ratePerSecond,
                             TrustedProxies proxies) {
    public static final long DEFAULT_RATE_PER_SECOND = 20;

    public static AccessSettings fromEnv(Env env) {
        Optional<ApiTokens> tokens = env.optional("API_TOKENS").map(value -> ApiTokens.parse("API_TOKENS", value));
        boolean disabled = env.bool("AUTH_DISABLED", false);
        if (tokens.isEmpty() && !disabled) {
            throw new ConfigException("API_TOKENS is not set: give the service its tokens as role:token,role:token"
                    + " (roles shop and support, tokens of at least " + ApiTokens.MIN_LENGTH
                    + " characters), or set AUTH_DISABLED=true to run it with every route open to anyone");
        }
        return new AccessSettings(tokens, disabled,
                env.longValue("RATE_LIMIT_PER_SECOND", DEFAULT_RATE_PER_SECOND, 0, 1_000_000),
                env.optional("TRUSTED_PROXIES").map(value -> TrustedProxies.parse("TRUSTED_PROXIES", value))
                        .orElse(TrustedProxies.none()));
    }

    /** For a service whose routes are all {@link Access#PUBLIC} (health and metrics): it reads no tokens. */
    public static AccessSettings publicOnly() {
        return new AccessSettings(Optional.empty(), false, 0, TrustedProxies.none());
    }

    /** Every route open to anyone, as {@code AUTH_DISABLED=true} says. */
    public static AccessSettings disabled() {
        return new AccessSettings(Optional.empty(), true, 0, TrustedProxies.none());
    }

    /** These tokens, no rate limit: what tests of other concerns run with. */
    public static AccessSettings tokens(ApiTokens tokens) {
        return new AccessSettings(Optional.of(tokens), false, 0, TrustedProxies.none());
    }

    public AccessSettings withRatePerSecond(long perSecond) {
        return new AccessSettings(tokens, authDisabled, perSecond, proxies);
    }

    @Override
    public String toString() {
        return "access[" + (authDisabled ? "DISABLED" : tokens.map(ApiTokens::toString).orElse("public routes only"))
                + ", rate limit " + (ratePerSecond == 0 ? "off" : ratePerSecond + "/s") + "]";
    }
}

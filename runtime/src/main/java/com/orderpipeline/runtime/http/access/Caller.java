package com.orderpipeline.runtime.http.access;

/**
 * Who made a request, as its token says.
 *
 * @param role      {@link Access#SHOP} or {@link Access#SUPPORT}
 * @param tokenName the token's role and fingerprint ({@code support:3f9a1c2e}), what audit lines name; never the token
 */
public record Caller(Access role, String tokenName) {
}

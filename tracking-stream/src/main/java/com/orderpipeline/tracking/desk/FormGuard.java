package com.orderpipeline.tracking.desk;

import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * What keeps another site from submitting the desk's forms in an agent's name. A form POST is refused unless its
 * {@code Origin}, when the browser sends one, is this very host, and (for a logged-in form) its hidden
 * {@value #FIELD} equals the session's token, compared in constant time. The session cookie's
 * {@code SameSite=Strict} is the first line; these hold where it does not (an old browser, a sibling subdomain).
 */
final class FormGuard {
    /** The hidden field every form of a session carries. */
    static final String FIELD = "csrf";

    private FormGuard() {
    }

    /**
     * Empty if the request may come from the desk's own page, else why not. The origin's host must be the
     * request's {@code Host}, or the {@code X-Forwarded-Host} of a proxy in front that rewrites it: a page of
     * another site can set neither header on a form it submits.
     */
    static Optional<String> sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return Optional.empty();
        }
        try {
            String authority = Optional.ofNullable(URI.create(origin.trim()).getRawAuthority()).orElse("");
            if (!authority.isEmpty() && (authority.equalsIgnoreCase(header(ctx, "Host"))
                    || authority.equalsIgnoreCase(header(ctx, "X-Forwarded-Host")))) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // not an origin at all: refused below like a foreign one
        }
        return Optional.of("This form was sent from another site, not from the support desk");
    }

    private static String header(Context ctx, String name) {
        return Optional.ofNullable(ctx.header(name)).orElse("").trim();
    }

    /** Empty if the form carries the session's token and comes from this host, else why it is refused. */
    static Optional<String> check(Context ctx, Session session) {
        Optional<String> origin = sameOrigin(ctx);
        if (origin.isPresent()) {
            return origin;
        }
        String sent = Optional.ofNullable(ctx.formParam(FIELD)).orElse("");
        boolean same = MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
        return same ? Optional.empty() : Optional.of("This form has expired or did not come from this session's page");
    }
}

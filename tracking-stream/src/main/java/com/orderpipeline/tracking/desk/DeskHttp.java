package com.orderpipeline.tracking.desk;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * How every answer of the desk is written: the security headers on each (no caching, a content security policy
 * that allows no script, no framing, no referrer to other sites), the session cookie, and redirects after a form.
 * The referrer policy is {@code same-origin}, not {@code no-referrer}: under the latter Chromium sends
 * {@code Origin: null} with the desk's own form posts, which {@link FormGuard} cannot tell from a foreign page's.
 */
final class DeskHttp {
    /** The session cookie's name; its path keeps it off every other page of the service. */
    static final String COOKIE = "support_session";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String COOKIE_ATTRIBUTES = "; Path=/support; HttpOnly; SameSite=Strict";

    private DeskHttp() {
    }

    static void html(Context ctx, int status, String page) {
        secure(ctx).status(status).contentType("text/html; charset=utf-8").result(page);
    }

    /** 303 to a page of the desk, after a form or to the login. */
    static void seeOther(Context ctx, String location) {
        secure(ctx).redirect(location, HttpStatus.SEE_OTHER);
    }

    static Optional<String> sessionId(Context ctx) {
        return Optional.ofNullable(ctx.cookie(COOKIE)).filter(id -> !id.isEmpty());
    }

    static void setSession(Context ctx, String sessionId) {
        ctx.header("Set-Cookie", COOKIE + "=" + sessionId + COOKIE_ATTRIBUTES + secureAttribute(ctx));
    }

    static void clearSession(Context ctx) {
        ctx.header("Set-Cookie", COOKIE + "=" + COOKIE_ATTRIBUTES + "; Max-Age=0" + secureAttribute(ctx));
    }

    /**
     * {@code Secure} when the browser reached the desk over HTTPS, directly or through a proxy that says so: a
     * forged {@code X-Forwarded-Proto} can only make the cookie stricter.
     */
    private static String secureAttribute(Context ctx) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse("").trim());
        return https ? "; Secure" : "";
    }

    private static Context secure(Context ctx) {
        return ctx.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
    }
}

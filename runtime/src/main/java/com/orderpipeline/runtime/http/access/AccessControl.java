package com.orderpipeline.runtime.http.access;

import com.orderpipeline.runtime.http.ProblemException;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check every matched request passes before its handler: the route's declared {@link Access}, the caller's
 * bearer token, and the rate limit of public lookups. No token or an unknown one is 401 with
 * {@code WWW-Authenticate: Bearer}; a token of a role the route does not admit is 403; a client over its lookup
 * rate is 429 with {@code Retry-After}. A token is never logged; the caller is kept on the request as
 * {@link #caller(Context)}, named by role and fingerprint.
 */
public final class AccessControl {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final String CALLER_ATTRIBUTE = "access.caller";
    private static final String BEARER = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"order-pipeline\"";

    private final AccessSettings settings;
    private final Optional<ClientLimits> limits;

    public AccessControl(AccessSettings settings) {
        this.settings = settings;
        this.limits = settings.ratePerSecond() == 0 ? Optional.empty() : Optional.of(new ClientLimits(settings.ratePerSecond()));
        if (settings.authDisabled()) {
            LOG.warn("AUTH_DISABLED=true: access control is off, every route of this service is open to anyone");
        }
    }

    /** Runs before every matched route; throws the 401, 403 or 429 that answers the request instead. */
    public void check(Context ctx) {
        Set<RouteRole> declared = ctx.routeRoles();
        if (declared.isEmpty()) {
            LOG.error("The route of {} {} declares no access; refused until it does", ctx.method(), ctx.path());
            throw ProblemException.of(500, "This route is not configured for access; the error is logged");
        }
        Optional<Caller> caller = authenticate(ctx);
        caller.ifPresent(who -> ctx.attribute(CALLER_ATTRIBUTE, who));
        if (declared.contains(Access.PUBLIC)) {
            return;
        }
        if (declared.contains(Access.LOOKUP)) {
            if (caller.isEmpty()) {
                limit(ctx);
            }
            return;
        }
        if (settings.authDisabled()) {
            return;
        }
        Caller who = caller.orElseThrow(() -> unauthorized(
                "This needs a token: send Authorization: Bearer <token> with a token of the role " + roles(declared), null));
        if (!declared.contains(who.role())) {
            throw ProblemException.of(403, "A " + who.role().roleName() + " token may not do this: it needs a token of"
                    + " the role " + roles(declared));
        }
    }

    /** The caller of a request that passed {@link #check}, if it sent a valid token. */
    public static Optional<Caller> caller(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER_ATTRIBUTE));
    }

    /** The address a request counts against: the peer's, or the client a trusted proxy forwarded for. */
    public String clientAddress(Context ctx) {
        return settings.proxies().client(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    private Optional<Caller> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("The Authorization header must be Bearer <token>", "invalid_request");
        }
        Optional<Caller> caller = settings.tokens().flatMap(tokens -> tokens.find(header.substring(BEARER.length()).trim()));
        if (caller.isEmpty() && !settings.authDisabled()) {
            throw unauthorized("The token is not one this service accepts (a rotated-out token is refused)",
                    "invalid_token");
        }
        return caller;
    }

    private void limit(Context ctx) {
        if (limits.isEmpty()) {
            return;
        }
        String client = clientAddress(ctx);
        Optional<Duration> wait = limits.get().tryAcquire(client);
        if (wait.isPresent()) {
            throw new ProblemException(429, "about:blank", "Too Many Requests", "More than "
                    + limits.get().perSecond() + " lookups a second from " + client + "; try again in "
                    + Math.max(1, wait.get().toMillis()) + " ms", List.of(), wait.map(d -> d.plusMillis(999)));
        }
    }

    private static ProblemException unauthorized(String detail, String error) {
        return ProblemException.of(401, detail)
                .withHeader("WWW-Authenticate", error == null ? CHALLENGE : CHALLENGE + ", error=\"" + error + "\"");
    }

    private static String roles(Set<RouteRole> declared) {
        return declared.stream().map(role -> ((Access) role).roleName()).sorted().collect(Collectors.joining(" or "));
    }
}

package com.orderpipeline.tracking.desk;

import com.github.benmanes.caffeine.cache.Ticker;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.schemas.ids.OrderIdRules;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.function.Function;

/**
 * The support desk web pages under {@code /support/}, a front end of the support API
 * ({@code /support/orders/…}, {@code /support/customers/…}) and of order-id-service's actions. The pages check
 * their own session instead of a bearer token, so they are declared {@link Access#PUBLIC} to the access control;
 * the login is {@link Access#LOOKUP}, limited per client address like the public lookups, which slows guessing
 * tokens. docs/tracking.md, "The support desk", has the whole design.
 */
public final class SupportDesk {
    /** What the desk's own reads may take: the support API forwards to the owner, within its own timeouts. */
    private static final Duration API_SLACK = Duration.ofSeconds(5);

    private final LoginController login;
    private final LookupController lookups;
    private final ActionController actions;

    /**
     * @param httpHost       the address the service's server binds to: the desk reads the API there, or over
     *                       loopback when it binds to every address
     * @param forwardConnect connecting to an API
     * @param forwardTimeout the support API's own wait for the order's owner
     */
    public SupportDesk(DeskSettings settings, AccessSettings access, OrderIdRules rules, String httpHost,
                       Duration forwardConnect, Duration forwardTimeout) {
        this(settings, access, rules, ctx -> DeskApi.loopbackBase(httpHost, ctx.req().getLocalPort()), Ticker.systemTicker(),
                new ApiCalls(Json.mapper(), forwardConnect, forwardConnect.plus(forwardTimeout).plus(API_SLACK)));
    }

    /** @param ownBase the support API's address for a request; a stand-in in tests */
    SupportDesk(DeskSettings settings, AccessSettings access, OrderIdRules rules, Function<Context, String> ownBase,
                Ticker ticker, ApiCalls calls) {
        Sessions sessions = new Sessions(settings, ticker);
        DeskApi api = new DeskApi(calls, settings.orderApiUrl());
        this.login = new LoginController(sessions, access);
        this.lookups = new LookupController(sessions, api, rules, ownBase);
        this.actions = new ActionController(sessions, api, rules, Json.mapper());
    }

    /** Declares the desk's routes; none of them is under the API's {@code /support/orders} or {@code /support/customers}. */
    public void routes(JavalinConfig javalin) {
        javalin.routes.get("/support", login::home, Access.PUBLIC);
        javalin.routes.post("/support/login", login::login, Access.LOOKUP);
        javalin.routes.post("/support/logout", login::logout, Access.PUBLIC);
        javalin.routes.get("/support/desk/search", lookups::search, Access.PUBLIC);
        javalin.routes.get("/support/desk/order/{orderId}", lookups::order, Access.PUBLIC);
        javalin.routes.get("/support/desk/customer", lookups::customer, Access.PUBLIC);
        javalin.routes.post("/support/desk/order/{orderId}/cancel", actions::cancel, Access.PUBLIC);
        javalin.routes.post("/support/desk/order/{orderId}/return", actions::startReturn, Access.PUBLIC);
    }
}

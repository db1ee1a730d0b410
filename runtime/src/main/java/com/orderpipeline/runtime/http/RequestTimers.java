package com.orderpipeline.runtime.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http.server.requests} timers of one server, by method (a method outside RFC 9110's and PATCH is
 * {@code OTHER}: a client can name any, as {@code X-HTTP-Method-Override} too), route (the path template, {@code *}
 * for what no route matched, or {@code unmatched}) and status. Each is registered once and then looked up: building
 * a meter's ID and asking the registry for it on every request cost as much as a small route's own work.
 */
final class RequestTimers {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    private record Key(String method, String route, int status) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Context ctx, float ms) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        String method = ctx.method().name();
        timers.computeIfAbsent(new Key(METHODS.contains(method) ? method : "OTHER", route, ctx.statusCode()),
                        this::register)
                .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
    }

    private Timer register(Key key) {
        return Timer.builder("http.server.requests")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .publishPercentileHistogram()
                .register(registry);
    }
}

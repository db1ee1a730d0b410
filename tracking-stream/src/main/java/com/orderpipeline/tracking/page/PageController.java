package com.orderpipeline.tracking.page;

import com.orderpipeline.schemas.ids.InvalidOrderIdException;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.tracking.query.Lookup;
import com.orderpipeline.tracking.query.TrackingQueries;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The tracking page: {@code GET /} (the form), {@code GET /track?id=…} (what the form sends, redirected to the
 * order's own address) and {@code GET /track/{orderId}} (the order, or a message saying what is wrong with the
 * ID). Server-rendered HTML; status codes match the API's (400, 404, 503 with Retry-After).
 */
public final class PageController {
    private final TrackingQueries queries;
    private final OrderIdRules rules;
    private final Clock clock;

    public PageController(TrackingQueries queries, OrderIdRules rules, Clock clock) {
        this.queries = queries;
        this.rules = rules;
        this.clock = clock;
    }

    public void home(Context ctx) {
        html(ctx, 200, Html.page("Track your order", "<h1>Track your order</h1>" + Html.form("")));
    }

    public void search(Context ctx) {
        String typed = Optional.ofNullable(ctx.queryParam("id")).orElse("").strip();
        if (typed.isEmpty()) {
            html(ctx, 400, Html.page("Track your order", "<h1>Track your order</h1>"
                    + Html.problem("Please enter your order ID.") + Html.form("")));
            return;
        }
        ctx.redirect("/track/" + URLEncoder.encode(typed, StandardCharsets.UTF_8).replace("+", "%20"),
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    public void order(Context ctx) {
        String typed = ctx.pathParam("orderId");
        OrderId id;
        try {
            id = OrderId.parse(typed, rules);
        } catch (InvalidOrderIdException e) {
            html(ctx, 400, Html.page("Check your order ID", "<h1>Track your order</h1>"
                    + Html.problem(Messages.invalidId(e)) + Html.form(typed.strip())));
            return;
        }
        CompletableFuture<Lookup> lookup = queries.find(id.canonical(), Optional.empty(), false);
        if (lookup.isDone()) {
            show(ctx, lookup.join(), id);
        } else {
            ctx.future(() -> lookup.thenAccept(result -> show(ctx, result, id)));
        }
    }

    private void show(Context ctx, Lookup lookup, OrderId id) {
        if (lookup instanceof Lookup.Found found) {
            html(ctx, 200, OrderPage.render(found.view(), found.stale(), LocalDate.now(clock.withZone(ZoneOffset.UTC))));
        } else if (lookup instanceof Lookup.NotFound) {
            html(ctx, 404, Html.page("Order not found", "<h1>Track your order</h1>"
                    + Html.problem(Messages.unknownOrder(id.canonical())) + Html.form(id.canonical())));
        } else {
            int status = 502;
            if (lookup instanceof Lookup.Unavailable unavailable) {
                status = 503;
                ctx.header("Retry-After", Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
            }
            html(ctx, status, Html.page("Please try again", "<h1>Track your order</h1>"
                    + Html.problem(Messages.unavailable()) + Html.form(id.canonical())));
        }
    }

    private static void html(Context ctx, int status, String page) {
        ctx.status(status).header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(page);
    }
}

package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.page.Html.escape;

import com.orderpipeline.schemas.ids.InvalidOrderIdException;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.tracking.page.Messages;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The desk's reads: {@code GET /support/desk/search?q=…} (an order ID or a customer ID, sent on to its page),
 * {@code GET /support/desk/order/{orderId}} and {@code GET /support/desk/customer?id=…&before=…}. Order IDs are
 * checked with the order-ID rules first, a typo answered with the tracking page's message; the data comes from
 * the support API with the agent's token, asynchronously. Without a session every page sends the agent to the
 * login.
 */
final class LookupController {
    /** What is taken for an order ID: digits and hyphens only, or D and a digit (a digital order's prefix). */
    private static final Pattern ORDER_LIKE = Pattern.compile("[0-9\\- ]+|[Dd][0-9].*");
    private static final int MAX_CUSTOMER_ID = 64;
    private static final int PAGE_SIZE = 20;

    private final Sessions sessions;
    private final DeskApi api;
    private final OrderIdRules rules;
    private final Function<Context, String> ownBase;

    /** @param ownBase the address of this service's own API for a request, as the desk reaches it */
    LookupController(Sessions sessions, DeskApi api, OrderIdRules rules, Function<Context, String> ownBase) {
        this.sessions = sessions;
        this.api = api;
        this.rules = rules;
        this.ownBase = ownBase;
    }

    void search(Context ctx) {
        Optional<Session> session = loggedIn(ctx);
        if (session.isEmpty()) {
            return;
        }
        String typed = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        if (typed.isEmpty()) {
            lookupProblem(ctx, session.get(), 400, "Please enter an order ID or a customer ID.", "");
        } else if (ORDER_LIKE.matcher(typed).matches()) {
            parse(ctx, session.get(), typed).ifPresent(id -> DeskHttp.seeOther(ctx, DeskPage.orderHref(id.canonical())));
        } else if (validCustomerId(ctx, session.get(), typed)) {
            DeskHttp.seeOther(ctx, DeskPage.customerHref(typed, Optional.empty()));
        }
    }

    void order(Context ctx) {
        Optional<Session> session = loggedIn(ctx);
        if (session.isEmpty()) {
            return;
        }
        Optional<OrderId> id = parse(ctx, session.get(), ctx.pathParam("orderId"));
        if (id.isEmpty()) {
            return;
        }
        CompletableFuture<ApiAnswer> answer = api.order(ownBase.apply(ctx), session.get(), id.get().canonical());
        ctx.future(() -> answer.thenAccept(result -> {
            if (result.status() == 200) {
                DeskHttp.html(ctx, 200, OrderSheet.render(result.body(), session.get(), api.canAct(),
                        session.get().takeNotice()));
            } else if (result.status() == 404) {
                lookupProblem(ctx, session.get(), 404, "No order " + id.get().canonical() + " is known. An order placed"
                        + " a moment ago shows up within seconds: reload the page.", id.get().canonical());
            } else {
                failed(ctx, session.get(), result, id.get().canonical());
            }
        }));
    }

    void customer(Context ctx) {
        Optional<Session> session = loggedIn(ctx);
        if (session.isEmpty()) {
            return;
        }
        String customerId = Optional.ofNullable(ctx.queryParam("id")).orElse("").strip();
        if (!validCustomerId(ctx, session.get(), customerId)) {
            return;
        }
        Optional<String> before = Optional.empty();
        String cursor = ctx.queryParam("before");
        if (cursor != null && !cursor.isBlank()) {
            Optional<OrderId> id = parse(ctx, session.get(), cursor);
            if (id.isEmpty()) {
                return;
            }
            before = Optional.of(id.get().canonical());
        }
        CompletableFuture<ApiAnswer> answer = api.customerOrders(ownBase.apply(ctx), session.get(), customerId,
                PAGE_SIZE, before);
        ctx.future(() -> answer.thenAccept(result -> {
            if (result.status() == 200) {
                DeskHttp.html(ctx, 200, CustomerPage.render(customerId, result.body(), session.get()));
            } else {
                failed(ctx, session.get(), result, customerId);
            }
        }));
    }

    /** The session, or empty after sending the agent to the login page. */
    private Optional<Session> loggedIn(Context ctx) {
        Optional<Session> session = sessions.find(DeskHttp.sessionId(ctx));
        if (session.isEmpty()) {
            DeskHttp.clearSession(ctx);
            DeskHttp.seeOther(ctx, DeskPage.HOME);
        }
        return session;
    }

    private Optional<OrderId> parse(Context ctx, Session session, String typed) {
        try {
            return Optional.of(OrderId.parse(typed, rules));
        } catch (InvalidOrderIdException e) {
            String asCustomer = typed.isBlank() || typed.length() > MAX_CUSTOMER_ID ? "" : " <a id=\"as-customer\" href=\""
                    + escape(DeskPage.customerHref(typed.strip(), Optional.empty())) + "\">Look up customer "
                    + escape(typed.strip()) + " instead</a>";
            DeskHttp.html(ctx, 400, DeskPage.render("Check the order ID", Optional.of(session), "<h1>Look up</h1>"
                    + DeskPage.problem(Messages.invalidId(e)) + (asCustomer.isEmpty() ? "" : "<p>" + asCustomer + "</p>")
                    + DeskPage.search(typed.strip())));
            return Optional.empty();
        }
    }

    private boolean validCustomerId(Context ctx, Session session, String customerId) {
        if (!customerId.isEmpty() && customerId.length() <= MAX_CUSTOMER_ID
                && customerId.chars().noneMatch(Character::isISOControl)) {
            return true;
        }
        lookupProblem(ctx, session, 400, "A customer ID is 1 to " + MAX_CUSTOMER_ID + " characters without control"
                + " characters.", "");
        return false;
    }

    private void failed(Context ctx, Session session, ApiAnswer result, String subject) {
        if (result.status() == 401 || result.status() == 403) {
            sessions.end(session.id());
            DeskHttp.clearSession(ctx);
            DeskHttp.html(ctx, 401, DeskPage.render("Log in again", Optional.empty(), DeskPage.problem("Your token is"
                    + " no longer accepted (it may have been rotated out): log in again. " + result.detail())
                    + "<p><a href=\"" + DeskPage.HOME + "\">Log in</a></p>"));
            return;
        }
        int status = result.status() >= 500 ? 503 : result.status();
        result.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(wait.toSeconds())));
        String message = status == 503 ? "This cannot be read right now: " + result.detail() + " Try again in a few seconds."
                : result.detail();
        lookupProblem(ctx, session, status, message, subject);
    }

    private static void lookupProblem(Context ctx, Session session, int status, String message, String typed) {
        DeskHttp.html(ctx, status, DeskPage.render("Look up", Optional.of(session), "<h1>Look up</h1>"
                + DeskPage.problem(message) + DeskPage.search(typed)));
    }
}

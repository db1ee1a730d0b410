package com.orderpipeline.tracking.desk;

import static com.orderpipeline.tracking.page.Html.escape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.runtime.http.access.Audit;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.ids.InvalidOrderIdException;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The desk's actions for a customer: {@code POST /support/desk/order/{orderId}/cancel} and {@code …/return},
 * sent on to order-id-service ({@code ORDER_API_URL}) with the agent's token and the form's nonce as
 * {@code Idempotency-Key}. Nothing is sent without a live session and a form of its own (origin and form
 * token, {@link FormGuard}); a form submitted twice asks once. Each request sent is an audit line naming the
 * order and the request, never what the agent typed. Accepted: back to the order with a notice; refused: the
 * service's reason.
 */
final class ActionController {
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final int MAX_LINES = 100;

    private final Sessions sessions;
    private final DeskApi api;
    private final OrderIdRules rules;
    private final ObjectMapper json;

    ActionController(Sessions sessions, DeskApi api, OrderIdRules rules, ObjectMapper json) {
        this.sessions = sessions;
        this.api = api;
        this.rules = rules;
        this.json = json;
    }

    void cancel(Context ctx) {
        Optional<Form> form = form(ctx, "cancellation");
        if (form.isEmpty()) {
            return;
        }
        String reason = Optional.ofNullable(ctx.formParam(ActionForms.REASON)).orElse(CancellationReason.CUSTOMER_REQUEST.name());
        if (Arrays.stream(CancellationReason.values()).noneMatch(r -> r.name().equals(reason))) {
            refused(ctx, form.get(), 400, "Choose one of the cancellation reasons offered.");
            return;
        }
        if (tooLong(ctx, form.get(), ActionForms.NOTE)) {
            return;
        }
        ObjectNode body = json.createObjectNode().put("reason", reason).put("requestedBy", "SUPPORT");
        text(ctx, ActionForms.NOTE).ifPresent(value -> body.put("note", value));
        send(ctx, form.get(), "cancellation", () -> api.cancel(form.get().session(), form.get().orderId(),
                form.get().nonce(), body));
    }

    void startReturn(Context ctx) {
        Optional<Form> form = form(ctx, "return");
        if (form.isEmpty()) {
            return;
        }
        String reason = Optional.ofNullable(ctx.formParam(ActionForms.REASON)).orElse("");
        if (Arrays.stream(ReturnReason.values()).noneMatch(r -> r.name().equals(reason))) {
            refused(ctx, form.get(), 400, "Choose one of the return reasons offered.");
            return;
        }
        ArrayNode items = json.createArrayNode();
        for (int i = 0; i < MAX_LINES && ctx.formParam(ActionForms.SKU + i) != null; i++) {
            int quantity;
            try {
                quantity = Integer.parseInt(Optional.ofNullable(ctx.formParam(ActionForms.QUANTITY + i)).orElse("0").strip());
            } catch (NumberFormatException e) {
                quantity = -1;
            }
            if (quantity < 0) {
                refused(ctx, form.get(), 400, "Each quantity is a whole number, 0 for an item that stays.");
                return;
            }
            if (quantity > 0) {
                items.addObject().put("sku", ctx.formParam(ActionForms.SKU + i)).put("quantity", quantity);
            }
        }
        if (items.isEmpty()) {
            refused(ctx, form.get(), 400, "Nothing to return: give how many of at least one item come back.");
            return;
        }
        if (tooLong(ctx, form.get(), ActionForms.COMMENT)) {
            return;
        }
        ObjectNode body = json.createObjectNode().put("reason", reason).put("requestedBy", "SUPPORT");
        body.set("items", items);
        text(ctx, ActionForms.COMMENT).ifPresent(value -> body.put("comment", value));
        send(ctx, form.get(), "return", () -> api.startReturn(form.get().session(), form.get().orderId(),
                form.get().nonce(), body));
    }

    /** The form's session, order and nonce, or empty after answering why nothing is done. */
    private Optional<Form> form(Context ctx, String what) {
        Optional<Session> session = sessions.find(DeskHttp.sessionId(ctx));
        if (session.isEmpty()) {
            DeskHttp.clearSession(ctx);
            DeskHttp.html(ctx, 401, DeskPage.render("Log in again", Optional.empty(), DeskPage.problem("Your session"
                    + " has ended, so the " + what + " was not requested: log in again and retry.")
                    + "<p><a href=\"" + DeskPage.HOME + "\">Log in</a></p>"));
            return Optional.empty();
        }
        Optional<String> foreign = FormGuard.check(ctx, session.get());
        if (foreign.isPresent()) {
            DeskHttp.html(ctx, 403, DeskPage.render("Not done", session, DeskPage.problem(foreign.get()
                    + ", so the " + what + " was not requested. Reload the order's page and use its form.")));
            return Optional.empty();
        }
        OrderId id;
        try {
            id = OrderId.parse(ctx.pathParam("orderId"), rules);
        } catch (InvalidOrderIdException e) {
            DeskHttp.html(ctx, 400, DeskPage.render("Not done", session, DeskPage.problem(e.getMessage())));
            return Optional.empty();
        }
        String nonce = Optional.ofNullable(ctx.formParam(ActionForms.NONCE)).orElse("");
        Form form = new Form(session.get(), id.canonical(), nonce);
        if (!NONCE.matcher(nonce).matches()) {
            refused(ctx, form, 400, "The form is incomplete: reload the order's page and use its form.");
            return Optional.empty();
        }
        if (!api.canAct()) {
            refused(ctx, form, 503, "The desk cannot act for customers: ORDER_API_URL is not set.");
            return Optional.empty();
        }
        return Optional.of(form);
    }

    /** True after answering that the text field is longer than the order API takes. */
    private static boolean tooLong(Context ctx, Form form, String field) {
        if (text(ctx, field).map(String::length).orElse(0) <= ActionForms.MAX_TEXT) {
            return false;
        }
        refused(ctx, form, 400, "The " + field + " is longer than " + ActionForms.MAX_TEXT + " characters.");
        return true;
    }

    private static Optional<String> text(Context ctx, String field) {
        return Optional.ofNullable(ctx.formParam(field)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private void send(Context ctx, Form form, String what, Supplier<CompletableFuture<ApiAnswer>> request) {
        CompletableFuture<ApiAnswer> answer = form.session().actions().once(form.nonce(), () -> request.get()
                .thenApply(result -> {
                    Audit.record(form.session().who(), form.orderId(), result.status() == 202
                            ? "requested " + what + " " + result.body().path("requestId").asText("")
                            : what + " request refused with HTTP " + result.status());
                    return result;
                }));
        ctx.future(() -> answer.thenAccept(result -> {
            if (result.status() == 202) {
                String requestId = result.body().path("requestId").asText("");
                form.session().notice().set(("cancellation".equals(what) ? "Cancellation" : "Return") + " requested"
                        + " (request " + requestId + "). The order shows the decision within seconds: reload to see it.");
                DeskHttp.seeOther(ctx, DeskPage.orderHref(form.orderId()));
            } else {
                refused(ctx, form, result.status() >= 500 ? 503 : result.status(), "The " + what
                        + " was not accepted: " + result.detail());
            }
        }));
    }

    private static void refused(Context ctx, Form form, int status, String message) {
        DeskHttp.html(ctx, status, DeskPage.render("Not done", Optional.of(form.session()), DeskPage.problem(message)
                + "<p><a id=\"back\" href=\"" + escape(DeskPage.orderHref(form.orderId())) + "\">Back to order "
                + escape(form.orderId()) + "</a></p>"));
    }

    private record Form(Session session, String orderId, String nonce) {
    }
}

package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.runtime.http.access.Audit;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.tracking.query.OwnedReads;
import com.orderpipeline.tracking.query.OwnerClient;
import com.orderpipeline.tracking.support.SupportQueries;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /support/orders/{orderId}} (support only): everything about the order, from {@link SupportQueries}.
 * Every answer read here is an audit line naming the caller's token and the order; an answer forwarded to the
 * owner is audited there, where it is read.
 */
public final class SupportController {
    private final SupportQueries queries;
    private final OrderIdRules rules;

    public SupportController(SupportQueries queries, OrderIdRules rules) {
        this.queries = queries;
        this.rules = rules;
    }

    public void order(Context ctx) {
        String orderId = OrderIds.parse(ctx.pathParam("orderId"), rules).canonical();
        boolean forwarded = ctx.header(OwnerClient.FORWARDED_HEADER) != null;
        CompletableFuture<OwnedReads.Answer<Optional<String>>> answer = queries.find(orderId, forwarded,
                ctx.header("Authorization"));
        if (answer.isDone()) {
            write(ctx, orderId, answer.join());
            return;
        }
        ctx.future(() -> answer.thenAccept(result -> write(ctx, orderId, result)));
    }

    private static void write(Context ctx, String orderId, OwnedReads.Answer<Optional<String>> answer) {
        OwnedAnswers.write(ctx, answer, local -> {
            Audit.record(Audit.who(ctx), orderId, "read the support view");
            return local.value().orElseThrow(() -> ProblemException.notFound("No order " + orderId + " is known to"
                    + " tracking; an order placed a moment ago appears within seconds").withExtension("orderId", orderId));
        });
    }
}

package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.tracking.query.AnswerJson;
import com.orderpipeline.tracking.query.Lookup;
import com.orderpipeline.tracking.query.OwnerClient;
import com.orderpipeline.tracking.query.TrackingQueries;
import com.orderpipeline.tracking.query.WaitFor;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET /orders/{orderId}} and its long poll {@code ?waitFor=STATUS&timeout=30s}: checks the ID, asks
 * {@link TrackingQueries}, and writes the view as JSON (headers name the instance that answered and whether
 * the answer is stale) or the problem. A plain lookup writes the answer stored with the view, as it is. A local
 * lookup is answered on the request thread; a wait or a forward is answered asynchronously, and a client that hangs
 * up ends it.
 */
public final class OrderController {
    private final TrackingQueries queries;
    private final OrderIdRules rules;
    private final LongPollParams longPolls;
    private final AnswerJson answers;

    public OrderController(TrackingQueries queries, OrderIdRules rules, LongPollParams longPolls, AnswerJson answers) {
        this.queries = queries;
        this.rules = rules;
        this.longPolls = longPolls;
        this.answers = answers;
    }

    public void get(Context ctx) {
        OrderId id = OrderIds.parse(ctx.pathParam("orderId"), rules);
        Optional<WaitFor> wait = longPolls.read(ctx.queryParam("waitFor"), ctx.queryParam("timeout"));
        boolean forwarded = ctx.header(OwnerClient.FORWARDED_HEADER) != null;
        CompletableFuture<Lookup> lookup = wait.isPresent() ? queries.find(id.canonical(), wait, forwarded)
                : queries.findAnswer(id.canonical(), forwarded);
        if (lookup.isDone()) {
            write(ctx, lookup.join());
            return;
        }
        Runnable stopWatching = ClientDisconnect.watch(ctx, () -> lookup.cancel(true));
        CompletableFuture<Void> answered = lookup.handle((result, error) -> {
            stopWatching.run();
            if (error instanceof CancellationException) {
                return null; // the client is gone: no one to answer
            }
            if (error != null) {
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            write(ctx, result);
            return null;
        });
        answered.whenComplete((done, error) -> lookup.cancel(true));
        ctx.future(() -> answered);
    }

    private void write(Context ctx, Lookup lookup) {
        if (lookup instanceof Lookup.Answered answered) {
            ok(ctx, answered.servedBy(), answered.stale(), answered.json());
        } else if (lookup instanceof Lookup.Found found) {
            ok(ctx, found.servedBy(), found.stale(), answers.writeBytes(found));
        } else {
            throw problemOf(ctx, lookup);
        }
    }

    private static void ok(Context ctx, String servedBy, boolean stale, byte[] json) {
        ctx.status(200)
                .header(AnswerJson.SERVED_BY_HEADER, servedBy)
                .header(AnswerJson.STALE_HEADER, Boolean.toString(stale))
                .header("Cache-Control", "no-store")
                .contentType("application/json")
                .result(json);
    }

    /** The problem that answers a lookup that found no view: 404, 503 or 502. */
    static ProblemException problemOf(Context ctx, Lookup lookup) {
        if (lookup instanceof Lookup.NotFound notFound) {
            ctx.header(AnswerJson.SERVED_BY_HEADER, notFound.servedBy());
            return ProblemException.notFound("No order " + notFound.orderId() + " is known to tracking; an order placed"
                    + " a moment ago appears within seconds").withExtension("orderId", notFound.orderId());
        } else if (lookup instanceof Lookup.Unavailable unavailable) {
            return ProblemException.unavailable(unavailable.detail(), unavailable.retryAfter());
        } else if (lookup instanceof Lookup.OwnerFailed failed) {
            return new ProblemException(502, "about:blank", "Bad Gateway", "The instance that holds this order ("
                    + failed.owner() + ") gave an answer that cannot be used: " + failed.detail(), List.of(),
                    Optional.empty()).withExtension("owner", failed.owner());
        }
        throw new IllegalArgumentException("Not a failed lookup: " + lookup);
    }
}

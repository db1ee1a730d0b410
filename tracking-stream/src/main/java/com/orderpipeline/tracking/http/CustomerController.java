package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.tracking.customers.CustomerOrdersJson;
import com.orderpipeline.tracking.customers.CustomerQueries;
import com.orderpipeline.tracking.query.AnswerJson;
import com.orderpipeline.tracking.query.OwnerClient;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /customers/{customerId}/orders?limit=20&before=<orderId>}, Your Orders: checks the customer ID, the
 * limit and the cursor, asks {@link CustomerQueries}, and writes the page or the problem. An unknown customer is
 * an empty list, never a 404, so the answers tell nothing about which customers exist.
 */
public final class CustomerController {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final int MAX_CUSTOMER_ID = 64;

    private final CustomerQueries queries;
    private final OrderIdRules rules;
    private final CustomerOrdersJson answers;

    public CustomerController(CustomerQueries queries, OrderIdRules rules, CustomerOrdersJson answers) {
        this.queries = queries;
        this.rules = rules;
        this.answers = answers;
    }

    public void list(Context ctx) {
        String customerId = ctx.pathParam("customerId").trim();
        if (customerId.isEmpty() || customerId.length() > MAX_CUSTOMER_ID
                || customerId.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("The customer ID is not valid", List.of(new FieldError("customerId",
                    "must be 1 to " + MAX_CUSTOMER_ID + " characters without control characters")));
        }
        int limit = limit(ctx.queryParam("limit"));
        Optional<String> before = Optional.ofNullable(ctx.queryParam("before")).filter(cursor -> !cursor.isBlank())
                .map(cursor -> OrderIds.parse(cursor, rules).canonical());
        boolean forwarded = ctx.header(OwnerClient.FORWARDED_HEADER) != null;
        CompletableFuture<CustomerQueries.Answer> answer = queries.find(customerId, limit, before, forwarded,
                CustomerQueries.path(customerId, limit, before), ctx.header("Authorization"));
        if (answer.isDone()) {
            write(ctx, customerId, answer.join());
            return;
        }
        ctx.future(() -> answer.thenAccept(result -> write(ctx, customerId, result)));
    }

    private static int limit(String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(given.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ProblemException.badRequest("The limit is not valid",
                List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", not '" + given + "'")));
    }

    private void write(Context ctx, String customerId, CustomerQueries.Answer answer) {
        ctx.header("Cache-Control", "private, no-store");
        if (answer instanceof CustomerQueries.Answer.Local local) {
            ctx.status(200).header(AnswerJson.SERVED_BY_HEADER, local.servedBy())
                    .header(AnswerJson.STALE_HEADER, Boolean.toString(local.stale()))
                    .contentType("application/json").result(answers.page(customerId, local.page()));
        } else if (answer instanceof CustomerQueries.Answer.FromOwner owner) {
            ctx.status(owner.status()).header(AnswerJson.SERVED_BY_HEADER, owner.servedBy())
                    .contentType(owner.status() == 200 ? "application/json" : "application/problem+json")
                    .result(owner.body());
        } else if (answer instanceof CustomerQueries.Answer.Unavailable unavailable) {
            throw ProblemException.unavailable(unavailable.detail(), unavailable.retryAfter());
        }
    }
}

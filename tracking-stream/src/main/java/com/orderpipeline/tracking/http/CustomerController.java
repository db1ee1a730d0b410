package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.http.FieldError;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.runtime.http.access.Audit;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.tracking.customers.CustomerOrderPages;
import com.orderpipeline.tracking.customers.CustomerOrdersJson;
import com.orderpipeline.tracking.customers.CustomerQueries;
import com.orderpipeline.tracking.query.OwnedReads;
import com.orderpipeline.tracking.query.OwnerClient;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /customers/{customerId}/orders?limit=20&before=<orderId>}, Your Orders: checks the customer ID, the
 * limit and the cursor, asks {@link CustomerQueries}, and writes the page or the problem. An unknown customer is
 * an empty list, never a 404, so the answers tell nothing about which customers exist. The same list is answered
 * to support at {@code GET /support/customers/{customerId}/orders}, where every page read here is an audit line.
 */
public final class CustomerController {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final int MAX_CUSTOMER_ID = 64;

    private final CustomerQueries queries;
    private final OrderIdRules rules;
    private final CustomerOrdersJson answers;
    private final String prefix;
    private final boolean audited;

    private CustomerController(CustomerQueries queries, OrderIdRules rules, CustomerOrdersJson answers, String prefix,
                               boolean audited) {
        this.queries = queries;
        this.rules = rules;
        this.answers = answers;
        this.prefix = prefix;
        this.audited = audited;
    }

    /** Your Orders, for a shop acting for its customer (or support). */
    public static CustomerController yourOrders(CustomerQueries queries, OrderIdRules rules, CustomerOrdersJson answers) {
        return new CustomerController(queries, rules, answers, "", false);
    }

    /** The support desk's list of a customer's orders: the same list, each read an audit line. */
    public static CustomerController support(CustomerQueries queries, OrderIdRules rules, CustomerOrdersJson answers) {
        return new CustomerController(queries, rules, answers, "/support", true);
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
        CompletableFuture<OwnedReads.Answer<CustomerOrderPages.Page>> answer = queries.find(customerId, limit, before,
                forwarded, CustomerQueries.path(prefix, customerId, limit, before), ctx.header("Authorization"));
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

    private void write(Context ctx, String customerId, OwnedReads.Answer<CustomerOrderPages.Page> answer) {
        OwnedAnswers.write(ctx, answer, local -> {
            if (audited) {
                Audit.record(Audit.who(ctx), customerId, "read the customer's orders");
            }
            return answers.page(customerId, local.value());
        });
    }
}

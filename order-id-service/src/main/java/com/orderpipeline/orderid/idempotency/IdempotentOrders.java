package com.orderpipeline.orderid.idempotency;

import com.orderpipeline.orderid.orders.EventWriter;
import com.orderpipeline.orderid.orders.OrderRequest;
import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.orderid.orders.PlacedOrder;
import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.avro.IdempotentOrder;
import com.orderpipeline.schemas.avro.OrderPlaced;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One order per {@code Idempotency-Key}. The first request with a key binds the key to a prepared order (its ID
 * issued, its event built) and writes that binding to {@code order-ids.idempotency} before the
 * {@code OrderPlaced}. From then on every retry, on this instance or, after a restart or a failover, on another
 * one, re-sends that same event until Kafka has acknowledged it, and answers with the same order: an ambiguous
 * failure (Kafka took the event but the acknowledgement was lost) is retried into a repeated, identical
 * placement, which the stream apps ignore, never into a second order.
 */
public final class IdempotentOrders {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentOrders.class);

    private final OrderService orders;
    private final IdempotencyKeys keys;
    private final EventWriter<IdempotentOrder> journal;
    private final Clock clock;
    private final String instanceId;

    /** The answer and whether the key was bound to it before this request (a replay). */
    public record Outcome(PlacedOrder order, boolean replayed) {
    }

    public IdempotentOrders(OrderService orders, IdempotencyKeys keys, EventWriter<IdempotentOrder> journal, Clock clock,
                            String instanceId) {
        this.orders = orders;
        this.keys = keys;
        this.journal = journal;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /**
     * Places the order of the first request with {@code key}, or answers with it. The key's turn is held from here
     * until Kafka acknowledged the order (or did not), and no thread waits for that meanwhile.
     *
     * @param fingerprint identifies the request's content; a reused key with other content is refused (422)
     * @param maxWait     how long to wait for an earlier request with the key that is still running
     * @return completes with the order, or with a 503 problem when Kafka did not take the key or the order
     */
    public CompletableFuture<Outcome> place(String key, String fingerprint, OrderRequest request, Duration maxWait) {
        IdempotencyKeys.Binding binding = keys.claim(key, fingerprint);
        if (!binding.takeTurn(maxWait)) {
            throw ProblemException.unavailable("The first request with this Idempotency-Key is still being processed",
                    Duration.ofSeconds(1));
        }
        CompletableFuture<Outcome> outcome;
        try {
            outcome = inTurn(binding, request);
        } catch (RuntimeException e) {
            binding.endTurn();
            throw e;
        }
        return outcome.whenComplete((done, error) -> binding.endTurn());
    }

    private CompletableFuture<Outcome> inTurn(IdempotencyKeys.Binding binding, OrderRequest request) {
        OrderPlaced bound = binding.order();
        if (bound != null && binding.acknowledged()) {
            return CompletableFuture.completedFuture(new Outcome(PlacedOrder.of(bound), true));
        }
        OrderPlaced order = bound != null ? bound : binding.bind(orders.prepare(request));
        CompletableFuture<Void> journaled = binding.journaled() ? CompletableFuture.completedFuture(null)
                : orders.acknowledged(journal.write(binding.key(), record(binding, order, false)), "the Idempotency-Key",
                        OrderService.NOT_PLACED).thenRun(binding::markJournaled);
        return journaled.thenCompose(ok -> orders.publish(order)).thenApply(placed -> {
            binding.markAcknowledged();
            journal.write(binding.key(), record(binding, order, true)).whenComplete((ok, error) -> {
                if (error != null) {
                    // harmless: a retry after a restart re-sends an event the stream apps already have
                    LOG.info("Could not mark Idempotency-Key {} as acknowledged: {}", binding.key(), error.toString());
                }
            });
            return new Outcome(placed, bound != null);
        });
    }

    private IdempotentOrder record(IdempotencyKeys.Binding binding, OrderPlaced order, boolean acknowledged) {
        return IdempotentOrder.newBuilder()
                .setIdempotencyKey(binding.key())
                .setFingerprint(binding.fingerprint())
                .setOrder(order)
                .setAcknowledged(acknowledged)
                .setInstanceId(instanceId)
                .setRecordedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}

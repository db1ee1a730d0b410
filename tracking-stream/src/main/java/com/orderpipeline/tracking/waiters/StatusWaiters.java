package com.orderpipeline.tracking.waiters;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.tracking.topology.ViewListener;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The long polls waiting in this JVM for an order to reach a status. The stream processor pushes every new view
 * here ({@link ViewListener}); no one polls the store. A waiter leaves the registry however its wait ends:
 * reached, timed out, moved (its order's partition went to another instance in a rebalance), or cancelled (the
 * client went away), so the registry holds only live waits.
 *
 * <p>Waits are completed on a small pool of their own, never on the stream thread, because completing one runs
 * the HTTP answer that waits on it.
 */
public final class StatusWaiters implements ViewListener, AutoCloseable {
    private final Map<String, Set<Waiter>> byOrder = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Executor completions;

    private record Waiter(String orderId, FulfillmentStatus status, CompletableFuture<WaitOutcome> outcome) {
    }

    public StatusWaiters() {
        this(Executors.newFixedThreadPool(2, daemon("long-poll-answer")));
    }

    /** Answers reached waits on {@code completions}, off the stream thread that reports the update. */
    StatusWaiters(Executor completions) {
        this.completions = completions;
    }

    /**
     * Waits until the order reaches {@code status} or a later one, or {@code timeout} passes. Register before
     * reading the store, then complete the future yourself when what you read already satisfies the wait, so an
     * update between the two is never missed. Completing or cancelling the future ends the wait and removes it.
     */
    public CompletableFuture<WaitOutcome> await(String orderId, FulfillmentStatus status, Duration timeout) {
        Waiter waiter = new Waiter(orderId, status, new CompletableFuture<>());
        byOrder.compute(orderId, (id, waiters) -> {
            Set<Waiter> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            set.add(waiter);
            return set;
        });
        count.incrementAndGet();
        // the JDK's timer cancels the timeout when the wait ends otherwise
        waiter.outcome().completeOnTimeout(WaitOutcome.timedOut(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, error) -> remove(waiter));
        return waiter.outcome();
    }

    @Override
    public void onUpdate(OrderTracking view) {
        Set<Waiter> waiters = byOrder.get(view.getOrderId());
        if (waiters == null) {
            return;
        }
        for (Waiter waiter : waiters) {
            if (reached(view, waiter.status())) {
                completions.execute(() -> waiter.outcome().complete(WaitOutcome.reached(view)));
            } else if (FulfillmentSteps.canNoLongerReach(view.getStatus(), waiter.status())) {
                completions.execute(() -> waiter.outcome().complete(WaitOutcome.unreachable(view)));
            }
        }
    }

    /**
     * Ends, as {@link WaitOutcome#movedAway()}, the waits for every order that {@code ownedHere} says is no longer this
     * instance's, so that they go on where the order's updates now arrive instead of waiting out their time here.
     */
    public void handOver(Predicate<String> ownedHere) {
        for (Map.Entry<String, Set<Waiter>> entry : byOrder.entrySet()) {
            if (!ownedHere.test(entry.getKey())) {
                entry.getValue().forEach(waiter -> completions.execute(() -> waiter.outcome().complete(WaitOutcome.movedAway())));
            }
        }
    }

    /** Whether an order with this view has reached {@code status}: it is there or further along. */
    public static boolean reached(OrderTracking view, FulfillmentStatus status) {
        return FulfillmentSteps.hasReached(view.getStatus(), status);
    }

    /** Waits in progress, over all orders. */
    public int size() {
        return count.get();
    }

    /** Orders with at least one wait in progress. */
    public int orders() {
        return byOrder.size();
    }

    private void remove(Waiter waiter) {
        byOrder.computeIfPresent(waiter.orderId(), (id, waiters) -> {
            if (waiters.remove(waiter)) {
                count.decrementAndGet();
            }
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** Ends every wait as timed out, so each client gets the view as it stands, and stops the threads. */
    @Override
    public void close() {
        byOrder.values().forEach(waiters -> waiters.forEach(w -> w.outcome().complete(WaitOutcome.timedOut())));
        if (completions instanceof ExecutorService pool) {
            pool.shutdown();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

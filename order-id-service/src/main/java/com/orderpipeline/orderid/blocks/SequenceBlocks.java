package com.orderpipeline.orderid.blocks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Hands out unique sequence numbers from leased blocks. When half of the current block is used, the next
 * block is claimed in the background, so issuing normally never waits on the broker. A claim that fails is
 * retried in the background with a growing backoff, so the service recovers from a Kafka outage on its own,
 * without waiting for an order to ask.
 *
 * <p>No caller ever waits behind another: the lock only guards the counters, and the wait for a claim happens
 * outside it. While a claim is known to have failed, {@link #next()} fails at once instead of waiting.
 */
public final class SequenceBlocks implements AutoCloseable {
    private final Supplier<CompletableFuture<Block>> claimer;
    private final Duration maxWait;
    private final Duration firstRetry;
    private final Duration maxRetry;
    // claims run on this thread, so a producer that blocks on metadata never blocks a request
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "order-id-block-claims");
        thread.setDaemon(true);
        return thread;
    });
    private Block current;
    private long cursor;
    /** The claim under way or granted and not yet used; null while none is, such as during a backoff. */
    private CompletableFuture<Block> upcoming;
    /** Why the last claim failed; null once one succeeded. */
    private String failure;
    private Duration nextRetry;
    private boolean closed;

    /**
     * @param claimer    claims one new block per call
     * @param maxWait    how long {@link #next()} may wait for a claim under way when no failure is known
     * @param firstRetry the backoff after the first failed claim; it doubles with every further failure
     * @param maxRetry   the longest backoff
     */
    public SequenceBlocks(Supplier<CompletableFuture<Block>> claimer, Duration maxWait, Duration firstRetry,
                          Duration maxRetry) {
        this.claimer = claimer;
        this.maxWait = maxWait;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.nextRetry = firstRetry;
    }

    /** Claims the first block and waits for it, so that start-up fails fast when Kafka cannot be reached. */
    public void start() {
        CompletableFuture<Block> first;
        synchronized (this) {
            if (current != null) {
                return;
            }
            first = upcoming != null ? upcoming : claim();
        }
        await(first);
        synchronized (this) {
            if (!advance()) {
                throw unavailable();
            }
        }
    }

    /** The next sequence number, unique across every instance and restart. */
    public long next() {
        CompletableFuture<Block> awaited;
        synchronized (this) {
            long sequence = take();
            if (sequence >= 0) {
                return sequence;
            }
            if (failure != null || upcoming == null) {
                throw unavailable();
            }
            awaited = upcoming;
        }
        await(awaited);
        synchronized (this) {
            long sequence = take();
            if (sequence >= 0) {
                return sequence;
            }
            throw unavailable();
        }
    }

    /** Whether a number can be handed out without waiting for a claim; never waits itself. */
    public synchronized boolean hasSequenceAtHand() {
        return (current != null && cursor < current.endExclusive()) || granted();
    }

    /** Why no block could be claimed, while that is so. */
    public synchronized Optional<String> claimFailure() {
        return Optional.ofNullable(failure);
    }

    /** Whether a number is at hand, moving on to a granted block when the current one is used up. */
    private boolean advance() {
        boolean usedUp = current == null || cursor >= current.endExclusive();
        if (usedUp && granted()) {
            current = upcoming.join();
            cursor = current.firstSequence();
            upcoming = null;
            return true;
        }
        return !usedUp;
    }

    /** The next number, or -1 when none is at hand. */
    private long take() {
        if (!advance()) {
            return -1;
        }
        long sequence = cursor++;
        if (upcoming == null && failure == null && cursor - current.firstSequence() >= current.size() / 2) {
            claim();
        }
        return sequence;
    }

    private boolean granted() {
        return upcoming != null && upcoming.isDone() && !upcoming.isCompletedExceptionally();
    }

    private CompletableFuture<Block> claim() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The order number blocks are closed"));
        }
        CompletableFuture<Block> claim = CompletableFuture.supplyAsync(claimer, background)
                .thenCompose(future -> future);
        upcoming = claim;
        claim.whenComplete((block, error) -> claimed(claim, error));
        return claim;
    }

    private synchronized void claimed(CompletableFuture<Block> claim, Throwable error) {
        if (upcoming != claim) {
            return;
        }
        if (error == null) {
            failure = null;
            nextRetry = firstRetry;
            return;
        }
        upcoming = null;
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        failure = "Could not claim a block of order numbers: " + cause.getMessage();
        if (!closed) {
            background.schedule(this::retry, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
            nextRetry = nextRetry.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : nextRetry.multipliedBy(2);
        }
    }

    private synchronized void retry() {
        if (!closed && upcoming == null) {
            claim();
        }
    }

    private void await(CompletableFuture<Block> claim) {
        try {
            claim.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SequenceUnavailableException("Interrupted while waiting for a block of order numbers", e);
        } catch (ExecutionException e) {
            throw new SequenceUnavailableException("Could not claim a block of order numbers: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            // the claim goes on; later callers wait for the same one
            throw new SequenceUnavailableException("No block of order numbers was claimed within "
                    + maxWait.toMillis() + " ms", e);
        }
    }

    private SequenceUnavailableException unavailable() {
        String reason = failure != null ? failure + "; retrying in the background"
                : "No block of order numbers is at hand; one is being claimed";
        return new SequenceUnavailableException(reason, null);
    }

    @Override
    public synchronized void close() {
        closed = true;
        background.shutdownNow();
    }
}

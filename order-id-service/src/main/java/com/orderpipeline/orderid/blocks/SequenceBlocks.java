package com.orderpipeline.orderid.blocks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Hands out unique sequence numbers from leased blocks. When half of the current block is used, the next
 * block is claimed in the background, so issuing normally never waits on the broker; only when the next
 * block is not there by the time the current one runs out does {@link #next()} wait, for a bounded time.
 */
public final class SequenceBlocks {
    private final Supplier<CompletableFuture<Block>> claimer;
    private final Duration maxWait;
    private Block current;
    private long cursor;
    private CompletableFuture<Block> upcoming;

    /**
     * @param claimer claims one new block per call
     * @param maxWait how long {@link #next()} may wait for a block before giving up
     */
    public SequenceBlocks(Supplier<CompletableFuture<Block>> claimer, Duration maxWait) {
        this.claimer = claimer;
        this.maxWait = maxWait;
    }

    /** Claims the first block and waits for it, so that start-up fails fast when Kafka cannot be reached. */
    public synchronized void start() {
        if (current == null) {
            current = awaitUpcoming();
            cursor = current.firstSequence();
        }
    }

    /** The next sequence number, unique across every instance and restart. */
    public synchronized long next() {
        if (current == null || cursor >= current.endExclusive()) {
            current = awaitUpcoming();
            cursor = current.firstSequence();
        }
        long sequence = cursor++;
        if (upcoming == null && cursor - current.firstSequence() >= current.size() / 2) {
            upcoming = claimer.get();
        }
        return sequence;
    }

    /** Whether a number can be handed out without waiting for a claim. */
    public synchronized boolean hasSequenceAtHand() {
        return (current != null && cursor < current.endExclusive())
                || (upcoming != null && upcoming.isDone() && !upcoming.isCompletedExceptionally());
    }

    private Block awaitUpcoming() {
        if (upcoming == null) {
            upcoming = claimer.get();
        }
        CompletableFuture<Block> claim = upcoming;
        try {
            Block block = claim.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            upcoming = null;
            return block;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SequenceUnavailableException("Interrupted while waiting for a block of order numbers", e);
        } catch (ExecutionException e) {
            upcoming = null;
            throw new SequenceUnavailableException("Could not claim a block of order numbers: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            // the claim is still under way; the next caller waits for the same one
            throw new SequenceUnavailableException("No block of order numbers was claimed within "
                    + maxWait.toMillis() + " ms", e);
        }
    }
}

package com.orderpipeline.orderid.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SequenceBlocksTest {
    private static final int BLOCK_SIZE = 10;
    private static final Duration RETRY = Duration.ofMillis(20);

    /** Every claim made, in order; those listed in {@link #grantAtOnce} are answered as soon as they are made. */
    private final List<CompletableFuture<Block>> claims = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> grantAtOnce = new ConcurrentHashMap<>();
    private final List<SequenceBlocks> started = new ArrayList<>();

    private synchronized CompletableFuture<Block> claim() {
        CompletableFuture<Block> claim = new CompletableFuture<>();
        Long number = grantAtOnce.get(claims.size());
        claims.add(claim);
        if (number != null) {
            claim.complete(block(number));
        }
        return claim;
    }

    private static Block block(long number) {
        return new Block(number, number * BLOCK_SIZE, BLOCK_SIZE);
    }

    private SequenceBlocks start(Duration maxWait) {
        SequenceBlocks blocks = new SequenceBlocks(this::claim, maxWait, RETRY, RETRY.multipliedBy(4));
        started.add(blocks);
        blocks.start();
        return blocks;
    }

    /** Starts with block 0 and uses all of it, so the next number needs the second claim. */
    private SequenceBlocks startAndUseUpFirstBlock(Duration maxWait) {
        grantAtOnce.put(0, 0L);
        SequenceBlocks blocks = start(maxWait);
        for (int i = 0; i < BLOCK_SIZE; i++) {
            blocks.next();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> claims.size() == 2);
        return blocks;
    }

    @AfterEach
    void close() {
        started.forEach(SequenceBlocks::close);
    }

    @Test
    void handsOutTheNumbersOfItsBlockInOrder() {
        grantAtOnce.put(0, 3L);
        SequenceBlocks blocks = start(Duration.ofSeconds(1));

        List<Long> issued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            issued.add(blocks.next());
        }

        assertThat(issued).containsExactly(30L, 31L, 32L, 33L);
        assertThat(claims).as("no second claim before half the block is used").hasSize(1);
    }

    @Test
    void claimsTheNextBlockAtHalfWaySoIssuingNeverWaits() {
        grantAtOnce.put(0, 7L);
        SequenceBlocks blocks = start(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            blocks.next();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> claims.size() == 2);
        claims.get(1).complete(block(12));

        List<Long> rest = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rest.add(blocks.next());
        }

        assertThat(rest).containsExactly(75L, 76L, 77L, 78L, 79L, 120L, 121L);
    }

    @Test
    void failsWithAClearErrorWhenNoBlockCanBeClaimedAndRecoversOnceOneIs() {
        SequenceBlocks blocks = startAndUseUpFirstBlock(Duration.ofMillis(50));
        claims.get(1).completeExceptionally(new IllegalStateException("broker down"));

        assertThatThrownBy(blocks::next).isInstanceOf(SequenceUnavailableException.class).hasMessageContaining("broker down");
        assertThat(blocks.hasSequenceAtHand()).isFalse();

        await().atMost(Duration.ofSeconds(5)).until(() -> claims.size() == 3);
        claims.get(2).complete(block(4));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(blocks.next()).isEqualTo(40L));
    }

    @Test
    void retriesAFailedClaimInTheBackgroundSoNumbersComeBackWithoutAnyRequest() {
        SequenceBlocks blocks = startAndUseUpFirstBlock(Duration.ofMillis(50));

        claims.get(1).completeExceptionally(new IllegalStateException("broker down"));
        await().atMost(Duration.ofSeconds(5)).until(() -> claims.size() >= 3);
        claims.get(2).completeExceptionally(new IllegalStateException("still down"));
        await().atMost(Duration.ofSeconds(5)).until(() -> claims.size() >= 4);
        claims.get(3).complete(block(8));

        await().atMost(Duration.ofSeconds(5)).until(blocks::hasSequenceAtHand);
        assertThat(blocks.claimFailure()).isEmpty();
        assertThat(blocks.next()).isEqualTo(80L);
    }

    @Test
    void concurrentRequestsWhileAClaimHangsAllAnswerWithinOneWaitNotOneWaitEach() {
        Duration maxWait = Duration.ofMillis(500);
        SequenceBlocks blocks = startAndUseUpFirstBlock(maxWait);
        int requests = 8;

        long began = System.nanoTime();
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return blocks.next();
                } catch (SequenceUnavailableException e) {
                    return e;
                }
            }, runnable -> new Thread(runnable).start()));
        }
        answers.forEach(CompletableFuture::join);
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).isInstanceOf(SequenceUnavailableException.class));
        assertThat(took).as("%d requests waiting for one claim of at most %s took %s", requests, maxWait, took)
                .isLessThan(maxWait.multipliedBy(3));
    }

    @Test
    void requestsFailAtOnceWhileTheLastClaimIsKnownToHaveFailed() {
        SequenceBlocks blocks = startAndUseUpFirstBlock(Duration.ofSeconds(5));
        claims.get(1).completeExceptionally(new IllegalStateException("broker down"));
        await().atMost(Duration.ofSeconds(5)).until(() -> blocks.claimFailure().isPresent());

        long began = System.nanoTime();
        assertThatThrownBy(blocks::next).isInstanceOf(SequenceUnavailableException.class)
                .hasMessageContaining("broker down").hasMessageContaining("retrying in the background");

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void answersWhetherANumberIsAtHandAtOnceWhileARequestWaitsForAClaim() throws Exception {
        SequenceBlocks blocks = startAndUseUpFirstBlock(Duration.ofSeconds(3));
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                blocks.next();
            } catch (SequenceUnavailableException expected) {
                // the claim never comes in this test
            }
        }, runnable -> new Thread(runnable).start());
        await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(100)).until(() -> true);

        boolean atHand = CompletableFuture.supplyAsync(blocks::hasSequenceAtHand).get(500, TimeUnit.MILLISECONDS);

        assertThat(atHand).isFalse();
        assertThat(waiting).isNotDone();
    }
}

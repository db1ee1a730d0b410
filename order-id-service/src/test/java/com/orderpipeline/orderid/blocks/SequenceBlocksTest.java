package com.orderpipeline.orderid.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SequenceBlocksTest {
    private static final int BLOCK_SIZE = 10;

    /** Every claim made, in order; those listed in {@link #grantAtOnce} are answered as soon as they are made. */
    private final List<CompletableFuture<Block>> claims = new ArrayList<>();
    private final Map<Integer, Long> grantAtOnce = new HashMap<>();

    private CompletableFuture<Block> claim() {
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

    @Test
    void handsOutTheNumbersOfItsBlockInOrder() {
        grantAtOnce.put(0, 3L);
        SequenceBlocks blocks = new SequenceBlocks(this::claim, Duration.ofSeconds(1));
        blocks.start();

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
        SequenceBlocks blocks = new SequenceBlocks(this::claim, Duration.ofSeconds(1));
        blocks.start();
        for (int i = 0; i < 5; i++) {
            blocks.next();
        }
        assertThat(claims).hasSize(2);
        claims.get(1).complete(block(12));

        List<Long> rest = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rest.add(blocks.next());
        }

        assertThat(rest).containsExactly(75L, 76L, 77L, 78L, 79L, 120L, 121L);
    }

    @Test
    void failsWithAClearErrorWhenNoBlockCanBeClaimedAndRecoversOnceOneIs() {
        grantAtOnce.put(0, 0L);
        SequenceBlocks blocks = new SequenceBlocks(this::claim, Duration.ofMillis(50));
        blocks.start();
        for (int i = 0; i < BLOCK_SIZE; i++) {
            blocks.next();
        }
        claims.get(1).completeExceptionally(new IllegalStateException("broker down"));

        assertThatThrownBy(blocks::next).isInstanceOf(SequenceUnavailableException.class).hasMessageContaining("broker down");
        assertThat(blocks.hasSequenceAtHand()).isFalse();
        assertThatThrownBy(blocks::next).as("the new claim has no answer yet")
                .isInstanceOf(SequenceUnavailableException.class).hasMessageContaining("within 50 ms");

        claims.get(2).complete(block(4));
        assertThat(blocks.next()).isEqualTo(40L);
    }
}

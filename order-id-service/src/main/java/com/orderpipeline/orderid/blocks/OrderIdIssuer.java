package com.orderpipeline.orderid.blocks;

import com.orderpipeline.orderid.ids.OrderIdGenerator;
import com.orderpipeline.orderid.ids.OrderIdKey;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.OrderIdBlockClaim;
import com.orderpipeline.schemas.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;

/**
 * Issues order IDs: a unique sequence number from the leased blocks, permuted and check-digited by the
 * generator of the order's channel (the configured physical prefix, or {@code D01} for digital orders).
 * Both prefixes draw on one sequence, so no body is ever issued twice under one key; digital bodies also
 * carry the marketplace prefix and key generation, so no two deployments share one.
 */
public final class OrderIdIssuer implements AutoCloseable {
    /** The wait before a failed block claim is retried; it doubles with every further failure, up to the maximum. */
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(15);

    private final BlockLeaser leaser;
    private final SequenceBlocks sequences;
    private final OrderIdGenerator physical;
    private final OrderIdGenerator digital;

    private OrderIdIssuer(BlockLeaser leaser, SequenceBlocks sequences, OrderIdGenerator physical, OrderIdGenerator digital) {
        this.leaser = leaser;
        this.sequences = sequences;
        this.physical = physical;
        this.digital = digital;
    }

    /**
     * Checks the claims already made (refusing a different key or block size) and claims a first block.
     *
     * @param keyGeneration the generation of {@code key}, which digital IDs carry so that no two deployments or
     *                      keys ever issue the same one
     * @param maxWait       how long issuing may wait for a block when the next one is late
     */
    public static OrderIdIssuer start(KafkaSettings kafka, Topic<String, OrderIdBlockClaim> topic, String prefix,
                                      OrderIdKey key, int keyGeneration, long blockSize, String instanceId, Clock clock,
                                      Duration maxWait) {
        BlockLeaser leaser = new BlockLeaser(kafka, topic, prefix, key.fingerprint(), blockSize, instanceId, clock,
                maxWait);
        SequenceBlocks sequences = new SequenceBlocks(leaser::claim, maxWait, FIRST_RETRY, MAX_RETRY);
        try {
            leaser.verifyHistory();
            sequences.start();
            return new OrderIdIssuer(leaser, sequences, new OrderIdGenerator(prefix, key),
                    OrderIdGenerator.digital(prefix, keyGeneration, key));
        } catch (RuntimeException e) {
            sequences.close();
            leaser.close();
            throw e;
        }
    }

    /** A new order ID in canonical form; throws {@link SequenceUnavailableException} when no number can be had. */
    public String issue(Channel channel) {
        OrderIdGenerator generator = channel == Channel.DIGITAL ? digital : physical;
        long sequence = sequences.next();
        if (!generator.canIssue(sequence)) {
            throw new SequenceUnavailableException("Digital order IDs of prefix " + physical.prefix() + " are used up"
                    + " for this key generation; start a new ORDER_ID_KEY_GENERATION with a new key and blocks topic", null);
        }
        return generator.format(sequence);
    }

    /** Whether an ID can be issued without waiting for a block claim; never waits itself. */
    public boolean hasSequenceAtHand() {
        return sequences.hasSequenceAtHand();
    }

    /** Why no block could be claimed, while that is so; a claim is being retried in the background. */
    public Optional<String> claimFailure() {
        return sequences.claimFailure();
    }

    public Producer<String, OrderIdBlockClaim> producer() {
        return leaser.producer();
    }

    @Override
    public void close() {
        sequences.close();
        leaser.close();
    }
}

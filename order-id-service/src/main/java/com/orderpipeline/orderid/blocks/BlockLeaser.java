package com.orderpipeline.orderid.blocks;

import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.schemas.avro.OrderIdBlockClaim;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases blocks of sequence numbers through the single-partition topic {@code order-ids.blocks}: an instance
 * appends a claim record, and the offset the broker assigns to it is the block number. Offsets never repeat,
 * so no two instances and no restart ever get the same block.
 *
 * <p>Reads {@code order-ids.blocks} once at start ({@link #verifyHistory()}) and writes a claim per block.
 */
public final class BlockLeaser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockLeaser.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final Topic<String, OrderIdBlockClaim> topic;
    private final String prefix;
    private final String keyFingerprint;
    private final long blockSize;
    private final String instanceId;
    private final Clock clock;
    private final Producer<String, OrderIdBlockClaim> producer;

    public BlockLeaser(KafkaSettings kafka, Topic<String, OrderIdBlockClaim> topic, String prefix, String keyFingerprint,
                       long blockSize, String instanceId, Clock clock, Duration claimTimeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.prefix = prefix;
        this.keyFingerprint = keyFingerprint;
        this.blockSize = blockSize;
        this.instanceId = instanceId;
        this.clock = clock;
        this.producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "order-id-blocks-" + instanceId,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // a claim that cannot be made fails within the timeout, so its retry can start
                ProducerConfig.MAX_BLOCK_MS_CONFIG, claimTimeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) claimTimeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, claimTimeout.toMillis() / 2))),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /**
     * Reads every claim already made and refuses to go on when one was made with another key or another block
     * size: a different key permutes sequence numbers differently and could reissue an old ID, and a different
     * block size would make blocks overlap.
     */
    public void verifyHistory() {
        TopicPartition partition = new TopicPartition(topic.name(), 0);
        Map<String, Object> config = kafka.with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "order-id-blocks-check-" + instanceId));
        int claims = 0;
        try (KafkaConsumer<String, OrderIdBlockClaim> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(partition, READ_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading " + topic.name() + " up to offset " + end);
                }
                for (ConsumerRecord<String, OrderIdBlockClaim> record : consumer.poll(Duration.ofMillis(200))) {
                    check(record);
                    claims++;
                }
            }
        }
        LOG.info("{} holds {} earlier block claims, all with key fingerprint {} and block size {}",
                topic.name(), claims, keyFingerprint, blockSize);
    }

    private void check(ConsumerRecord<String, OrderIdBlockClaim> record) {
        OrderIdBlockClaim claim = record.value();
        if (!claim.getKeyFingerprint().equals(keyFingerprint)) {
            throw new BlockHistoryException("ORDER_ID_KEY does not match the key IDs were issued with: its fingerprint is "
                    + keyFingerprint + ", but block " + record.offset() + " of " + topic.name() + " (prefix "
                    + claim.getPrefix() + ", instance " + claim.getInstanceId() + ") was claimed with key fingerprint "
                    + claim.getKeyFingerprint() + ". A different key could reissue an ID that was already handed out;"
                    + " start with the original key, or use a new prefix on a new " + topic.name() + " topic.");
        }
        if (claim.getBlockSize() != blockSize) {
            throw new BlockHistoryException("ORDER_ID_BLOCK_SIZE is " + blockSize + ", but block " + record.offset()
                    + " of " + topic.name() + " was claimed with block size " + claim.getBlockSize()
                    + ". Blocks of different sizes would overlap and reissue IDs; keep the size at "
                    + claim.getBlockSize() + ".");
        }
    }

    /** Claims the next block; completes once the broker acknowledged the claim. */
    public CompletableFuture<Block> claim() {
        OrderIdBlockClaim claim = OrderIdBlockClaim.newBuilder()
                .setPrefix(prefix)
                .setKeyFingerprint(keyFingerprint)
                .setBlockSize(blockSize)
                .setInstanceId(instanceId)
                .setClaimedAt(clock.instant())
                .build();
        CompletableFuture<Block> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), 0, prefix, claim), (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                    return;
                }
                long number = metadata.offset();
                if (number >= OrderId.BODY_LIMIT / blockSize) { // bodies are 13 digits
                    result.completeExceptionally(new IllegalStateException("Block " + number + " would pass the "
                            + "13-digit sequence space; prefix " + prefix + " is exhausted"));
                    return;
                }
                LOG.debug("Claimed block {} of prefix {}", number, prefix);
                result.complete(new Block(number, number * blockSize, blockSize));
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    public Producer<String, OrderIdBlockClaim> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

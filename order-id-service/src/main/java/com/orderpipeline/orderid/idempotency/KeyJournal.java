package com.orderpipeline.orderid.idempotency;

import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.lifecycle.Backoff;
import com.orderpipeline.schemas.avro.IdempotentOrder;
import com.orderpipeline.schemas.serde.RegistryUnavailableException;
import com.orderpipeline.schemas.topics.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code order-ids.idempotency}, the compacted topic of remembered Idempotency-Keys: reads it from the
 * start when the service starts, then keeps reading what every instance writes, and hands each record to a
 * listener. It reads without a consumer group (every instance reads every partition) and with
 * {@code read_committed}. A record that can never be read is logged and skipped; a registry that cannot be
 * reached is waited for.
 */
public final class KeyJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyJournal.class);

    private final Topic<String, IdempotentOrder> topic;
    private final Consumer<IdempotentOrder> listener;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<IdempotentOrder> values;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Backoff backoff = Backoff.of(Duration.ofMillis(500), Duration.ofSeconds(15));
    private final Thread follower;
    private volatile boolean closing;

    public KeyJournal(KafkaSettings kafka, Topic<String, IdempotentOrder> topic, String clientId,
                      Consumer<IdempotentOrder> listener) {
        this.topic = topic;
        this.listener = listener;
        Map<String, Object> props = new HashMap<>(kafka.with(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.values = topic.valueSerde().deserializer();
        this.follower = new Thread(this::follow, "idempotency-keys");
        this.follower.setDaemon(true);
    }

    /** Starts reading; {@link #awaitCaughtUp} tells when everything written before the start was read. */
    public KeyJournal start() {
        follower.start();
        return this;
    }

    /** Whether every record written before the start has been handed to the listener. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofMinutes(2)).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions, Duration.ofMinutes(2));
            while (!closing) {
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(p -> consumer.position(p) >= startEnd.get(p))) {
                    LOG.info("Read back the Idempotency-Keys on {}", topic.name());
                    caughtUp.countDown();
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Stopped following {}: Idempotency-Keys used on other instances are no longer seen here", topic.name(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        while (!closing) {
            try {
                listener.accept(values.deserialize(record.topic(), record.headers(), record.value()));
                return;
            } catch (RegistryUnavailableException e) {
                Duration wait = backoff.next();
                LOG.warn("Cannot read Idempotency-Key record {}-{}@{} yet, retrying in {} ms: {}", record.topic(),
                        record.partition(), record.offset(), wait.toMillis(), e.getMessage());
                sleep(wait);
            } catch (RuntimeException e) {
                LOG.error("Skipped Idempotency-Key record {}-{}@{}, which cannot be read: {}", record.topic(),
                        record.partition(), record.offset(), e.toString());
                return;
            }
        }
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            follower.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

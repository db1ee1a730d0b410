package com.orderpipeline.orderid.orders;

import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.schemas.topics.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes to one topic with {@code acks=all} and an idempotent producer: {@code OrderPlaced} to
 * {@code orders.placed}, the remembered Idempotency-Keys to {@code order-ids.idempotency}. The producer's own
 * delivery timeout bounds every send, so a send either is acknowledged or fails within {@code timeout}; nothing
 * is retried behind the caller's back after that.
 */
public final class KafkaWriter<V> implements EventWriter<V>, AutoCloseable {
    private final Topic<String, V> topic;
    private final Producer<String, V> producer;

    public KafkaWriter(KafkaSettings kafka, Topic<String, V> topic, Duration timeout, String clientId) {
        this.topic = topic;
        long total = Math.max(timeout.toMillis(), 2_000);
        long linger = 5;
        this.producer = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.LINGER_MS_CONFIG, (int) linger,
                // metadata waits (a broker that is down) count against the same budget as delivery
                ProducerConfig.MAX_BLOCK_MS_CONFIG, total / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (total / 2),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (total / 2 - linger))),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Override
    public CompletableFuture<Void> write(String key, V value) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    public Producer<String, V> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

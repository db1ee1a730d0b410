package com.orderpipeline.devstack.simulators;

import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a simulated partner's records (a warehouse's scans, a returns desk's scans) as the partner would: with
 * the schema the stream app published for it, never one of its own, and each send waited for, so that a record
 * is only counted as answered once Kafka has it.
 */
final class SimulatorProducer<V extends SpecificRecord> implements AutoCloseable {
    private final KafkaProducer<String, V> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();

    SimulatorProducer(Map<String, Object> kafka, String clientId, SchemaRegistryClient registry, Class<V> type, String topic) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>(type, registry, AvroSerdeConfig.latestRegistered(), false));
    }

    /** Sends one record keyed by its order ID and waits for Kafka to take it; fails when it did not within 30 s. */
    void send(String orderId, V value) {
        try {
            producer.send(new ProducerRecord<>(topic, orderId, value)).get(30, TimeUnit.SECONDS);
            sent.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the record for " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends one record keyed by its order ID without waiting: the answer completes when Kafka took it. Records of
     * one order sent one after the other this way keep their order.
     */
    CompletableFuture<Void> sendLater(String orderId, V value) {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, orderId, value), (metadata, error) -> {
                if (error == null) {
                    sent.incrementAndGet();
                    taken.complete(null);
                } else {
                    taken.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            taken.completeExceptionally(e);
        }
        return taken;
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

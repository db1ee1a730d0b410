package com.orderpipeline.devstack.faults;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches orders.fulfillment with read_committed from its start and notes when each event became visible: so a
 * test can tell when the pipeline committed output again after a fault, without reading the topic over and over.
 */
final class CommittedEvents implements AutoCloseable {
    /** An event and the moment this watcher saw it committed. */
    record Seen(FulfillmentEvent event, long seenNanos) {
    }

    private final KafkaConsumer<String, FulfillmentEvent> consumer;
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    CommittedEvents(FaultPipeline pipeline, String registryUrl) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new AvroDeserializer<>(FulfillmentEvent.class, new SchemaRegistryClient(RegistryClientConfig.of(registryUrl))));
        String topic = pipeline.topic("orders.fulfillment");
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::poll, "committed-events");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, FulfillmentEvent> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(new Seen(record.value(), System.nanoTime()));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** What was seen so far; throws what stopped the watcher if it failed. */
    List<Seen> seen() {
        if (failure != null) {
            throw new IllegalStateException("Watching orders.fulfillment failed", failure);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

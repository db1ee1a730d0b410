package com.orderpipeline.devstack.faults;

import com.orderpipeline.schemas.avro.OrderPlaced;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A shop placing one order at a time on {@code orders.placed}, at a steady pace, each acknowledged (acks=all)
 * before the next, as order-id-service answers a checkout only once Kafka has the order. It records what Kafka
 * acknowledged, when, and any order it refused.
 */
final class SteadyShop implements AutoCloseable {
    /** An order Kafka acknowledged: on which partition, when it was sent and when the acknowledgement came. */
    record Placed(String orderId, int partition, long sentNanos, long ackedNanos) {
        Duration waited() {
            return Duration.ofNanos(ackedNanos - sentNanos);
        }
    }

    private final KafkaProducer<String, OrderPlaced> producer;
    private final String topic;
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "steady-shop");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong next;
    private final Queue<Placed> placed = new ConcurrentLinkedQueue<>();
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();

    /** Starts placing orders numbered from {@code firstNumber}, one every {@code interval}. */
    SteadyShop(KafkaProducer<String, OrderPlaced> producer, String topic, long firstNumber, Duration interval) {
        this.producer = producer;
        this.topic = topic;
        this.next = new AtomicLong(firstNumber);
        pace.scheduleWithFixedDelay(this::placeOne, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void placeOne() {
        String id = FaultPipeline.orderId(next.getAndIncrement());
        long sent = System.nanoTime();
        try {
            RecordMetadata ack = producer.send(new ProducerRecord<>(topic, id, FaultPipeline.order(id))).get(2, TimeUnit.MINUTES);
            placed.add(new Placed(id, ack.partition(), sent, System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused.add(id + ": interrupted");
        } catch (Exception e) {
            // caught, not thrown: an exception would silently end the schedule
            refused.add(id + ": " + e);
        }
    }

    List<Placed> placed() {
        return List.copyOf(placed);
    }

    /** The orders Kafka did not acknowledge, with the reason. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Places no more orders; returns once the one under way, if any, is answered. */
    void stop() {
        pace.shutdown();
        try {
            pace.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        producer.close(Duration.ofSeconds(5));
    }
}

package com.orderpipeline.devstack.bench;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.TrackingStep;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches {@code orders.tracking} as a reader of the tracking view would (read_committed, so only what tracking-stream
 * committed), and measures how soon the view shows each change: an order's first appearance after its
 * {@code placedAt} (placed to visible), and each new fulfillment step after the scan that made it (scan to
 * visible). Counts orders delivered, and keeps the IDs of orders seen, for the lookups.
 */
final class PipelineWatch implements AutoCloseable {
    private final KafkaConsumer<String, OrderTracking> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean recording = new AtomicBoolean();
    private final Recorder placedToVisible = new Recorder(3);
    private final Recorder scanToVisible = new Recorder(3);
    private final Map<String, FulfillmentStatus> latest = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder deliveredWhileRecording = new LongAdder();

    PipelineWatch(String bootstrapServers, SchemaRegistryClient registry, String trackingTopic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-pipeline-watch");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new AvroDeserializer<>(OrderTracking.class, registry));
        consumer.subscribe(List.of(trackingTopic));
        thread = new Thread(this::watch, "bench-pipeline-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running.get()) {
            for (ConsumerRecord<String, OrderTracking> record : consumer.poll(Duration.ofMillis(100))) {
                seen(record.value(), System.currentTimeMillis());
            }
        }
    }

    private void seen(OrderTracking view, long nowMillis) {
        if (view == null) {
            return;
        }
        FulfillmentStatus before = latest.put(view.getOrderId(), view.getStatus());
        boolean measure = recording.get();
        if (before == null && measure) {
            placedToVisible.recordValue(micros(nowMillis - view.getPlacedAt().toEpochMilli()));
        }
        if (before != view.getStatus() && view.getStatus() != FulfillmentStatus.PLACED) {
            List<TrackingStep> timeline = view.getTimeline();
            if (measure && !timeline.isEmpty()) {
                scanToVisible.recordValue(micros(nowMillis - timeline.get(timeline.size() - 1).getAt().toEpochMilli()));
            }
            if (view.getStatus() == FulfillmentStatus.DELIVERED) {
                delivered.increment();
                if (measure) {
                    deliveredWhileRecording.increment();
                }
            }
        }
    }

    private static long micros(long millis) {
        return Math.max(1, millis * 1_000);
    }

    /** From now on, latencies are recorded (the warm-up before is not). */
    void startRecording() {
        placedToVisible.reset();
        scanToVisible.reset();
        deliveredWhileRecording.reset();
        recording.set(true);
    }

    void stopRecording() {
        recording.set(false);
    }

    Histogram placedToVisible() {
        return placedToVisible.getIntervalHistogram();
    }

    Histogram scanToVisible() {
        return scanToVisible.getIntervalHistogram();
    }

    long ordersSeen() {
        return latest.size();
    }

    long delivered() {
        return delivered.sum();
    }

    long deliveredWhileRecording() {
        return deliveredWhileRecording.sum();
    }

    /** The IDs of the orders the view has shown. */
    List<String> orderIds() {
        return List.copyOf(latest.keySet());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }
}

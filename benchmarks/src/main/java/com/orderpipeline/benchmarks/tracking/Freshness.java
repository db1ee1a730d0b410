package com.orderpipeline.benchmarks.tracking;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How long a fulfillment event takes to show: from the moment it is handed to the producer until (a) the
 * tracking view shows it (a long poll on the order, answered when the processor writes the store) and (b) the
 * new version is readable, committed, on {@code orders.tracking} (a read_committed consumer), with exactly-once on.
 */
final class Freshness {
    record Result(Latencies view, Latencies committed) {
    }

    private Freshness() {
    }

    static Result measure(String base, String bootstrap, TopicCatalog topics, KafkaProducer<String, FulfillmentEvent> steps,
                          List<String> orders, IntSupplier waiting) throws Exception {
        Map<String, Long> seenCommitted = new ConcurrentHashMap<>();
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "freshness-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, OrderTracking> consumer = new KafkaConsumer<>(consumerConfig,
                topics.ordersTracking().keySerde().deserializer(), topics.ordersTracking().valueSerde().deserializer());
        consumer.subscribe(List.of(topics.ordersTracking().name()));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(consumer::position); // pins "latest" before the first event is sent
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                consumer.poll(Duration.ofMillis(20)).forEach(record -> {
                    if (record.value().getStatus() == FulfillmentStatus.PACKED) {
                        seenCommitted.putIfAbsent(record.key(), System.nanoTime());
                    }
                });
            }
        }, "freshness-reader");
        reader.start();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] toView = new long[orders.size()];
        long[] sentAt = new long[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            String order = orders.get(i);
            int before = waiting.getAsInt();
            CompletableFuture<HttpResponse<String>> poll = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/orders/" + order + "?waitFor=PACKED&timeout=20s")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long registered = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (waiting.getAsInt() <= before && System.nanoTime() < registered) {
                Thread.onSpinWait();
            }
            Instant now = Instant.now();
            sentAt[i] = System.nanoTime();
            steps.send(new ProducerRecord<>(topics.ordersFulfillment().name(), order, packed(order, now)));
            HttpResponse<String> answer = poll.get();
            toView[i] = System.nanoTime() - sentAt[i];
            if (!answer.body().contains("\"reached\":true")) {
                throw new IllegalStateException("The long poll for " + order + " was not answered with PACKED: " + answer.body());
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seenCommitted.size() < orders.size() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the benchmark waits for its own reader; not a test
        }
        reading.set(false);
        reader.join();
        consumer.close();
        long[] toCommitted = new long[seenCommitted.size()];
        int n = 0;
        for (int i = 0; i < orders.size(); i++) {
            Long seen = seenCommitted.get(orders.get(i));
            if (seen != null) {
                toCommitted[n++] = seen - sentAt[i];
            }
        }
        return new Result(Latencies.of(toView), Latencies.of(java.util.Arrays.copyOf(toCommitted, n)));
    }

    private static FulfillmentEvent packed(String orderId, Instant at) {
        return FulfillmentEvent.newBuilder()
                .setOrderId(orderId).setStatus(FulfillmentStatus.PACKED).setPreviousStatus(FulfillmentStatus.PICKED)
                .setSequence(3).setOccurredAt(at).setWarehouseId("WH-LOAD-1").setCarrier(null).setTrackingNumber(null)
                .setCausedBy("load-" + orderId).setWorkOrder(null).build();
    }
}

package com.orderpipeline.benchmarks.tracking;

import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How long a carrier's event takes to reach a page that follows the order: live streams open on every order at
 * once, then one event after the other on {@code carrier.events}, each timed from the moment it is handed to the
 * producer until its {@code update} arrives on the order's open stream, with exactly-once on.
 */
final class LiveLatency {
    private LiveLatency() {
    }

    static Latencies measure(String base, TopicCatalog topics, KafkaProducer<String, CarrierEvent> carrier,
                             List<String> orders) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<BlockingQueue<Long>> updates = new ArrayList<>();
        List<Flow.Subscription> streams = new ArrayList<>();
        for (String order : orders) {
            BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
            updates.add(arrivals);
            Updates subscriber = new Updates(arrivals, streams);
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/orders/" + order + "/events"))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(subscriber));
        }
        for (int i = 0; i < orders.size(); i++) {
            if (updates.get(i).poll(30, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("The live stream of " + orders.get(i) + " sent no first view");
            }
        }
        long[] latencies = new long[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            String order = orders.get(i);
            long handed = System.nanoTime();
            carrier.send(new ProducerRecord<>(topics.carrierEvents().name(), order, inTransit(order)));
            Long arrived = updates.get(i).poll(10, TimeUnit.SECONDS);
            if (arrived == null) {
                throw new IllegalStateException("No update of " + order + " within 10 s of its carrier event");
            }
            latencies[i] = arrived - handed;
        }
        synchronized (streams) {
            streams.forEach(Flow.Subscription::cancel);
        }
        return Latencies.of(latencies);
    }

    private static CarrierEvent inTransit(String orderId) {
        return CarrierEvent.newBuilder().setEventId("load-" + orderId).setOrderId(orderId).setCarrier("UPS")
                .setTrackingNumber("1Z-LOAD").setType(CarrierEventType.IN_TRANSIT).setOccurredAt(Instant.now())
                .setLocation("Portland, OR, US").setEstimatedDelivery(null).setDetail(null).build();
    }

    /** Notes when each {@code update} event of one stream arrives. */
    private record Updates(BlockingQueue<Long> arrivals, List<Flow.Subscription> streams)
            implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (streams) {
                streams.add(subscription);
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.equals("event: update") || line.equals("event:update")) {
                arrivals.add(System.nanoTime());
            }
        }

        @Override
        public void onError(Throwable error) {
            // the stream ended: the measurement notices the missing update
        }

        @Override
        public void onComplete() {
            // as above
        }
    }
}

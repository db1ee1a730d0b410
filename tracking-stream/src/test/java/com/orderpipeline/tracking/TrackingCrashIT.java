package com.orderpipeline.tracking;

import static com.orderpipeline.tracking.testing.Orders.physicalId;
import static com.orderpipeline.tracking.testing.Orders.placed;
import static com.orderpipeline.tracking.testing.Orders.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.CrashLoop;
import com.orderpipeline.embedded.testing.ServiceProcess;
import com.orderpipeline.embedded.testing.ServiceProcesses;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.TrackingStep;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.testing.TestPipeline;
import com.orderpipeline.tracking.testing.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * tracking-stream as a separate process (its {@code main}, configured by environment variables), killed with
 * SIGKILL three times in a row while fulfillment steps keep arriving, and started again on the same state
 * directory each time. Exactly-once means {@code orders.tracking} holds one view per change of each order, none
 * twice, the last one DELIVERED with the five steps in its timeline, and the restarted process serves them.
 */
@ExtendWith(SharedKafka.class)
class TrackingCrashIT {
    private static final int ORDERS = 120;
    private static final int KILLS = 3;
    private static final String SUFFIX = "crash";
    private static final TopicNames TOPICS = TestTopics.named(SUFFIX);
    private static final String APPLICATION_ID = "tracking-crash-it";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> RUNS = List.of("first", "second", "third", "fourth");
    private static final List<FulfillmentStatus> STEPS = List.of(FulfillmentStatus.PICKED, FulfillmentStatus.PACKED,
            FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED);

    @TempDir
    Path workDir;
    @RegisterExtension
    final ServiceProcesses processes = new ServiceProcesses();

    @Test
    void everyOrderHasEachViewOnceAndEndsDeliveredAfterThreeSigkills() throws Exception {
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        LocalDate promisedBy = LocalDate.now().plusDays(30);
        ConcurrentLinkedQueue<FulfillmentEvent> feed = new ConcurrentLinkedQueue<>();
        Path stateDir = workDir.resolve("state");
        try (TestPipeline pipeline = new TestPipeline(SUFFIX, 3);
             TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            List<OrderPlaced> orders = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                OrderPlaced order = placed(physicalId(30_000 + i), base.plusSeconds(i), promisedBy);
                orders.add(order);
                pipeline.place(order);
                pipeline.advance(step(order.getOrderId(), FulfillmentStatus.PLACED, 1, order.getPlacedAt()));
            }
            for (int s = 0; s < STEPS.size(); s++) {
                for (OrderPlaced order : orders) {
                    feed.add(step(order.getOrderId(), STEPS.get(s), s + 2, order.getPlacedAt().plus(Duration.ofMinutes(s + 1))));
                }
            }
            int stepsInFeed = feed.size();
            ServiceProcess first = launch(RUNS.get(0), stateDir);
            first.awaitReady(Duration.ofSeconds(60));
            // the order and its PLACED step make one view or two, depending on which the app reads first
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> latestByOrder(views(kafka, pipeline)).values().stream()
                            .filter(view -> view.getWarehouseId() != null).count() == ORDERS);
            Map<String, Long> viewsBeforeSteps = views(kafka, pipeline).stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));

            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService warehouse = Executors.newSingleThreadScheduledExecutor();
            warehouse.scheduleAtFixedRate(() -> {
                FulfillmentEvent next = feed.poll();
                if (next != null) {
                    pipeline.advance(next);
                    sent.incrementAndGet();
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            CrashLoop.Result crashes = CrashLoop.run("tracking-stream", KILLS, first, kill -> launch(RUNS.get(kill), stateDir),
                    sent::get, stepsInFeed, () -> !feed.isEmpty(), () -> views(kafka, pipeline).size());
            assertThat(crashes.recoveries()).as("restart to processing again").allSatisfy(recovery ->
                    assertThat(recovery).isLessThan(Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(60)).until(feed::isEmpty);
            warehouse.shutdown();
            assertThat(warehouse.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            ServiceProcess last = crashes.last();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> latestByOrder(views(kafka, pipeline)).values().stream()
                            .filter(view -> view.getStatus() == FulfillmentStatus.DELIVERED).count() == ORDERS);

            Map<String, List<OrderTracking>> byOrder = views(kafka, pipeline).stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, TreeMap::new, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
            assertThat(byOrder).hasSize(ORDERS);
            assertThat(byOrder).allSatisfy((orderId, views) -> {
                assertThat(views).as("views of " + orderId + ": one per step, none twice").hasSize(
                        (int) (viewsBeforeSteps.get(orderId) + STEPS.size()));
                OrderTracking latest = views.get(views.size() - 1);
                assertThat(latest.getStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
                assertThat(latest.getTimeline()).extracting(TrackingStep::getStatus).containsExactly(FulfillmentStatus.PLACED,
                        FulfillmentStatus.PICKED, FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED);
            });
            assertThat(kafka.readCommitted(TOPICS.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer())).isEmpty();
            String anOrder = orders.get(ORDERS / 2).getOrderId();
            assertThat(track(last, anOrder)).contains("\"status\":\"DELIVERED\"");

            assertThat(last.stop(Duration.ofSeconds(40))).as("stops on SIGTERM").isTrue();
            assertThat(last.log()).contains("tracking-stream stopped");
        }
    }

    private static List<ConsumerRecord<String, OrderTracking>> views(TestKafka kafka, TestPipeline pipeline) {
        return kafka.readCommitted(TOPICS.ordersTracking(), new StringDeserializer(),
                pipeline.topics().ordersTracking().valueSerde().deserializer());
    }

    private static Map<String, OrderTracking> latestByOrder(List<ConsumerRecord<String, OrderTracking>> views) {
        Map<String, OrderTracking> latest = new HashMap<>();
        views.forEach(view -> latest.put(view.key(), view.value()));
        return latest;
    }

    private static String track(ServiceProcess process, String orderId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + process.port() + "/orders/" + orderId)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private ServiceProcess launch(String name, Path stateDir) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", SharedKafka.registryUrl(),
                "STATE_DIR", stateDir.toString(),
                "APPLICATION_ID", APPLICATION_ID,
                "TOPIC_PARTITIONS", "3",
                // what is under test is the stores across crashes, not who may read them
                "AUTH_DISABLED", "true",
                "RATE_LIMIT_PER_SECOND", "0"));
        for (TopicNames.Name topic : TopicNames.Name.values()) {
            env.put(topic.variable(), TOPICS.get(topic));
        }
        return processes.launch(name, TrackingStreamApp.class, env, workDir);
    }

}

package com.orderpipeline.orderid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.ServiceProcess;
import com.orderpipeline.embedded.testing.ServiceProcesses;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import com.orderpipeline.schemas.topics.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * order-id-service as a separate process (its {@code main}, configured by environment variables), killed with
 * SIGKILL while four shops place orders with an Idempotency-Key each, then started again. Every 201 it gave has
 * its event on {@code orders.placed}; no order ID went to two orders; a key is never placed as two orders; and
 * every shop's retry after the restart, answered or not before, gets 201 with the order of its first attempt.
 */
@ExtendWith(SharedKafka.class)
class OrderIdCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int SHOPS = 4;
    private static final int ANSWERED_BEFORE_KILL = 150;
    private static final TopicNames TOPICS = TestConfigs.topics("crash");

    @TempDir
    Path workDir;
    @RegisterExtension
    final ServiceProcesses processes = new ServiceProcesses();

    @Test
    void everyAnsweredOrderIsOnTheTopicAndEveryRetryAfterTheRestartGetsItsFirstOrder() throws Exception {
        ServiceProcess first = launch("first").awaitReady(Duration.ofSeconds(60));
        Map<String, String> answered = new ConcurrentHashMap<>();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService shops = Executors.newFixedThreadPool(SHOPS);
        for (int shop = 0; shop < SHOPS; shop++) {
            shops.submit(() -> {
                while (running.get()) {
                    String key = "key-" + next.incrementAndGet();
                    Optional<String> orderId = place(first, key);
                    orderId.ifPresentOrElse(id -> answered.put(key, id), () -> unanswered.add(key));
                }
            });
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= ANSWERED_BEFORE_KILL);
            first.kill();
            running.set(false);
            shops.shutdown();
            assertThat(shops.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            System.out.println("order-id-service SIGKILLed after " + answered.size() + " orders answered 201; "
                    + unanswered.size() + " requests got no answer");

            long launched = System.nanoTime();
            ServiceProcess second = launch("second").awaitReady(Duration.ofSeconds(60));
            System.out.println("order-id-service ready again " + Duration.ofNanos(System.nanoTime() - launched).toMillis()
                    + " ms after its restart was launched");
            Map<String, String> retried = new HashMap<>();
            for (String key : answered.keySet()) {
                retried.put(key, place(second, key).orElseThrow(() -> new AssertionError("no answer to the retry of " + key)));
            }
            for (String key : unanswered) {
                retried.put(key, place(second, key).orElseThrow(() -> new AssertionError("no answer to the retry of " + key)));
            }

            assertThat(retried).as("a retry of an answered key gets its first order").containsAllEntriesOf(answered);
            assertThat(new HashSet<>(retried.values())).as("no order ID for two keys").hasSize(retried.size());
            Map<String, Set<String>> idsOnTopicByKey = placedEvents().stream().collect(Collectors.groupingBy(
                    record -> record.value().getCustomerId(), Collectors.mapping(ConsumerRecord::key, Collectors.toSet())));
            assertThat(idsOnTopicByKey).as("every answered order is on orders.placed, under its key's order only")
                    .hasSize(retried.size())
                    .allSatisfy((customer, ids) -> assertThat(ids).containsExactly(retried.get(keyOf(customer))));
        } finally {
            running.set(false);
            shops.shutdownNow();
        }
    }

    /** The order ID of a 201, or empty when the service gave no answer (it died) or a 503. */
    private static Optional<String> place(ServiceProcess service, String key) {
        String body = TestConfigs.EXAMPLE_ORDER.replace("C-1001", customerOf(key));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + service.port() + "/orders"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return Optional.of(JSON.readTree(response.body()).path("orderId").asText());
            }
            assertThat(response.statusCode()).as("answer to " + key + ": " + response.body()).isEqualTo(503);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String customerOf(String key) {
        return "C-" + key;
    }

    private static String keyOf(String customerId) {
        return customerId.substring(2);
    }

    private static List<ConsumerRecord<String, OrderPlaced>> placedEvents() {
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            return kafka.readCommitted(TOPICS.ordersPlaced(), new StringDeserializer(), new AvroDeserializer<>(OrderPlaced.class,
                    new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()))));
        }
    }

    private ServiceProcess launch(String name) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", SharedKafka.registryUrl(),
                "ORDER_ID_KEY", TestConfigs.TEST_KEY,
                "ORDER_ID_BLOCK_SIZE", "50",
                "AUTH_DISABLED", "true",
                "TOPIC_PARTITIONS", "3",
                "INSTANCE_ID", "crash-" + name));
        for (TopicNames.Name topic : TopicNames.Name.values()) {
            env.put(topic.variable(), TOPICS.get(topic));
        }
        return processes.launch(name, OrderIdServiceApp.class, env, workDir);
    }
}

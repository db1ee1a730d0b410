package com.orderpipeline.devstack.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.fulfillment.FulfillmentStreamConfig;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the fault tests share: topic names and application ids of their own on the shared broker, the
 * environment the services read them from, orders as order-id-service writes them, read_committed views of the
 * outputs, and what the services answer over HTTP.
 */
final class FaultPipeline {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String bootstrapServers;
    final Path stateDir;
    final short replicationFactor;

    FaultPipeline(String bootstrapServers, Path stateDir) {
        this(bootstrapServers, stateDir, (short) 1);
    }

    /** On a cluster: the topics the tests and the services create get {@code replicationFactor} replicas. */
    FaultPipeline(String bootstrapServers, Path stateDir, short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.stateDir = stateDir;
        this.replicationFactor = replicationFactor;
    }

    String topic(String name) {
        return name + "." + suffix;
    }

    /** The environment a service of this pipeline is started with. */
    Map<String, String> env(String applicationId, String registryUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("HTTP_HOST", "localhost");
        env.put("HTTP_PORT", "0");
        // the faults are about Kafka and the registry; the tests read back faster than a person would
        env.put("AUTH_DISABLED", "true");
        env.put("RATE_LIMIT_PER_SECOND", "0");
        env.put("APPLICATION_ID", applicationId + "-" + suffix);
        env.put("STATE_DIR", stateDir.resolve(applicationId).toString());
        env.put("TOPIC_PARTITIONS", "3");
        env.put("TOPIC_REPLICATION_FACTOR", Short.toString(replicationFactor));
        for (TopicNames.Name name : TopicNames.Name.values()) {
            env.put(name.variable(), topic(name.defaultName()));
        }
        return env;
    }

    FulfillmentStreamApp startFulfillment(String registryUrl) {
        return FulfillmentStreamApp.start(FulfillmentStreamConfig.fromEnv(new Env(env("fulfillment-stream", registryUrl))));
    }

    TrackingStreamApp startTracking(String registryUrl) {
        return TrackingStreamApp.start(TrackingStreamConfig.fromEnv(new Env(env("tracking-stream", registryUrl))),
                Clock.systemUTC());
    }

    void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("Could not create topic " + name, e);
        }
    }

    static String orderId(long n) {
        return OrderId.of("114", n).canonical();
    }

    static OrderPlaced order(String orderId) {
        return new OrderPlaced(orderId, "C-1001", Instant.now(), Channel.PHYSICAL,
                List.of(new LineItem("B00X4WHP5E", "Kindle Paperwhite", 1, 14_999L)), "USD", 14_999L,
                ShippingSpeed.STANDARD, LocalDate.now().plusDays(5),
                new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US"), null, null);
    }

    /** Every committed record of the topic now, values as raw bytes. */
    List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The fulfillment events on orders.fulfillment now, read with a registry client of the test's own. */
    List<FulfillmentEvent> fulfillmentEvents(String registryUrl) {
        AvroDeserializer<FulfillmentEvent> events = new AvroDeserializer<>(FulfillmentEvent.class,
                new SchemaRegistryClient(RegistryClientConfig.of(registryUrl)));
        return readCommitted(topic("orders.fulfillment")).stream()
                .map(record -> events.deserialize(record.topic(), record.value())).toList();
    }

    /**
     * Awaitility that leaves other threads' uncaught exceptions alone: a stream thread that fails on purpose
     * during an outage dies with its exception after Kafka Streams has replaced it, which is expected here.
     */
    static ConditionFactory waiting() {
        return Awaitility.await().dontCatchUncaughtExceptions();
    }

    /** The status code of a GET, 0 when nothing answered. */
    static int status(String url) {
        return get(url).map(HttpResponse::statusCode).orElse(0);
    }

    /** Whether the service's {@code /health/live} says it can still work. */
    static boolean live(int port) {
        return status("http://localhost:" + port + "/health/live") == 200;
    }

    /** The order's status in tracking-stream's view ("DELIVERED"); empty while it does not know the order. */
    static Optional<String> trackedStatus(int trackingPort, String orderId) {
        return get("http://localhost:" + trackingPort + "/orders/" + orderId)
                .filter(response -> response.statusCode() == 200)
                .map(response -> {
                    try {
                        return JSON.readTree(response.body()).path("status").asText();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static Optional<HttpResponse<String>> get(String url) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

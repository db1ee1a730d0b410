package com.orderpipeline.devstack.bench;

import com.orderpipeline.devstack.DevKeys;
import com.orderpipeline.devstack.PipelineTopics;
import com.orderpipeline.devstack.simulators.CarrierSimulator;
import com.orderpipeline.devstack.simulators.WarehouseSimulator;
import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.fulfillment.FulfillmentStreamConfig;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bench's fresh embedded stack, as devstack runs it but on free ports and a data directory of its own: a
 * broker, the schema registry and the topics first; then, after the baselines, order-id-service,
 * fulfillment-stream and tracking-stream with their own defaults (exactly-once, 100 ms commits), and a warehouse
 * and a carrier that answer every step at once. Returns, refunds and e-mail are not part of this lifecycle.
 */
final class BenchStack implements AutoCloseable {
    static final String CEILING_TOPIC = "bench.producer-performance";
    static final String RELAY_TOPIC = "bench.relay";
    /** Where the intake round's orders go, so that the pipeline started after it does not inherit them. */
    static final String INTAKE_TOPIC = "bench.intake.orders.placed";
    static final int PARTITIONS = 3;
    /** The simulators' pace: a step that takes seconds in devstack takes a few milliseconds here. */
    private static final double AS_FAST_AS_THEY_CAN = 1_000;
    private static final String HOST = "localhost";

    private final Path dir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> env = new HashMap<>();
    private String bootstrapServers;
    private String registryUrl;
    private String shopToken;
    private OrderIdServiceApp orderIds;
    private TrackingStreamApp tracking;
    private PipelineWatch watch;

    private BenchStack(Path dir) {
        this.dir = dir;
    }

    /** Starts the broker, the registry and the topics in {@code dir}; on failure stops what it started. */
    static BenchStack start(Path dir, Progress progress) {
        BenchStack stack = new BenchStack(dir);
        try {
            stack.startKafka(progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startKafka(Progress progress) {
        progress.note("Starting Kafka and the schema registry (data in " + dir.toAbsolutePath() + ")");
        EmbeddedKafkaBroker broker = own(EmbeddedKafkaBroker.start(dir.resolve("kafka"), HOST, 0));
        bootstrapServers = broker.bootstrapServers();
        EmbeddedSchemaRegistry registry = own(EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", bootstrapServers),
                EmbeddedSchemaRegistry.DEFAULT_TOPIC, (short) 1, HOST, 0));
        registryUrl = registry.url();
        DevKeys.ApiTokenPair tokens = DevKeys.apiTokens(dir);
        shopToken = tokens.shop();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("ORDER_ID_KEY", DevKeys.orderIdKey(dir));
        env.put("TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        env.put("API_TOKENS", tokens.asVariable());
        env.put("HTTP_HOST", HOST);
        // one load generator on one address: the per-client limit of public lookups would measure itself
        env.put("RATE_LIMIT_PER_SECOND", "0");
        KafkaSettings kafka = KafkaSettings.fromEnv(new Env(env));
        PipelineTopics.create(kafka, TopicNames.fromEnv(env::get));
        try (TopicAdmin admin = new TopicAdmin(kafka)) {
            admin.ensureTopics(List.of(TopicSpec.of(CEILING_TOPIC).withPartitions(PARTITIONS),
                    TopicSpec.of(RELAY_TOPIC).withPartitions(PARTITIONS),
                    TopicSpec.of(INTAKE_TOPIC).withPartitions(PARTITIONS)));
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String shopToken() {
        return shopToken;
    }

    BareRelay relay() {
        return new BareRelay(bootstrapServers, RELAY_TOPIC, HOST);
    }

    /**
     * order-id-service alone, writing the orders to a topic of their own: the intake round measures the order API
     * and nothing else, as the bare relay before it.
     */
    OrderIdServiceApp orderApiAlone() {
        return OrderIdServiceApp.start(OrderIdServiceConfig.fromEnv(new Env(with("HTTP_PORT", 0,
                TopicNames.Name.ORDERS_PLACED.variable(), INTAKE_TOPIC))),
                Clock.systemUTC());
    }

    /** Starts the services and the simulators, and waits until the stream apps run. */
    void startPipeline(Progress progress) {
        progress.note("Starting tracking-stream, fulfillment-stream, order-id-service, the warehouse and the carrier");
        int trackingPort = freePort();
        tracking = own(TrackingStreamApp.start(TrackingStreamConfig.fromEnv(new Env(with("HTTP_PORT", trackingPort,
                "STATE_DIR", dir.resolve("state/tracking-stream"), "APPLICATION_SERVER", HOST + ":" + trackingPort,
                "TRACKING_BASE_URL", url(trackingPort)))), Clock.systemUTC()));
        FulfillmentStreamApp fulfillment = own(FulfillmentStreamApp.start(FulfillmentStreamConfig.fromEnv(new Env(with(
                "HTTP_PORT", 0, "STATE_DIR", dir.resolve("state/fulfillment-stream"))))));
        orderIds = own(OrderIdServiceApp.start(OrderIdServiceConfig.fromEnv(new Env(with("HTTP_PORT", 0,
                "TRACKING_BASE_URL", url(trackingPort)))), Clock.systemUTC()));
        if (!tracking.awaitRunning(Duration.ofSeconds(60)) || !fulfillment.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("The stream apps did not reach RUNNING within 60 s; see the log");
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        TopicNames topics = TopicNames.fromEnv(env::get);
        Map<String, Object> kafka = KafkaSettings.fromEnv(new Env(env)).with(Map.of());
        own(new WarehouseSimulator(kafka, registry, topics.ordersFulfillment(), topics.fulfillmentScans(), 0,
                AS_FAST_AS_THEY_CAN, Clock.systemUTC()));
        own(new CarrierSimulator(kafka, registry, topics.ordersFulfillment(), topics.carrierEvents(), AS_FAST_AS_THEY_CAN,
                Clock.systemUTC()));
        watch = own(new PipelineWatch(bootstrapServers, registry, topics.ordersTracking()));
    }

    PipelineWatch watch() {
        return watch;
    }

    int orderApiPort() {
        return orderIds.httpPort();
    }

    int trackingPort() {
        return tracking.httpPort();
    }

    String url(int port) {
        return "http://" + HOST + ":" + port;
    }

    private Map<String, String> with(Object... pairs) {
        Map<String, String> copy = new HashMap<>(env);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put(pairs[i].toString(), pairs[i + 1].toString());
        }
        return copy;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for tracking-stream", e);
        }
    }

    private <T extends AutoCloseable> T own(T component) {
        started.push(component);
        return component;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            Lifecycle.closeQuietly(started.pop());
        }
    }

    /** Removes the stack's data directory. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

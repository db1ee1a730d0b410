package com.orderpipeline.orderid;

import com.orderpipeline.orderid.blocks.OrderIdIssuer;
import com.orderpipeline.orderid.health.KafkaProbe;
import com.orderpipeline.orderid.http.CancellationController;
import com.orderpipeline.orderid.http.OrderController;
import com.orderpipeline.orderid.http.OrderIdController;
import com.orderpipeline.orderid.http.ReturnsController;
import com.orderpipeline.orderid.idempotency.IdempotencyKeys;
import com.orderpipeline.orderid.idempotency.IdempotentOrders;
import com.orderpipeline.orderid.idempotency.KeyJournal;
import com.orderpipeline.orderid.orders.KafkaWriter;
import com.orderpipeline.orderid.orders.OrderService;
import com.orderpipeline.orderid.requests.CancellationRequests;
import com.orderpipeline.orderid.requests.ReturnRequests;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.runtime.http.ServiceHttp;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.AccessControl;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.IdempotentOrder;
import com.orderpipeline.schemas.avro.OrderIdBlockClaim;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.Subjects;
import com.orderpipeline.schemas.topics.TopicCatalog;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * order-id-service: wires configuration, Kafka, the ID generator and the HTTP API together, and takes them
 * apart again in order. Writes {@code orders.placed}, {@code orders.requests}, {@code returns.requests},
 * {@code order-ids.blocks} and {@code order-ids.idempotency};
 * reads the last two back at start.
 */
public final class OrderIdServiceApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderIdServiceApp.class);
    /** How often readiness asks Kafka, and how long it waits for an answer. */
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** How long start waits for the Idempotency-Keys of earlier runs to be read back. */
    private static final Duration KEYS_READ_BACK = Duration.ofMinutes(2);

    private ServiceMetrics metrics;
    private OrderIdIssuer ids;
    private KafkaWriter<OrderPlaced> publisher;
    private KafkaWriter<IdempotentOrder> keyWriter;
    private KafkaWriter<CancellationRequested> requestWriter;
    private KafkaWriter<ReturnRequested> returnWriter;
    private KeyJournal keyJournal;
    private KafkaProbe kafkaProbe;
    private ServiceHttp http;
    private volatile boolean closing;

    private OrderIdServiceApp() {
    }

    public static void main(String[] args) {
        Lifecycle.runUntilStopped("order-id-service", () -> start(OrderIdServiceConfig.fromEnv(Env.system()), Clock.systemUTC()));
    }

    /** Starts the service; on failure, whatever was started is stopped again before the error is thrown. */
    public static OrderIdServiceApp start(OrderIdServiceConfig config, Clock clock) {
        return Lifecycle.startOrClose(new OrderIdServiceApp(), app -> app.startParts(config, clock));
    }

    private void startParts(OrderIdServiceConfig config, Clock clock) {
        LOG.info("Starting order-id-service with {}", config);
        metrics = new ServiceMetrics("order-id-service");
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(config.topics(), registry, AvroSerdeConfig.defaults());
        prepareTopics(config, topics);
        registry.register(Subjects.valueSubject(topics.ordersPlaced().name()), OrderPlaced.getClassSchema());
        registry.register(Subjects.valueSubject(topics.orderIdBlocks().name()), OrderIdBlockClaim.getClassSchema());
        registry.register(Subjects.valueSubject(topics.orderIdIdempotency().name()), IdempotentOrder.getClassSchema());
        registry.register(Subjects.valueSubject(topics.ordersRequests().name()), CancellationRequested.getClassSchema());
        registry.register(Subjects.valueSubject(topics.returnsRequests().name()), ReturnRequested.getClassSchema());
        IdempotencyKeys keys = readBackKeys(config, topics, clock);

        ids = OrderIdIssuer.start(config.kafka(), topics.orderIdBlocks(), config.orderIdPrefix(), config.orderIdKey(),
                config.orderIdKeyGeneration(), config.blockSize(), config.instanceId(), clock, config.produceTimeout());

        publisher = new KafkaWriter<>(config.kafka(), topics.ordersPlaced(), config.produceTimeout(),
                "order-id-service-" + config.instanceId());
        keyWriter = new KafkaWriter<>(config.kafka(), topics.orderIdIdempotency(), config.produceTimeout(),
                "order-id-service-keys-" + config.instanceId());
        metrics.bindProducer(publisher.producer());
        requestWriter = new KafkaWriter<>(config.kafka(), topics.ordersRequests(), config.produceTimeout(),
                "order-id-service-requests-" + config.instanceId());
        returnWriter = new KafkaWriter<>(config.kafka(), topics.returnsRequests(), config.produceTimeout(),
                "order-id-service-returns-" + config.instanceId());
        metrics.bindProducer(keyWriter.producer());
        metrics.bindProducer(requestWriter.producer());
        metrics.bindProducer(returnWriter.producer());
        metrics.bindProducer(ids.producer());
        kafkaProbe = new KafkaProbe(config.kafka(), List.of(topics.ordersPlaced().name(), topics.orderIdBlocks().name(),
                topics.orderIdIdempotency().name()), PROBE_INTERVAL, PROBE_TIMEOUT);
        OrderService orders = new OrderService(ids::issue, publisher, clock, config.produceTimeout(), metrics.registry(),
                kafkaProbe::reportFailure);
        IdempotentOrders idempotency = new IdempotentOrders(orders, keys, keyWriter, clock, config.instanceId());
        var json = Json.mapper();
        OrderController orderController = new OrderController(orders, idempotency, config.trackingBaseUrl(),
                config.produceTimeout().plusSeconds(2), json);
        OrderIdController idController = new OrderIdController(OrderIdRules.of(config.orderIdPrefix()), json);
        CancellationController cancellations = new CancellationController(
                new CancellationRequests(requestWriter, orders, clock), OrderIdRules.of(config.orderIdPrefix()),
                config.trackingBaseUrl(), json);
        ReturnsController returns = new ReturnsController(new ReturnRequests(returnWriter, orders, clock),
                OrderIdRules.of(config.orderIdPrefix()), config.trackingBaseUrl(), json);

        http = ServiceHttp.start(config.httpHost(), config.httpPort(), config.maxBodyBytes(), metrics,
                new AccessControl(config.access()), () -> new Health(true, Map.of()), this::health, javalin -> {
                    javalin.routes.post("/orders", orderController::place, Access.SHOP, Access.SUPPORT);
                    javalin.routes.post("/orders/{orderId}/cancellation", cancellations::request, Access.SHOP,
                            Access.SUPPORT);
                    javalin.routes.post("/orders/{orderId}/returns", returns::request, Access.SHOP, Access.SUPPORT);
                    javalin.routes.get("/order-ids/{id}", idController::check, Access.PUBLIC);
                });
        LOG.info("order-id-service ready on port {} (prefix {}, key fingerprint {})", http.port(),
                config.orderIdPrefix(), config.orderIdKey().fingerprint());
    }

    /** Reads every Idempotency-Key of earlier runs and of the other instances, and keeps following them. */
    private IdempotencyKeys readBackKeys(OrderIdServiceConfig config, TopicCatalog topics, Clock clock) {
        IdempotencyKeys keys = new IdempotencyKeys(clock, config.idempotencyTtl(), config.idempotencyMaxKeys());
        Gauge.builder("orders.idempotency.keys", keys, IdempotencyKeys::size)
                .description("Idempotency-Keys remembered, from this instance and from order-ids.idempotency")
                .register(metrics.registry());
        keyJournal = new KeyJournal(config.kafka(), topics.orderIdIdempotency(), "order-id-service-keys-reader-"
                + config.instanceId(), keys::learn).start();
        try {
            if (!keyJournal.awaitCaughtUp(KEYS_READ_BACK)) {
                throw new IllegalStateException("Could not read back the Idempotency-Keys on " + topics.orderIdIdempotency().name()
                        + " within " + KEYS_READ_BACK.toSeconds() + " s; without them a retried order could be placed twice");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading back the Idempotency-Keys", e);
        }
        return keys;
    }

    private static void prepareTopics(OrderIdServiceConfig config, TopicCatalog topics) {
        try (TopicAdmin admin = new TopicAdmin(config.kafka())) {
            // One partition, so offsets (the block numbers) are one sequence; kept forever and never compacted,
            // so every claim ever made stays readable for the key check at start.
            TopicSpec blocks = TopicSpec.of(topics.orderIdBlocks().name()).withPartitions(1)
                    .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                    .withConfig(TopicConfig.RETENTION_MS_CONFIG, "-1")
                    .withConfig(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
            // Compacted to the last word on each key, and deleted after the keys' time to live.
            TopicSpec keys = TopicSpec.of(topics.orderIdIdempotency().name())
                    .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE)
                    .withConfig(TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.idempotencyTtl().plusHours(1).toMillis()));
            admin.ensureTopics(List.of(TopicSpec.of(topics.ordersPlaced().name()), blocks, keys));
            // co-partitioned with orders.placed, as fulfillment-stream and returns-stream, which read them with it, require
            int placedPartitions = admin.requireTopics(List.of(topics.ordersPlaced().name())).get(topics.ordersPlaced().name());
            admin.ensureTopics(List.of(TopicSpec.of(topics.ordersRequests().name()).withPartitions(placedPartitions),
                    TopicSpec.of(topics.returnsRequests().name()).withPartitions(placedPartitions)));
            int partitions = admin.requireTopics(List.of(blocks.name())).get(blocks.name());
            if (partitions != 1) {
                throw new IllegalStateException("Topic " + blocks.name() + " has " + partitions + " partitions; it must have"
                        + " exactly 1, because its offsets are the block numbers and must never repeat");
            }
        }
    }

    /** Read from state the background keeps up to date, so it answers at once whatever Kafka does. */
    private Health health() {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("orderIds", ids != null && ids.hasSequenceAtHand() ? "UP"
                : "DOWN: " + (ids == null ? "not started" : ids.claimFailure().orElse("no block of order numbers at hand")));
        components.put("idempotencyKeys", keyJournal != null && keyJournal.caughtUp() ? "UP" : "DOWN: not read back yet");
        components.put("kafka", kafkaProbe == null ? "DOWN: not started" : kafkaProbe.failure().map(f -> "DOWN: " + f).orElse("UP"));
        boolean up = !closing && components.values().stream().allMatch("UP"::equals);
        if (closing) {
            components.put("service", "DOWN: shutting down");
        }
        return new Health(up, components);
    }

    public int httpPort() {
        return http.port();
    }

    /** Stops the producers, then the HTTP server, then the metrics; safe to call more than once. */
    @Override
    public synchronized void close() {
        closing = true;
        kafkaProbe = Lifecycle.closeQuietly(kafkaProbe);
        publisher = Lifecycle.closeQuietly(publisher);
        keyWriter = Lifecycle.closeQuietly(keyWriter);
        requestWriter = Lifecycle.closeQuietly(requestWriter);
        returnWriter = Lifecycle.closeQuietly(returnWriter);
        keyJournal = Lifecycle.closeQuietly(keyJournal);
        ids = Lifecycle.closeQuietly(ids);
        http = Lifecycle.closeQuietly(http);
        metrics = Lifecycle.closeQuietly(metrics);
        LOG.info("order-id-service stopped");
    }
}

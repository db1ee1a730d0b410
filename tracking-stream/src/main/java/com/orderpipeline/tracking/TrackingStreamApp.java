package com.orderpipeline.tracking;

import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.runtime.http.ServiceHttp;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.AccessControl;
import com.orderpipeline.runtime.http.access.ApiTokens;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.lifecycle.StartupRetry;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import com.orderpipeline.runtime.streams.RestoreProgress;
import com.orderpipeline.runtime.streams.StreamsRunner;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.CustomerOrder;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.Subjects;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.tracking.http.LongPollParams;
import com.orderpipeline.tracking.customers.CustomerOrdersJson;
import com.orderpipeline.tracking.customers.CustomerQueries;
import com.orderpipeline.tracking.desk.SupportDesk;
import com.orderpipeline.tracking.http.CustomerController;
import com.orderpipeline.tracking.http.LiveController;
import com.orderpipeline.tracking.live.LiveViewers;
import com.orderpipeline.tracking.http.OrderController;
import com.orderpipeline.tracking.http.SupportController;
import com.orderpipeline.tracking.page.PageController;
import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.query.AnswerJson;
import com.orderpipeline.tracking.query.Instance;
import com.orderpipeline.tracking.query.OwnedReads;
import com.orderpipeline.tracking.query.OwnerClient;
import com.orderpipeline.tracking.query.TrackingQueries;
import com.orderpipeline.tracking.support.SupportQueries;
import com.orderpipeline.tracking.support.SupportView;
import com.orderpipeline.tracking.topology.TrackingTopology;
import com.orderpipeline.tracking.waiters.StatusWaiters;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tracking-stream: wires configuration, the tracking topology, interactive queries, long polls and the tracking
 * page together, and takes them apart again in order. Reads {@code orders.placed}, {@code orders.fulfillment},
 * {@code orders.returns}, {@code payments.refunds}, {@code carrier.events} and, for support, {@code fulfillment.rejected},
 * {@code orders.requests.rejected} and {@code returns.rejected}; writes {@code orders.tracking} (compacted) and, for records
 * it cannot read, {@code pipeline.dead-letter}.
 */
public final class TrackingStreamApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingStreamApp.class);

    private ServiceMetrics metrics;
    private StatusWaiters waiters;
    private LiveViewers live;
    private ServiceHttp http;
    private volatile StreamsRunner runner;
    private volatile Instance instance;
    private volatile boolean closing;

    private TrackingStreamApp() {
    }

    public static void main(String[] args) {
        Lifecycle.runUntilStopped("tracking-stream", () -> start(TrackingStreamConfig.fromEnv(Env.system()), Clock.systemUTC()));
    }

    /**
     * Checks the topics, registers the output schema, starts the HTTP server and then Kafka Streams; does not
     * wait for RUNNING (see {@link #awaitRunning}): until then lookups answer 503 and readiness is DOWN. On
     * failure, whatever was started is stopped again before the error is thrown.
     *
     * @param clock what the tracking page takes as today; the view's late flag follows Kafka Streams' wall clock
     */
    public static TrackingStreamApp start(TrackingStreamConfig config, Clock clock) {
        return Lifecycle.startOrClose(new TrackingStreamApp(), app -> app.startParts(config, clock));
    }

    private void startParts(TrackingStreamConfig config, Clock clock) {
        LOG.info("Starting tracking-stream with {}", config);
        metrics = new ServiceMetrics("tracking-stream");
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(config.topics(), registry, AvroSerdeConfig.defaults());
        ActiveStores active = new ActiveStores(prepareTopics(config, topics),
                TrackingTopology.DIRECTLY_READ_STORES);
        StartupRetry.untilDone("register the schemas with " + config.registryUrl(), config.streams().startupWait(),
                SchemaRegistryException::isRetriableFailure,
                () -> registerSchemas(registry, topics, config.streams().applicationId()));

        waiters = new StatusWaiters();
        Gauge.builder("tracking.longpoll.waiters", waiters, StatusWaiters::size)
                .description("Long polls waiting for an order to reach a status").register(metrics.registry());
        AnswerJson answers = new AnswerJson(Json.mapper());
        live = new LiveViewers(config.live().maxStreams(), config.live().heartbeat(), answers);
        Gauge.builder("tracking.live.streams", live, LiveViewers::open)
                .description("Live streams of views open, forwarded ones included").register(metrics.registry());
        StatusWaiters polls = waiters;
        LiveViewers streams = live;
        Topology topology = TrackingTopology.build(config.topology(), topics,
                TrackingTopology.customerOrderSerde(registry, AvroSerdeConfig.defaults()), view -> {
                    polls.onUpdate(view);
                    streams.onUpdate(view);
                }, active);

        OwnerClient owners = new OwnerClient(config.forwardConnect(), config.forwardTimeout(), config.access().tokens()
                .flatMap(ApiTokens::shopOrSupport));
        TrackingQueries queries = new TrackingQueries(() -> Optional.ofNullable(instance), active, owners, waiters,
                answers, metrics.registry());
        OwnedReads ownedReads = new OwnedReads(() -> Optional.ofNullable(instance), active, owners);
        CustomerQueries customerQueries = new CustomerQueries(ownedReads);
        CustomerOrdersJson customerJson = new CustomerOrdersJson(Json.mapper());
        CustomerController customers = CustomerController.yourOrders(customerQueries, config.orderIdRules(), customerJson);
        CustomerController supportCustomers = CustomerController.support(customerQueries, config.orderIdRules(),
                customerJson);
        SupportController support = new SupportController(new SupportQueries(ownedReads,
                new SupportView(Json.mapper())), config.orderIdRules());
        OrderController orders = new OrderController(queries, config.orderIdRules(),
                new LongPollParams(config.longPollDefault(), config.longPollMax()), answers);
        PageController pages = new PageController(queries, config.orderIdRules(), clock);
        SupportDesk desk = new SupportDesk(config.desk(), config.access(), config.orderIdRules(), config.httpHost(),
                config.forwardConnect(), config.forwardTimeout());
        LiveController liveStreams = new LiveController(() -> Optional.ofNullable(instance), queries,
                config.orderIdRules(), live, owners);
        // Javalin's own limit on an async answer: a backstop well past the longest wait plus a forward.
        long asyncLimit = config.longPollMax().plus(config.forwardTimeout()).plusSeconds(5).toMillis();
        http = ServiceHttp.start(config.httpHost(), config.httpPort(), config.maxBodyBytes(), metrics,
                new AccessControl(config.access()), this::liveness, this::health, javalin -> {
                    javalin.http.asyncTimeout = asyncLimit;
                    javalin.routes.get("/orders/{orderId}", orders::get, Access.LOOKUP);
                    javalin.routes.get("/orders/{orderId}/events", liveStreams::events, Access.LOOKUP);
                    javalin.routes.get("/customers/{customerId}/orders", customers::list, Access.SHOP, Access.SUPPORT);
                    javalin.routes.get("/support/orders/{orderId}", support::order, Access.SUPPORT);
                    javalin.routes.get("/support/customers/{customerId}/orders", supportCustomers::list, Access.SUPPORT);
                    javalin.routes.get("/", pages::home, Access.PUBLIC);
                    javalin.routes.get("/track", pages::search, Access.PUBLIC);
                    javalin.routes.get("/track/{orderId}", pages::order, Access.LOOKUP);
                    desk.routes(javalin);
                });

        String server = config.streams().applicationServer().orElse("localhost:" + http.port());
        StreamsRunner started = StreamsRunner.start(topology,
                config.streams().withApplicationServer(server).properties(config.kafka(), topics.deadLetter().name()),
                metrics);
        runner = started;
        Instance here = new Instance(started.streams(), HostInfo.buildFromEndpoint(server));
        instance = here;
        live.servedBy(here.selfName());
        started.onStateChange((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                CompletableFuture.runAsync(() -> verifyPartitioning(active, here));
            }
            if (now == KafkaStreams.State.RUNNING && before == KafkaStreams.State.REBALANCING) {
                CompletableFuture.runAsync(queries::handOverMovedWaits);
                CompletableFuture.runAsync(() -> streams.closeMoved(orderId -> here.self().equals(
                        here.ownerOf(TrackingTopology.VIEW_STORE, orderId).activeHost())));
            }
        });
        if (started.streams().state() == KafkaStreams.State.RUNNING) {
            CompletableFuture.runAsync(() -> verifyPartitioning(active, here)); // RUNNING before the listener came
        }
        LOG.info("tracking-stream on port {}: API /orders/{orderId}, page /, announced to other instances as {}",
                http.port(), server);
    }

    /**
     * The schema of orders.tracking and of the stores' changelogs, registered before Kafka Streams starts so that
     * no record waits on the registry to be written.
     */
    private static void registerSchemas(SchemaRegistryClient registry, TopicCatalog topics, String applicationId) {
        registry.register(Subjects.valueSubject(topics.ordersTracking().name()), OrderTracking.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, TrackingTopology.VIEW_STORE),
                OrderTracking.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, TrackingTopology.PARKED_STORE),
                FulfillmentEvent.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, TrackingTopology.PARKED_RETURNS_STORE),
                ReturnEvent.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, TrackingTopology.PARKED_REFUNDS_STORE),
                RefundIssued.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, TrackingTopology.DETAILS_STORE),
                OrderPlaced.getClassSchema());
        registry.register(Subjects.storeValueSubject(applicationId, TrackingTopology.PARKED_CARRIER_STORE),
                CarrierEvent.getClassSchema());
        // the contract carriers produce to, registered so that a carrier can fetch it from the registry
        registry.register(Subjects.valueSubject(topics.carrierEvents().name()), CarrierEvent.getClassSchema());
        registry.register(Subjects.valueSubject(applicationId + "-" + TrackingTopology.CUSTOMER_REPARTITION
                + "-repartition"), CustomerOrder.getClassSchema());
    }

    /**
     * Creates the topics it writes when missing, and those it reads that others write (orders.returns,
     * payments.refunds, carrier.events and the three topics of rejections) with the partition count of orders.placed, since this
     * app may start before their writers; refuses to run unless every topic it reads by order ID is co-partitioned.
     *
     * @return their partition count
     */
    private static int prepareTopics(TrackingStreamConfig config, TopicCatalog topics) {
        String placed = topics.ordersPlaced().name();
        List<String> readByOrder = List.of(topics.ordersReturns().name(), topics.paymentsRefunds().name(),
                topics.carrierEvents().name(),
                topics.fulfillmentRejected().name(), topics.ordersRequestsRejected().name(),
                topics.returnsRejected().name());
        try (TopicAdmin admin = new TopicAdmin(config.kafka())) {
            int partitions = admin.requireTopics(List.of(placed)).get(placed);
            List<TopicSpec> specs = new ArrayList<>(List.of(
                    TopicSpec.of(topics.ordersTracking().name())
                            .withConfig(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                    TopicSpec.of(topics.deadLetter().name())));
            readByOrder.forEach(topic -> specs.add(TopicSpec.of(topic).withPartitions(partitions)));
            admin.ensureTopics(specs);
            List<String> coPartitioned = new ArrayList<>(List.of(placed, topics.ordersFulfillment().name()));
            coPartitioned.addAll(readByOrder);
            admin.requireCoPartitioned(coPartitioned);
            return partitions;
        }
    }

    /**
     * Direct reads start once the partitioning agrees with Kafka Streams'; a check that cannot run waits for the
     * next rebalance.
     */
    private static void verifyPartitioning(ActiveStores active, Instance here) {
        try {
            active.verify(here::ownerOf);
        } catch (RuntimeException e) {
            LOG.warn("Could not compare the stores' partitioning with Kafka Streams' (reads go through Kafka Streams"
                    + " until the next rebalance): {}", e.toString());
        }
    }

    private Health liveness() {
        StreamsRunner current = runner;
        return current == null ? new Health(true, Map.of("kafkaStreams", "UP: starting")) : current.liveness();
    }

    private Health health() {
        StreamsRunner current = runner;
        if (closing) {
            return Health.down(Map.of("service", "DOWN: shutting down"));
        }
        return current == null ? Health.down(Map.of("kafkaStreams", "DOWN: not started yet")) : current.health();
    }

    /** Waits, at most {@code timeout}, until Kafka Streams first reaches RUNNING; false if it did not. */
    public boolean awaitRunning(Duration timeout) {
        StreamsRunner current = runner;
        return current != null && current.awaitRunning(timeout);
    }

    public int httpPort() {
        return http.port();
    }

    /** How far restoring the state stores has come, for devstack's progress bar. */
    public RestoreProgress.Figures restoreProgress() {
        StreamsRunner current = runner;
        return current == null ? new RestoreProgress.Figures(0, 0) : current.restoreProgress();
    }

    /** Live streams open now, forwarded ones included; for tests and the metrics. */
    public int openLiveStreams() {
        return live == null ? 0 : live.open();
    }

    /** Long polls waiting now; for tests and the metrics. */
    public int waitingLongPolls() {
        return waiters == null ? 0 : waiters.size();
    }

    /**
     * Stops Kafka Streams (leaving the group, so the other instances take its partitions over at once instead
     * of after the session timeout), then answers the long polls still waiting and ends the live streams (their
     * clients reconnect to another instance), then stops the HTTP server and the metrics; safe to call more than
     * once.
     */
    @Override
    public synchronized void close() {
        closing = true;
        runner = Lifecycle.closeQuietly(runner);
        waiters = Lifecycle.closeQuietly(waiters);
        live = Lifecycle.closeQuietly(live);
        http = Lifecycle.closeQuietly(http);
        metrics = Lifecycle.closeQuietly(metrics);
        LOG.info("tracking-stream stopped");
    }
}

package com.orderpipeline.devstack;

import com.orderpipeline.devstack.analytics.AnalyticsCommand;
import com.orderpipeline.devstack.bench.BenchCommand;
import com.orderpipeline.devstack.mail.MailSetup;
import com.orderpipeline.devstack.monitor.PipelineMonitor;
import com.orderpipeline.devstack.monitor.StatusLine;
import com.orderpipeline.devstack.simulators.CarrierSimulator;
import com.orderpipeline.devstack.simulators.OrderApiClient;
import com.orderpipeline.devstack.simulators.ReturnsSimulator;
import com.orderpipeline.devstack.simulators.ShopperSimulator;
import com.orderpipeline.devstack.simulators.WarehouseSimulator;
import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.fulfillment.FulfillmentStreamApp;
import com.orderpipeline.fulfillment.FulfillmentStreamConfig;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.returns.ReturnsStreamApp;
import com.orderpipeline.returns.ReturnsStreamConfig;
import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.ApiTokens;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The embedded default: a real Kafka broker (KRaft) and a Confluent-compatible schema registry in this JVM,
 * the three services beside them, and simulated shoppers, warehouses and carriers driving orders through.
 * Prints the URLs, keeps one status line of live figures, and stops everything in reverse order on Ctrl-C
 * or SIGTERM.
 */
@Command(name = "devstack", mixinStandardHelpOptions = true, sortOptions = false, version = "devstack 0.1.0",
        description = "Runs the order pipeline on one machine: Kafka, the schema registry, the services and simulators.",
        subcommands = {AnalyticsCommand.class, BenchCommand.class})
public final class DevStack implements Callable<Integer>, AutoCloseable {
    static final String DEFAULT_DATA_DIR = "devstack-data";
    private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR,
            description = "Where the broker's log, the stores, the order ID key and the log file are kept; a restart"
                    + " with the same directory resumes where it stopped (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--services", paramLabel = "LIST", defaultValue = "all", split = ",",
            description = "Which services run in this JVM: all, none, or a comma-separated list of order-id-service,"
                    + " fulfillment-stream, tracking-stream, returns-stream, notifier (default: ${DEFAULT-VALUE}).")
    String[] services;

    @Option(names = "--no-simulators", description = "Run the pipeline without the simulated shopper, warehouse and carrier.")
    boolean noSimulators;

    @Option(names = "--orders-per-second", paramLabel = "RATE", defaultValue = "1",
            description = "How many orders the simulated shopper places each second (default: ${DEFAULT-VALUE}).")
    double ordersPerSecond;

    @Option(names = "--faulty-scans", paramLabel = "SHARE", defaultValue = "0.03",
            description = "Share of warehouse scans sent faulty first, so rejections show (default: ${DEFAULT-VALUE}).")
    double faultyScans;

    @Option(names = "--cancellations", paramLabel = "SHARE", defaultValue = "0.03",
            description = "Share of physical orders the simulated shopper asks to cancel soon after placing them"
                    + " (default: ${DEFAULT-VALUE}).")
    double cancellations;

    @Option(names = "--returns", paramLabel = "SHARE", defaultValue = "0.05",
            description = "Share of physical orders of which the simulated shopper sends an item back once delivered"
                    + " (default: ${DEFAULT-VALUE}).")
    double returnShare;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "Use this Kafka cluster instead of starting one (needs --registry too).")
    String externalKafka;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Use this schema registry instead of starting one (needs --kafka too).")
    String externalRegistry;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Kafka's port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "The schema registry's port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--order-id-port", paramLabel = "PORT", defaultValue = "8080",
            description = "order-id-service's port (default: ${DEFAULT-VALUE}).")
    int orderIdPort;

    @Option(names = "--fulfillment-port", paramLabel = "PORT", defaultValue = "8082",
            description = "fulfillment-stream's port (default: ${DEFAULT-VALUE}).")
    int fulfillmentPort;

    @Option(names = "--returns-port", paramLabel = "PORT", defaultValue = "8084",
            description = "returns-stream's port (default: ${DEFAULT-VALUE}).")
    int returnsPort;

    @Option(names = "--tracking-port", paramLabel = "PORT", defaultValue = "8083",
            description = "tracking-stream's port (default: ${DEFAULT-VALUE}).")
    int trackingPort;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost",
            description = "The host name every listener binds to and advertises (default: ${DEFAULT-VALUE}).")
    String host;

    @Mixin
    MailSetup mail;

    @Spec
    CommandSpec spec;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrintStream out = System.out;
    private String bootstrapServers;
    private String registryUrl;
    /** The tokens made for this data directory; null when API_TOKENS came with the environment. */
    private DevKeys.ApiTokenPair generatedTokens;
    /** What the simulators send as a shop. */
    String shopToken;
    /** What an agent logs in to the support desk with; null when API_TOKENS came without a support token. */
    String supportToken;
    private TrackingStreamApp tracking;
    private FulfillmentStreamApp fulfillment;
    private ReturnsStreamApp returns;
    private OrderIdServiceApp orderIds;

    public static void main(String[] args) {
        int code = new CommandLine(new DevStack()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServiceSelection selection = validate();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "devstack-shutdown"));
        try {
            start(selection);
        } catch (RuntimeException e) {
            LOG.error("devstack could not start", e);
            out.println();
            out.println("devstack could not start: " + e.getMessage());
            out.println("The log is in " + System.getProperty(Main.LOG_FILE_PROPERTY, "the data directory"));
            close();
            return 1;
        }
        stopped.await();
        return 0;
    }

    private ServiceSelection validate() {
        if ((externalKafka == null) != (externalRegistry == null)) {
            throw new ParameterException(spec.commandLine(), "--kafka and --registry go together: an external cluster"
                    + " needs its schema registry too");
        }
        if (ordersPerSecond <= 0 || ordersPerSecond > 1_000) {
            throw new ParameterException(spec.commandLine(), "--orders-per-second must be above 0 and at most 1000");
        }
        requireShare(faultyScans, "--faulty-scans");
        requireShare(cancellations, "--cancellations");
        requireShare(returnShare, "--returns");
        try {
            return ServiceSelection.parse(services);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void requireShare(double share, String option) {
        if (share < 0 || share > 1) {
            throw new ParameterException(spec.commandLine(), option + " is a share from 0 to 1");
        }
    }

    /** Starts Kafka, the registry, the selected services and the simulators, and prints where they are. */
    void start(ServiceSelection selection) {
        startKafkaAndRegistry();
        Map<String, String> env = serviceEnvironment();
        own(mail.startMailbox(host, env));
        TopicNames topics = TopicNames.fromEnv(env::get);
        step("Creating the topics");
        KafkaSettings kafkaSettings = KafkaSettings.fromEnv(new Env(env));
        PipelineTopics.create(kafkaSettings, topics);
        if (selection.runs(ServiceSelection.Service.TRACKING_STREAM)) {
            step("Starting tracking-stream");
            tracking = own(TrackingStreamApp.start(TrackingStreamConfig.fromEnv(new Env(with(env,
                    "HTTP_PORT", trackingPort, "STATE_DIR", dataDir.resolve("state/tracking-stream"),
                    "APPLICATION_SERVER", host + ":" + trackingPort))), Clock.systemUTC()));
        }
        if (selection.runs(ServiceSelection.Service.FULFILLMENT_STREAM)) {
            step("Starting fulfillment-stream");
            fulfillment = own(FulfillmentStreamApp.start(FulfillmentStreamConfig.fromEnv(new Env(with(env,
                    "HTTP_PORT", fulfillmentPort, "STATE_DIR", dataDir.resolve("state/fulfillment-stream"))))));
        }
        if (selection.runs(ServiceSelection.Service.RETURNS_STREAM)) {
            step("Starting returns-stream");
            returns = own(ReturnsStreamApp.start(ReturnsStreamConfig.fromEnv(new Env(with(env,
                    "HTTP_PORT", returnsPort, "STATE_DIR", dataDir.resolve("state/returns-stream"))))));
        }
        if (selection.runs(ServiceSelection.Service.NOTIFIER)) {
            step("Starting the notifier");
            own(mail.startNotifier(env, dataDir));
        }
        if (selection.runs(ServiceSelection.Service.ORDER_ID_SERVICE)) {
            step("Starting order-id-service");
            orderIds = own(OrderIdServiceApp.start(OrderIdServiceConfig.fromEnv(new Env(with(env,
                    "HTTP_PORT", orderIdPort))), Clock.systemUTC()));
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        // the simulators and the monitor reach Kafka as the services do, KAFKA_* settings (TLS, SASL) included
        Map<String, Object> kafka = kafkaSettings.with(Map.of());
        boolean simulate = !noSimulators && orderIds != null;
        if (simulate) {
            step("Starting simulators");
            OrderApiClient orderApi = new OrderApiClient(url(orderIds.httpPort()), shopToken);
            own(new WarehouseSimulator(kafka, registry, topics.ordersFulfillment(), topics.fulfillmentScans(),
                    faultyScans, 1.0, Clock.systemUTC()));
            own(new CarrierSimulator(kafka, registry, topics.ordersFulfillment(), topics.carrierEvents(), 1.0,
                    Clock.systemUTC()));
            own(new ReturnsSimulator(kafka, registry, topics.ordersFulfillment(), topics.ordersReturns(), topics.returnsScans(),
                    orderApi, new ReturnsSimulator.Shares(returnShare, ReturnsSimulator.Shares.DEFAULT.damaged(),
                    ReturnsSimulator.Shares.DEFAULT.missing()), 1.0, Clock.systemUTC()));
            own(new ShopperSimulator(orderApi, ordersPerSecond, cancellations));
        }
        printUrls(selection, simulate);
        PipelineMonitor monitor = own(new PipelineMonitor(kafka, registry, topics));
        own(new StatusLine(out, System.console() != null, monitor::snapshot, this::restoreProgress));
    }

    private void startKafkaAndRegistry() {
        if (externalKafka != null) {
            bootstrapServers = externalKafka;
            registryUrl = externalRegistry;
            out.println("Using Kafka at " + bootstrapServers + " and the schema registry at " + registryUrl);
            return;
        }
        step("Starting Kafka (data in " + dataDir.toAbsolutePath() + ")");
        EmbeddedKafkaBroker broker = own(EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), host, kafkaPort));
        bootstrapServers = broker.bootstrapServers();
        step("Starting the schema registry");
        EmbeddedSchemaRegistry registry = own(EmbeddedSchemaRegistry.start(Map.of("bootstrap.servers", bootstrapServers),
                EmbeddedSchemaRegistry.DEFAULT_TOPIC, (short) 1, host, registryPort));
        registryUrl = registry.url();
    }

    private void printUrls(ServiceSelection selection, boolean simulate) {
        out.println();
        out.println("  Tracking page    " + (tracking == null ? "(not in this JVM)" : url(tracking.httpPort()) + "/"));
        out.println("  Order API        " + (orderIds == null ? "(not in this JVM)"
                : url(orderIds.httpPort()) + "/orders   (GET /order-ids/{id} checks an ID)"));
        out.println("  Tracking API     " + (tracking == null ? "(not in this JVM)" : url(tracking.httpPort()) + "/orders/{id}"));
        out.println("  Support desk     " + (tracking == null ? "(not in this JVM)" : url(tracking.httpPort())
                + "/support/   (log in with the support token below)"));
        out.println("  Fulfillment      " + (fulfillment == null ? "(not in this JVM)" : url(fulfillment.httpPort()) + "/health/ready"));
        out.println("  Returns          " + (returns == null ? "(not in this JVM)" : url(returns.httpPort()) + "/health/ready"));
        out.println(mail.urls(host));
        out.println("  Schema registry  " + registryUrl);
        out.println("  Kafka            " + bootstrapServers);
        out.println("  API tokens       " + (generatedTokens == null ? "as API_TOKENS in this environment lists them"
                : generatedTokens.file() + "   (shop=" + generatedTokens.shop() + "  support=" + generatedTokens.support() + ")"));
        out.println("  Metrics          /metrics on each service; the log is "
                + System.getProperty(Main.LOG_FILE_PROPERTY, dataDir.resolve("devstack.log").toString()));
        out.println();
        out.println(simulate ? String.format("Simulated shoppers are placing %s orders/s, cancel %.0f%% of them and send an item"
                + " of %.0f%% back once delivered;%n a simulated warehouse and carrier deliver them in under a minute and take"
                + " the returns back.", ordersPerSecond, 100 * cancellations, 100 * returnShare) : "Simulators are off.");
        out.println("Press Ctrl-C to stop.");
        out.println();
    }

    /** The environment the in-process services read: this process's own, pointed at this Kafka and registry. */
    private Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.putIfAbsent("ORDER_ID_KEY", DevKeys.orderIdKey(dataDir));
        env.putIfAbsent("TRACKING_BASE_URL", url(trackingPort));
        // the support desk cancels and starts returns through order-id-service
        env.putIfAbsent("ORDER_API_URL", url(orderIdPort));
        env.putIfAbsent("TOPIC_PARTITIONS", "3");
        String given = env.get("API_TOKENS");
        if (given == null || given.isBlank()) {
            generatedTokens = DevKeys.apiTokens(dataDir);
            env.put("API_TOKENS", generatedTokens.asVariable());
            shopToken = generatedTokens.shop();
            supportToken = generatedTokens.support();
        } else {
            // the simulators act as a shop: they use the first shop token given (a support token would do too)
            ApiTokens tokens = ApiTokens.parse("API_TOKENS", given);
            shopToken = tokens.shopOrSupport().orElseThrow();
            supportToken = tokens.first(Access.SUPPORT).orElse(null);
        }
        return env;
    }

    private StatusLine.Progress restoreProgress() {
        long restored = 0;
        long total = 0;
        for (var figures : new com.orderpipeline.runtime.streams.RestoreProgress.Figures[]{
            tracking == null ? null : tracking.restoreProgress(),
            fulfillment == null ? null : fulfillment.restoreProgress(),
            returns == null ? null : returns.restoreProgress(), mail.restoreProgress()}) {
            if (figures != null) {
                restored += figures.restored();
                total += figures.total();
            }
        }
        return total == 0 ? StatusLine.Progress.NONE : new StatusLine.Progress("Restoring state", restored, total);
    }

    private static Map<String, String> with(Map<String, String> env, Object... pairs) {
        Map<String, String> copy = new HashMap<>(env);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put(pairs[i].toString(), pairs[i + 1].toString());
        }
        return copy;
    }

    private String url(int port) {
        return "http://" + host + ":" + port;
    }

    private void step(String what) {
        out.println(what + " ...");
    }

    private <T extends AutoCloseable> T own(T component) {
        started.push(component);
        return component;
    }

    /** Stops everything that was started, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        boolean any = !started.isEmpty();
        while (!started.isEmpty()) {
            Lifecycle.closeQuietly(started.pop());
        }
        if (any) {
            out.println("devstack stopped.");
        }
        stopped.countDown();
    }
}

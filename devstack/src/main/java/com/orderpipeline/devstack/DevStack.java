package com.orderpipeline.devstack;

import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.OrderIdServiceConfig;
import com.orderpipeline.runtime.config.Env;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The embedded default: a real Kafka broker (KRaft) and a Confluent-compatible schema registry in this JVM,
 * with the pipeline's services beside them. {@code main} parses the command line, starts everything, prints
 * the URLs and waits for Ctrl-C or SIGTERM, then stops what it started in reverse order.
 */
@Command(name = "devstack", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the order pipeline on one machine: Kafka, the schema registry and the services.")
public final class DevStack implements Callable<Integer>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "devstack-data",
            description = "Where the broker's log and the stores are kept; a restart with the same directory"
                    + " resumes where it stopped (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--services", paramLabel = "LIST", defaultValue = "all", split = ",",
            description = "Which services run in this JVM: all, none, or a comma-separated list of order-id-service,"
                    + " fulfillment-stream, tracking-stream (default: ${DEFAULT-VALUE}).")
    String[] services;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka's client port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "The schema registry's HTTP port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--order-id-port", paramLabel = "PORT", defaultValue = "8080",
            description = "order-id-service's HTTP port (default: ${DEFAULT-VALUE}).")
    int orderIdPort;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost",
            description = "The host name every listener binds to and advertises (default: ${DEFAULT-VALUE}).")
    String host;

    @Spec
    CommandSpec spec;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private PrintStream out = System.out;

    public static void main(String[] args) {
        int code = new CommandLine(new DevStack()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServiceSelection selection;
        try {
            selection = ServiceSelection.parse(services);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "devstack-shutdown"));
        try {
            start(selection);
        } catch (RuntimeException e) {
            LOG.error("devstack could not start", e);
            out.println("devstack could not start: " + e.getMessage());
            close();
            return 1;
        }
        stopped.await();
        return 0;
    }

    /** Starts the broker, the registry and the selected services, and prints where they are. */
    void start(ServiceSelection selection) {
        out.println("Starting Kafka (data in " + dataDir.toAbsolutePath() + ") ...");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), host, kafkaPort);
        started.push(broker);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), registryPort);
        started.push(registry);

        Map<String, String> env = serviceEnvironment(broker, registry);
        String orderApi = null;
        if (selection.runs(ServiceSelection.Service.ORDER_ID_SERVICE)) {
            Map<String, String> orderIdEnv = new HashMap<>(env);
            orderIdEnv.put("HTTP_PORT", Integer.toString(orderIdPort));
            OrderIdServiceApp orderIds = OrderIdServiceApp.start(OrderIdServiceConfig.fromEnv(new Env(orderIdEnv)),
                    Clock.systemUTC());
            started.push(orderIds);
            orderApi = "http://" + host + ":" + orderIds.httpPort();
        }

        out.println();
        out.println("  Kafka            " + broker.bootstrapServers());
        out.println("  Schema registry  " + registry.url());
        if (orderApi != null) {
            out.println("  Order API        " + orderApi + "/orders   (POST an order; GET /order-ids/{id} checks an ID)");
        }
        if (selection.isEmpty()) {
            out.println("  Services         none in this JVM (--services " + String.join(",", services) + ")");
        }
        out.println();
        out.println("Press Ctrl-C to stop.");
    }

    /**
     * The environment the in-process services read: this process's own, with Kafka and the registry pointed at
     * the embedded ones and an order ID key kept in the data directory, so a restart issues IDs with the same key.
     */
    private Map<String, String> serviceEnvironment(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", registry.url());
        env.putIfAbsent("ORDER_ID_KEY", DevKeys.orderIdKey(dataDir));
        env.putIfAbsent("TRACKING_BASE_URL", "http://" + host + ":8083");
        return env;
    }

    /** Stops everything that was started, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", component.getClass().getSimpleName(), e);
            }
        }
        stopped.countDown();
    }
}

package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code devstack analytics}: an example of analytics code reading the pipeline's topics. It reads
 * {@code orders.fulfillment} from the beginning with the Avro deserializer ({@link FulfillmentReader}), and prints
 * the funnel of {@link FunnelStats} as a {@link FunnelTable} every few seconds until stopped, or once, when it has
 * read to the topic's current end, with {@code --once}.
 *
 * <p>The tables go to picocli's {@code getOut()}, problems to {@code getErr()}: tests capture them with
 * {@link CommandLine#setOut} and {@link CommandLine#setErr}. Exit codes: 0 done (or stopped), 1 Kafka or the topic
 * could not be read, 2 bad options.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads orders.fulfillment from the beginning with the Avro deserializer and prints the order"
                + " funnel: orders per current state and the median and p95 time from PLACED to SHIPPED and to"
                + " DELIVERED.", "An example of how analytics code consumes the pipeline's topics."})
public final class AnalyticsCommand implements Callable<Integer> {

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", defaultValue = "localhost:9092",
            description = "Kafka's bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL", defaultValue = "http://localhost:8081",
            description = "The schema registry's URL (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "orders.fulfillment",
            description = "The topic of FulfillmentEvents to read (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between two printouts (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--once",
            description = "Read to the current end of the topic, print the figures once and exit.")
    boolean once;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "A Kafka consumer property, such as a TLS or SASL setting; may be repeated.")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile FulfillmentReader activeReader;

    public AnalyticsCommand() {
        this(Clock.systemUTC());
    }

    /** @param clock gives the time printed above each table */
    AnalyticsCommand(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AnalyticsCommand()).execute(args));
    }

    @Override
    public Integer call() {
        if (intervalSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--interval must be at least 1 second, not " + intervalSeconds);
        }
        SchemaRegistryClient registry;
        try {
            registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--registry: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FunnelStats stats = new FunnelStats();
        try (FulfillmentReader reader = new FulfillmentReader(topic,
                FulfillmentReader.consumerConfig(bootstrapServers, consumerProperties), registry, stats, err)) {
            activeReader = reader;
            if (stopRequested) {
                return 0;
            }
            if (!reader.assignFromBeginning()) {
                err.println("Topic '" + topic + "' does not exist on Kafka at " + bootstrapServers + " (see --topic)");
                return 1;
            }
            if (once) {
                if (!reader.readToCurrentEnd()) {
                    return 1;
                }
                print(out, stats);
                return 0;
            }
            return printLive(reader, stats, out);
        } catch (WakeupException e) {
            return 0;
        } catch (TimeoutException e) {
            err.println("Kafka at " + bootstrapServers + " did not answer in time: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            err.println("Reading '" + topic + "' from Kafka at " + bootstrapServers + " failed: " + e.getMessage());
            return 1;
        } finally {
            activeReader = null;
            out.flush();
            err.flush();
            finished.countDown();
        }
    }

    /** Ends a live run: the consumer closes and {@link #call()} returns 0. Safe from any thread. */
    public void stop() {
        stopRequested = true;
        FulfillmentReader reader = activeReader;
        if (reader != null) {
            reader.wakeup();
        }
    }

    private int printLive(FulfillmentReader reader, FunnelStats stats, PrintWriter out) {
        Thread hook = new Thread(this::stopAndWait, "analytics-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("Reading '" + topic + "' from Kafka at " + bootstrapServers + " from the beginning;"
                    + " figures every " + intervalSeconds + " s. Ctrl-C stops.");
            out.flush();
            long interval = TimeUnit.SECONDS.toNanos(intervalSeconds);
            long nextReport = System.nanoTime() + interval;
            while (!stopRequested) {
                reader.poll();
                if (System.nanoTime() - nextReport >= 0) {
                    out.println();
                    print(out, stats);
                    nextReport += interval;
                }
            }
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what stopped us, and it waits for us to finish
            }
        }
    }

    private void print(PrintWriter out, FunnelStats stats) {
        out.print(FunnelTable.render(topic, stats.snapshot(), clock.instant()));
        out.flush();
    }

    private void stopAndWait() {
        stop();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

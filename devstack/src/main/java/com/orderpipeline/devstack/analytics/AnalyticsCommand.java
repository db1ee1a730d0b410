package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.topics.TopicNames;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * {@code orders.fulfillment}, {@code orders.returns} and {@code payments.refunds} from the beginning with the Avro
 * deserializer ({@link PipelineReader}), and prints the funnel of {@link FunnelStats} as a {@link FunnelTable}
 * every few seconds until stopped, or once, when it has read to the topics' current end, with {@code --once}.
 * Each topic's name is its option, else the pipeline's variable ({@code TOPIC_ORDERS_FULFILLMENT},
 * {@code TOPIC_ORDERS_RETURNS}, {@code TOPIC_PAYMENTS_REFUNDS}, read by {@link TopicNames}), else the default.
 *
 * <p>The tables go to picocli's {@code getOut()}, problems to {@code getErr()}: tests capture them with
 * {@link CommandLine#setOut} and {@link CommandLine#setErr}. Exit codes: 0 done (or stopped), 1 Kafka or a topic
 * could not be read, 2 bad options.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads orders.fulfillment, orders.returns and payments.refunds from the beginning with the Avro"
                + " deserializer and prints the order funnel: orders per current state, the median and p95 time from"
                + " PLACED to SHIPPED and to DELIVERED, the cancellation rate, the return rate, the return requests"
                + " authorized and declined, and the refunds per currency.",
                "An example of how analytics code consumes the pipeline's topics."})
public final class AnalyticsCommand implements Callable<Integer> {

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", defaultValue = "localhost:9092",
            description = "Kafka's bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL", defaultValue = "http://localhost:8081",
            description = "The schema registry's URL (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "The topic of FulfillmentEvents to read (default: TOPIC_ORDERS_FULFILLMENT, else"
                    + " orders.fulfillment).")
    String fulfillmentTopic;

    @Option(names = "--returns-topic", paramLabel = "TOPIC",
            description = "The topic of ReturnEvents to read (default: TOPIC_ORDERS_RETURNS, else orders.returns).")
    String returnsTopic;

    @Option(names = "--refunds-topic", paramLabel = "TOPIC",
            description = "The topic of RefundIssued events to read (default: TOPIC_PAYMENTS_REFUNDS, else"
                    + " payments.refunds).")
    String refundsTopic;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between two printouts (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--once",
            description = "Read to the current end of the topics, print the figures once and exit.")
    boolean once;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
            description = "A Kafka consumer property, such as a TLS or SASL setting; may be repeated.")
    Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final Function<String, String> env;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile PipelineReader activeReader;

    public AnalyticsCommand() {
        this(Clock.systemUTC(), System::getenv);
    }

    /**
     * @param clock gives the time printed above each table
     * @param env   the environment, for the {@code TOPIC_*} variables of topics no option names
     */
    AnalyticsCommand(Clock clock, Function<String, String> env) {
        this.clock = clock;
        this.env = env;
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
        AnalyticsTopics topics = topics();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FunnelStats stats = new FunnelStats();
        try (PipelineReader reader = new PipelineReader(topics,
                PipelineReader.consumerConfig(bootstrapServers, consumerProperties), registry, stats, err)) {
            activeReader = reader;
            if (stopRequested) {
                return 0;
            }
            List<String> missing = reader.assignFromBeginning();
            if (!missing.isEmpty()) {
                missing.forEach(topic -> err.println("Topic '" + topic + "' does not exist on Kafka at "
                        + bootstrapServers + " (see " + optionFor(topics, topic) + ")"));
                return 1;
            }
            if (once) {
                if (!reader.readToCurrentEnd()) {
                    return 1;
                }
                print(out, topics, stats);
                return 0;
            }
            return printLive(reader, topics, stats, out);
        } catch (WakeupException e) {
            return 0;
        } catch (TimeoutException e) {
            err.println("Kafka at " + bootstrapServers + " did not answer in time: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            err.println("Reading " + topics.quoted() + " from Kafka at " + bootstrapServers + " failed: "
                    + e.getMessage());
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
        PipelineReader reader = activeReader;
        if (reader != null) {
            reader.wakeup();
        }
    }

    private int printLive(PipelineReader reader, AnalyticsTopics topics, FunnelStats stats, PrintWriter out) {
        Thread hook = new Thread(this::stopAndWait, "analytics-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("Reading " + topics.quoted() + " from Kafka at " + bootstrapServers + " from the beginning;"
                    + " figures every " + intervalSeconds + " s. Ctrl-C stops.");
            out.flush();
            long interval = TimeUnit.SECONDS.toNanos(intervalSeconds);
            long nextReport = System.nanoTime() + interval;
            while (!stopRequested) {
                reader.poll();
                if (System.nanoTime() - nextReport >= 0) {
                    out.println();
                    print(out, topics, stats);
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

    private void print(PrintWriter out, AnalyticsTopics topics, FunnelStats stats) {
        out.print(FunnelTable.render(topics, stats.snapshot(), clock.instant()));
        out.flush();
    }

    /** The topics the options name, else the pipeline's variables, else the defaults. */
    private AnalyticsTopics topics() {
        try {
            TopicNames names = TopicNames.fromEnv(env);
            return new AnalyticsTopics(fulfillmentTopic != null ? fulfillmentTopic : names.ordersFulfillment(),
                    returnsTopic != null ? returnsTopic : names.ordersReturns(),
                    refundsTopic != null ? refundsTopic : names.paymentsRefunds());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Where {@code topic} came from, for a message about it. */
    private String optionFor(AnalyticsTopics topics, String topic) {
        if (topic.equals(topics.fulfillment())) {
            return source("--topic", fulfillmentTopic, TopicNames.Name.ORDERS_FULFILLMENT);
        }
        if (topic.equals(topics.returns())) {
            return source("--returns-topic", returnsTopic, TopicNames.Name.ORDERS_RETURNS);
        }
        return source("--refunds-topic", refundsTopic, TopicNames.Name.PAYMENTS_REFUNDS);
    }

    private static String source(String option, String given, TopicNames.Name name) {
        return given != null ? option : option + " or " + name.variable();
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

package com.orderpipeline.benchmarks.returns;

import com.orderpipeline.benchmarks.load.CopyBaseline;
import com.orderpipeline.benchmarks.load.LoadRun;
import com.orderpipeline.benchmarks.load.StreamsLoad;
import com.orderpipeline.benchmarks.load.Timing;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The returns load run (a benchmark, not a test). On an embedded broker in this JVM, {@code orders} delivered
 * orders, their fulfillment events, one return request each and its two return scans are loaded first (see
 * {@link ReturnsLoadData}): every order's return goes AUTHORIZED, IN_TRANSIT, RECEIVED, REFUNDED, four events on
 * {@code orders.returns}, and gets one refund on {@code payments.refunds}. Then, in the same run and on the same
 * records, after a warm-up copy and a warm-up run of the topology that are not counted, it times:
 * <ol>
 *   <li>the baseline: a plain consumer-to-producer copy of the raw records, at least once;</li>
 *   <li>returns-stream, exactly-once (v2, as the service runs), from its start until every order's four return
 *       events are committed on {@code orders.returns};</li>
 *   <li>the same topology at least once (for information: what exactly-once itself costs);</li>
 *   <li>Kafka Streams exactly-once with no work of its own, a byte pass-through of the same four input topics (the
 *       ceiling of any exactly-once topology on this broker);</li>
 *   <li>the baseline again, so that neither side profits alone from a warmer JIT or page cache.</li>
 * </ol>
 * and prints the input records per second of each (all of them, and the return requests and return scans alone),
 * the ratio of returns-stream to the pass-through, and what returns-stream wrote: the refunds, and any declined
 * request, closed return, rejected scan or dead letter, which would mean the input was wrong.
 *
 * <pre>java -Xmx3g -cp benchmarks/target/benchmarks.jar com.orderpipeline.benchmarks.returns.ReturnsLoadRun [orders] [partitions] [stream threads]</pre>
 * (defaults 10000, 6 and 1; the stream threads are what {@code KAFKA_NUM_STREAM_THREADS} sets for the service).
 */
public final class ReturnsLoadRun {
    /** AUTHORIZED, IN_TRANSIT, RECEIVED and REFUNDED. */
    static final int RETURN_EVENTS_PER_ORDER = 4;
    private static final TopicNames ALOS_OUTPUTS = outputsOf("alos");
    private static final TopicNames WARM_UP_OUTPUTS = outputsOf("warm-up");

    private ReturnsLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        LoadRun.main(args, 10_000, "returns-load", run -> run(run.bootstrap(), run.registryUrl(), run.dir(),
                run.orders(), run.partitions(), run.threads()));
    }

    private static void run(String bootstrap, String registryUrl, Path dir, int orders, int partitions, int threads) {
        TopicNames names = TopicNames.defaults();
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(registryUrl));
        TopicCatalog topics = TopicCatalog.create(names, registry, AvroSerdeConfig.defaults());
        List<String> sources = List.of(names.ordersPlaced(), names.ordersFulfillment(), names.returnsRequests(),
                names.returnsScans());
        LoadRun.createTopics(bootstrap, partitions, topics(names, sources));
        ReturnsInput input = ReturnsInput.of(orders);
        long loadStart = System.nanoTime();
        ReturnsLoadData.preload(bootstrap, topics, orders);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long records = input.records();
        long events = (long) RETURN_EVENTS_PER_ORDER * orders;

        // the JVM's and the broker's first pass over the records, so that the first measured run is not the cold one
        Timing warmUp = CopyBaseline.copy(bootstrap, "load-warm-up", sources, LoadRun.BASELINE_TOPIC, records);
        Timing warmUpStreams;
        try {
            warmUpStreams = ReturnsStreamsRuns.atLeastOnce(bootstrap, registryUrl, dir, "returns-load-warm-up",
                    WARM_UP_OUTPUTS, partitions, events, threads);
        } catch (IllegalStateException e) {
            // the first run of the topology on the input: when its output falls short, say what it made instead
            ReturnsOutcome.read(bootstrap, TopicCatalog.create(WARM_UP_OUTPUTS, registry, AvroSerdeConfig.defaults()))
                    .report(orders, ReturnsLoadData.KINDLE_PRICE);
            throw e;
        }
        Timing before = CopyBaseline.copy(bootstrap, "load-baseline-before", sources, LoadRun.BASELINE_TOPIC, records);
        Timing exactlyOnce = ReturnsStreamsRuns.exactlyOnce(bootstrap, registryUrl, dir, names, events, threads);
        Timing atLeastOnce = ReturnsStreamsRuns.atLeastOnce(bootstrap, registryUrl, dir, "returns-load-alos",
                ALOS_OUTPUTS, partitions, events, threads);
        Timing passThrough = StreamsLoad.passThrough(bootstrap, dir, "returns-load-pass-through", sources,
                LoadRun.PASS_THROUGH_TOPIC, records, threads);
        Timing after = CopyBaseline.copy(bootstrap, "load-baseline-after", sources, LoadRun.BASELINE_TOPIC, records);
        ReturnsOutcome outcome = ReturnsOutcome.read(bootstrap, topics);

        System.out.printf("%nReturns load run: %,d orders, %,d fulfillment events, %,d return requests and %,d return"
                + " scans (%,d input records), %d partitions, %d stream thread(s); broker, registry and app in one JVM on"
                + " %d cores%n", orders, input.fulfillmentEvents(), input.requests(), input.scans(), records, partitions,
                threads, Runtime.getRuntime().availableProcessors());
        System.out.printf("  pre-load, a warm-up copy and a warm-up of the topology (not counted): %.1f s, %.1f s, %.1f s%n",
                loadSeconds, warmUp.totalSeconds(), warmUpStreams.totalSeconds());
        System.out.println("  records/s: orders, fulfillment events, return requests and return scans;"
                + " returns/s: return requests and return scans alone");
        input.report("baseline copy, at least once (before)", before);
        input.report("returns-stream, exactly-once v2", exactlyOnce);
        input.report("same topology, at least once", atLeastOnce);
        input.report("Kafka Streams pass-through, exactly-once", passThrough);
        input.report("baseline copy, at least once (after)", after);
        System.out.printf("  RATIO returns-stream exactly-once / Kafka Streams exactly-once pass-through: %.2f from start"
                + " to end, %.2f after the first output (target >= 0.4)%n",
                passThrough.totalSeconds() / exactlyOnce.totalSeconds(),
                passThrough.steadySeconds() / exactlyOnce.steadySeconds());
        System.out.printf("  exactly-once / same topology at least once: %.2f from start to end, %.2f after the first"
                + " output%n", atLeastOnce.totalSeconds() / exactlyOnce.totalSeconds(),
                atLeastOnce.steadySeconds() / exactlyOnce.steadySeconds());
        System.out.printf("  exactly-once / mean baseline copy: %.2f from start to end, %.2f after the first output%n",
                (before.totalSeconds() + after.totalSeconds()) / 2 / exactlyOnce.totalSeconds(),
                (before.steadySeconds() + after.steadySeconds()) / 2 / exactlyOnce.steadySeconds());
        outcome.report(orders, ReturnsLoadData.KINDLE_PRICE);
    }

    /** The inputs, the outputs of each run, and the targets of the copies. */
    private static List<String> topics(TopicNames names, List<String> sources) {
        List<String> topics = new ArrayList<>(sources);
        topics.addAll(List.of(LoadRun.BASELINE_TOPIC, LoadRun.PASS_THROUGH_TOPIC));
        for (TopicNames outputs : List.of(names, ALOS_OUTPUTS, WARM_UP_OUTPUTS)) {
            topics.addAll(List.of(outputs.ordersReturns(), outputs.paymentsRefunds(), outputs.returnsRejected(),
                    outputs.deadLetter()));
        }
        return topics;
    }

    /** Topics of their own for a run's outputs; the inputs are the same for every run. */
    private static TopicNames outputsOf(String run) {
        TopicNames inputs = TopicNames.defaults();
        return inputs.with(TopicNames.Name.ORDERS_RETURNS, run + "." + inputs.ordersReturns())
                .with(TopicNames.Name.PAYMENTS_REFUNDS, run + "." + inputs.paymentsRefunds())
                .with(TopicNames.Name.RETURNS_REJECTED, run + "." + inputs.returnsRejected())
                .with(TopicNames.Name.DEAD_LETTER, run + "." + inputs.deadLetter());
    }
}

package com.orderpipeline.benchmarks.fulfillment;

import com.orderpipeline.benchmarks.load.CommittedTopic;
import com.orderpipeline.benchmarks.load.CopyBaseline;
import com.orderpipeline.benchmarks.load.LoadRun;
import com.orderpipeline.benchmarks.load.StreamsLoad;
import com.orderpipeline.benchmarks.load.Timing;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The fulfillment load run (a benchmark, not a test). On an embedded broker in this JVM, {@code orders} orders and
 * their full scan sequences (PICKED, PACKED, SHIPPED, DELIVERED) are loaded first; then, in the same run and on
 * the same records, after a warm-up copy and a warm-up run of the topology that are not counted (so that both sides
 * are measured with compiled code, not the JVM's first interpretation of it), it times:
 * <ol>
 *   <li>the baseline: a plain consumer-to-producer copy of the raw records, at least once;</li>
 *   <li>fulfillment-stream, exactly-once (v2, 100 ms commit interval), from its start until every order is
 *       DELIVERED on {@code orders.fulfillment} for a read_committed consumer;</li>
 *   <li>the same topology at least once (for information: what exactly-once itself costs);</li>
 *   <li>Kafka Streams exactly-once with no work of its own, a byte pass-through (for information: the ceiling of
 *       any exactly-once topology on this broker);</li>
 *   <li>the baseline again, so that neither side profits alone from a warmer JIT or page cache.</li>
 * </ol>
 * and prints scans per second for each and the ratio of exactly-once to the mean baseline.
 *
 * <pre>java -Xmx3g -cp benchmarks/target/benchmarks.jar com.orderpipeline.benchmarks.fulfillment.FulfillmentLoadRun [orders] [partitions] [stream threads]</pre>
 * (defaults 20000, 6 and 1; the stream threads are what {@code KAFKA_NUM_STREAM_THREADS} sets for the service).
 * {@code KAFKA_*} variables reach fulfillment-stream's two runs as they reach the service, e.g.
 * {@code KAFKA_MAX_TASK_IDLE_MS=-1}; the baselines and the pass-through keep their defaults.
 */
public final class FulfillmentLoadRun {
    private static final TopicNames ALOS_OUTPUTS = outputsOf("alos");
    private static final TopicNames WARM_UP_OUTPUTS = outputsOf("warm-up");

    private FulfillmentLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        LoadRun.main(args, 20_000, "fulfillment-load", run -> run(run.bootstrap(), run.registryUrl(), run.dir(),
                run.orders(), run.partitions(), run.threads()));
    }

    private static void run(String bootstrap, String registryUrl, Path dir, int orders, int partitions, int threads)
            throws Exception {
        TopicNames names = TopicNames.defaults();
        TopicCatalog topics = TopicCatalog.create(names, new SchemaRegistryClient(RegistryClientConfig.of(registryUrl)),
                AvroSerdeConfig.defaults());
        LoadRun.createTopics(bootstrap, partitions, List.of(names.ordersPlaced(), names.fulfillmentScans(),
                // no order is cancelled, but the topology reads the cancellation requests and will not start without
                names.ordersRequests(), LoadRun.BASELINE_TOPIC, LoadRun.PASS_THROUGH_TOPIC,
                ALOS_OUTPUTS.ordersFulfillment(), ALOS_OUTPUTS.fulfillmentRejected(), ALOS_OUTPUTS.deadLetter(),
                WARM_UP_OUTPUTS.ordersFulfillment(), WARM_UP_OUTPUTS.fulfillmentRejected(), WARM_UP_OUTPUTS.deadLetter()));
        long scans = 4L * orders;
        long records = orders + scans;
        long loadStart = System.nanoTime();
        LoadData.preload(bootstrap, topics, orders);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        List<String> sources = List.of(names.ordersPlaced(), names.fulfillmentScans());

        // the JVM's and the broker's first pass over the records, so that the first measured run is not the cold one
        Timing warmUp = CopyBaseline.copy(bootstrap, "load-warm-up", sources, LoadRun.BASELINE_TOPIC, records);
        Timing warmUpStreams = StreamsRuns.atLeastOnce(bootstrap, registryUrl, dir, "fulfillment-load-warm-up",
                WARM_UP_OUTPUTS, records, threads);
        Timing before = CopyBaseline.copy(bootstrap, "load-baseline-before", sources, LoadRun.BASELINE_TOPIC, records);
        Timing exactlyOnce = StreamsRuns.exactlyOnce(bootstrap, registryUrl, dir, names, records, threads);
        Timing atLeastOnce = StreamsRuns.atLeastOnce(bootstrap, registryUrl, dir, "fulfillment-load-alos", ALOS_OUTPUTS,
                records, threads);
        Timing passThrough = StreamsLoad.passThrough(bootstrap, dir, "fulfillment-load-pass-through", sources,
                LoadRun.PASS_THROUGH_TOPIC, records, threads);
        Timing after = CopyBaseline.copy(bootstrap, "load-baseline-after", sources, LoadRun.BASELINE_TOPIC, records);
        long delivered = countDelivered(bootstrap, topics);

        System.out.printf("%nFulfillment load run: %,d orders, %,d scans (%,d records with the orders), %d partitions,"
                + " %d stream thread(s); broker, registry and app in one JVM on %d cores%n", orders, scans, records,
                partitions, threads, Runtime.getRuntime().availableProcessors());
        System.out.printf("  fulfillment-stream's own Kafka settings from the environment (KAFKA_*): %s%n",
                StreamsLoad.fromEnvironment().isEmpty() ? "none" : StreamsLoad.fromEnvironment());
        System.out.printf("  pre-load, a warm-up copy and a warm-up of the topology (not counted): %.1f s, %.1f s, %.1f s%n",
                loadSeconds, warmUp.totalSeconds(), warmUpStreams.totalSeconds());
        report("baseline copy, at least once (before)", before, scans);
        report("fulfillment-stream, exactly-once v2", exactlyOnce, scans);
        report("same topology, at least once", atLeastOnce, scans);
        report("Kafka Streams pass-through, exactly-once", passThrough, scans);
        report("baseline copy, at least once (after)", after, scans);
        double baselineTotal = (rate(scans, before.totalSeconds()) + rate(scans, after.totalSeconds())) / 2;
        double baselineSteady = (rate(scans, before.steadySeconds()) + rate(scans, after.steadySeconds())) / 2;
        System.out.printf("  ratio exactly-once / mean baseline:   %.2f from start to end, %.2f after the first output"
                + " (target >= 0.6)%n", rate(scans, exactlyOnce.totalSeconds()) / baselineTotal,
                rate(scans, exactlyOnce.steadySeconds()) / baselineSteady);
        System.out.printf("  exactly-once / same topology at least once: %.2f from start to end, %.2f after the first"
                + " output%n", atLeastOnce.totalSeconds() / exactlyOnce.totalSeconds(),
                atLeastOnce.steadySeconds() / exactlyOnce.steadySeconds());
        System.out.printf("  exactly-once / Kafka Streams pass-through: %.2f from start to end, %.2f after the first"
                + " output%n", passThrough.totalSeconds() / exactlyOnce.totalSeconds(),
                passThrough.steadySeconds() / exactlyOnce.steadySeconds());
        System.out.printf("  orders DELIVERED on orders.fulfillment (read_committed): %,d of %,d%n", delivered, orders);
    }

    /** Topics of their own for a run's outputs; the inputs are the same for every run. */
    private static TopicNames outputsOf(String run) {
        TopicNames inputs = TopicNames.defaults();
        return inputs.with(TopicNames.Name.ORDERS_FULFILLMENT, run + "." + inputs.ordersFulfillment())
                .with(TopicNames.Name.FULFILLMENT_REJECTED, run + "." + inputs.fulfillmentRejected())
                .with(TopicNames.Name.DEAD_LETTER, run + "." + inputs.deadLetter());
    }

    private static long countDelivered(String bootstrap, TopicCatalog topics) {
        Deserializer<FulfillmentEvent> values = topics.ordersFulfillment().valueSerde().deserializer();
        String topic = topics.ordersFulfillment().name();
        AtomicLong delivered = new AtomicLong();
        CommittedTopic.readAll(bootstrap, topic, record -> {
            if (values.deserialize(topic, record.value()).getStatus() == FulfillmentStatus.DELIVERED) {
                delivered.incrementAndGet();
            }
        });
        return delivered.get();
    }

    private static void report(String what, Timing timing, long scans) {
        System.out.printf("  %-38s %6.1f s  %,9.0f scans/s   (after the first output: %5.1f s, %,9.0f scans/s)%n",
                what, timing.totalSeconds(), rate(scans, timing.totalSeconds()), timing.steadySeconds(),
                rate(scans, timing.steadySeconds()));
    }

    private static double rate(long scans, double seconds) {
        return scans / seconds;
    }
}

package com.orderpipeline.devstack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.devstack.simulators.ShopCarts;
import com.orderpipeline.orderid.OrderIdServiceApp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code devstack bench}: on a fresh embedded stack, measures the pipeline against the baselines of the same run and
 * writes {@code bench-report.html} and {@code bench-report.json}. In order: Kafka's own ProducerPerformance (the
 * ceiling of any producer on this broker); the bare relay (the same HTTP server writing the body to Kafka, the
 * baseline of the order API); orders over HTTP with many keep-alive connections while a warehouse and a carrier scan
 * as fast as they can, every order through its whole lifecycle; then lookups of those orders under a steady intake,
 * against {@code /health/live} of the same server in alternating slices.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the pipeline on a fresh embedded stack against baselines of the same run, and writes"
                + " bench-report.html and bench-report.json.")
public final class BenchCommand implements Callable<Integer> {
    private static final int STEADY_CONNECTIONS = 16;
    /** How long the orders placed may take to be delivered once the last one is placed. */
    private static final Duration DRAIN = Duration.ofSeconds(60);
    /** How long the pipeline may take after the warm-up to catch up with the orders placed. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    /**
     * How many turns lookups and {@code /health/live} take, each for a twelfth of the duration: short, many turns
     * spread a moment of other work on the machine (a compilation, a collection, a compaction) over both sides.
     */
    private static final int LOOKUP_TURNS = 6;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long each measured round lasts (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--warm-up", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long each round runs unmeasured first, so both sides are measured with compiled code"
                    + " (default: ${DEFAULT-VALUE}).")
    long warmUpSeconds;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "128",
            description = "Keep-alive connections placing orders, and relaying (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--lookup-connections", paramLabel = "N", defaultValue = "32",
            description = "Connections looking orders up (default: ${DEFAULT-VALUE}).")
    int lookupConnections;

    @Option(names = "--rate", paramLabel = "ORDERS_PER_SECOND", defaultValue = "0",
            description = "Place orders at this rate; 0 places them as fast as the API answers (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--lifecycle-rate", paramLabel = "ORDERS_PER_SECOND", defaultValue = "50",
            description = "The steady rate of orders while the whole pipeline runs, for lifecycles, visibility and"
                    + " lookups under load; raise it to find the highest rate the pipeline sustains (default: ${DEFAULT-VALUE}).")
    double lifecycleRate;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "0",
            description = "Stop the measured intake after this many orders; 0 for the whole duration (default: ${DEFAULT-VALUE}).")
    long orders;

    @Option(names = "--idempotency-keys",
            description = "Send every order with an Idempotency-Key of its own, as a careful shop does (default: without).")
    boolean idempotencyKeys;

    @Option(names = "--ceiling-records", paramLabel = "N", defaultValue = "200000",
            description = "Records ProducerPerformance sends for the ceiling (default: ${DEFAULT-VALUE}).")
    long ceilingRecords;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where bench-report.html and bench-report.json go (default: the current directory).")
    Path reportDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "An empty directory for the stack's data; by default a new temporary one, removed after.")
    Path dataDir;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        validate();
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("order-pipeline-bench-") : dataDir;
        Progress progress = new Progress(out, System.console() != null);
        try (BenchStack stack = BenchStack.start(dir, progress)) {
            BenchReport report = run(stack, progress);
            Path html = report.write(reportDir);
            out.println();
            report.summary().forEach(out::println);
            out.println();
            out.println("Report: " + html.toAbsolutePath() + " (and bench-report.json beside it)");
            return report.intake().errorCount() == 0 && report.lifecycles().incomplete() == 0 ? 0 : 2;
        } finally {
            if (temporary) {
                BenchStack.delete(dir);
            }
        }
    }

    private void validate() throws IOException {
        if (durationSeconds < 1 || warmUpSeconds < 0 || connections < 1 || lookupConnections < 1 || rate < 0
                || orders < 0 || ceilingRecords < 1 || lifecycleRate <= 0) {
            throw new ParameterException(spec.commandLine(), "--duration must be at least 1, --connections,"
                    + " --lookup-connections and --ceiling-records at least 1, --lifecycle-rate above 0, and --warm-up,"
                    + " --rate and --orders not negative");
        }
        if (dataDir != null && Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--data-dir " + dataDir + " is not empty; the bench"
                            + " runs on a fresh stack");
                }
            }
        }
    }

    private BenchReport run(BenchStack stack, Progress progress) throws Exception {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<byte[]> bodies = bodies(1_000);
        int recordBytes = (int) bodies.stream().mapToInt(b -> b.length).average().orElse(400);
        Duration duration = Duration.ofSeconds(durationSeconds);
        Duration warmUp = Duration.ofSeconds(warmUpSeconds);

        progress.start("Kafka ProducerPerformance", 0, new LongAdder());
        ProducerCeiling.Result ceiling = ProducerCeiling.measure(stack.bootstrapServers(), BenchStack.CEILING_TOPIC,
                ceilingRecords, recordBytes);
        progress.end(String.format("Kafka ProducerPerformance: %,.0f records/s", ceiling.perSecond()));

        Map<String, String> shop = Map.of("Authorization", "Bearer " + stack.shopToken());
        byte[][] orderBodies = bodies.toArray(byte[][]::new);
        String keyPrefix = UUID.randomUUID() + "-";
        IntFunction<HttpLoad.Call> order = idempotencyKeys
                ? i -> HttpLoad.Call.post("/orders", orderBodies[i % orderBodies.length], Map.of("Authorization",
                        shop.get("Authorization"), "Idempotency-Key", keyPrefix + i))
                : i -> HttpLoad.Call.post("/orders", orderBodies[i % orderBodies.length], shop);
        HttpLoad.Call[] relayCalls = bodies.stream().map(b -> HttpLoad.Call.post(BareRelay.PATH, b, Map.of()))
                .toArray(HttpLoad.Call[]::new);
        Timed relay;
        Timed intake;
        try (BareRelay bare = stack.relay(); OrderIdServiceApp alone = stack.orderApiAlone();
             HttpLoad toRelay = new HttpLoad(stack.url(bare.port()), connections);
             HttpLoad toApi = new HttpLoad(stack.url(alone.httpPort()), connections)) {
            warm(progress, toRelay, "Bare relay", i -> relayCalls[i % relayCalls.length], 201, connections, rate, warmUp,
                    HttpLoad.Answers.NONE);
            warm(progress, toApi, "POST /orders", order, 201, connections, rate, warmUp,
                    HttpLoad.Answers.NONE);
            // the relay and the order API take turns, so that both meet the same machine
            Duration slice = Duration.ofMillis(Math.max(500, duration.toMillis() / 2));
            long perSlice = orders == 0 ? 0 : Math.max(1, orders / 2);
            List<Timed> relaySlices = new ArrayList<>();
            List<Timed> intakeSlices = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                relaySlices.add(round(progress, toRelay, "Bare relay", i -> relayCalls[i % relayCalls.length], 201,
                        connections, rate, perSlice, Duration.ZERO, slice, HttpLoad.Answers.NONE));
                intakeSlices.add(round(progress, toApi, "POST /orders", order, 201,
                        connections, rate, perSlice, Duration.ZERO, slice, HttpLoad.Answers.NONE));
            }
            relay = Timed.merge("Bare relay", relaySlices);
            intake = Timed.merge("POST /orders", intakeSlices);
        }

        stack.startPipeline(progress);
        PipelineWatch watch = stack.watch();
        LongAdder placed = new LongAdder();
        Timed lookups;
        Timed health;
        Histogram placedToVisible;
        Histogram scanToVisible;
        double lifecyclesPerSecond;
        Duration slice = Duration.ofMillis(Math.max(500, duration.toMillis() / (2 * LOOKUP_TURNS)));
        // until stopped once the lookups are done; this bounds it should anything hang
        Duration steadyFor = warmUp.multipliedBy(2).plus(CATCH_UP).plus(duration)
                .plus(slice.multipliedBy(2 * LOOKUP_TURNS));
        try (HttpLoad steadyLoad = new HttpLoad(stack.url(stack.orderApiPort()), STEADY_CONNECTIONS);
             HttpLoad load = new HttpLoad(stack.url(stack.trackingPort()), lookupConnections)) {
            Thread steady = new Thread(() -> {
                try {
                    steadyLoad.run("lifecycles", order, 201, STEADY_CONNECTIONS,
                            lifecycleRate, 0, steadyFor, body -> placed.increment(), new LongAdder());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-lifecycles");
            steady.setDaemon(true);
            steady.start();
            progress.start(String.format("Orders at %.0f/s, warm-up", lifecycleRate), warmUp.toSeconds(), placed);
            Thread.sleep(warmUp.toMillis());
            // measured from a steady state: the view has caught up with the orders placed, to a second's worth
            long caughtUpBy = System.nanoTime() + CATCH_UP.toNanos();
            while ((watch.ordersSeen() == 0 || watch.ordersSeen() < placed.sum() - lifecycleRate)
                    && steady.isAlive() && System.nanoTime() < caughtUpBy) {
                Thread.sleep(100);
            }
            progress.end(String.format("Orders at %.0f/s, warm-up: %d placed, %d visible", lifecycleRate, placed.sum(),
                    watch.ordersSeen()));
            // the pipeline alone first: how soon the view shows each change, and how many orders complete
            watch.startRecording();
            progress.start(String.format("Orders at %.0f/s", lifecycleRate), duration.toSeconds(), placed);
            Thread.sleep(duration.toMillis());
            watch.stopRecording();
            lifecyclesPerSecond = watch.deliveredWhileRecording() / (duration.toMillis() / 1_000.0);
            placedToVisible = watch.placedToVisible();
            scanToVisible = watch.scanToVisible();
            progress.end(String.format("Orders at %.0f/s: %,.0f lifecycles/s, placed to visible p99 %.0f ms", lifecycleRate,
                    lifecyclesPerSecond, placedToVisible.getValueAtPercentile(99) / 1_000.0));

            List<String> ids = watch.orderIds();
            HttpLoad.Call[] lookupCalls = ids.stream().map(id -> HttpLoad.Call.get("/orders/" + id, Map.of()))
                    .toArray(HttpLoad.Call[]::new);
            HttpLoad.Call live = HttpLoad.Call.get("/health/live", Map.of());
            warm(progress, load, "GET /orders/{id}", i -> lookupCalls[i % lookupCalls.length], 200, lookupConnections, 0,
                    warmUp, HttpLoad.Answers.NONE);
            // lookups and the liveness probe of the same server take turns, so both meet the same load
            List<Timed> lookupSlices = new ArrayList<>();
            List<Timed> healthSlices = new ArrayList<>();
            for (int s = 0; s < LOOKUP_TURNS; s++) {
                lookupSlices.add(round(progress, load, "GET /orders/{id}", i -> lookupCalls[i % lookupCalls.length], 200,
                        lookupConnections, 0, 0, Duration.ZERO, slice, HttpLoad.Answers.NONE));
                healthSlices.add(round(progress, load, "GET /health/live", i -> live, 200, lookupConnections, 0, 0,
                        Duration.ZERO, slice, HttpLoad.Answers.NONE));
            }
            steadyLoad.stop();
            steady.join(Duration.ofSeconds(40).toMillis());
            lookups = Timed.merge("GET /orders/{id}", lookupSlices);
            health = Timed.merge("GET /health/live", healthSlices);
        }
        long intakeEnded = System.nanoTime();
        progress.start("Every order delivered", DRAIN.toSeconds(), new LongAdder());
        long deadline = intakeEnded + DRAIN.toNanos();
        while (watch.delivered() < placed.sum() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double drain = (System.nanoTime() - intakeEnded) / 1e9;
        progress.end(String.format("%d of %d orders delivered, %.1f s after the last was placed", watch.delivered(),
                placed.sum(), drain));
        BenchReport.Lifecycles lifecycles = new BenchReport.Lifecycles(placed.sum(), watch.delivered(),
                lifecyclesPerSecond, drain);
        BenchReport.Settings settings = new BenchReport.Settings(connections, lookupConnections, rate, lifecycleRate, idempotencyKeys,
                durationSeconds, warmUpSeconds, ceilingRecords, BenchStack.PARTITIONS);
        return new BenchReport(startedAt, BenchReport.Machine.current(), settings,
                new BenchReport.Ceiling(ceiling.records(), recordBytes, ceiling.perSecond(), ceiling.megabytesPerSecond(),
                        ceiling.p50Millis(), ceiling.p99Millis(), ceiling.maxMillis()),
                relay.phase(), intake.phase(), intake.phase().perSecond() / relay.phase().perSecond(), lifecycles,
                Latency.of(placedToVisible), Latency.of(scanToVisible), lifecycleRate, lookups.phase(),
                health.phase(), lookups.phase().perSecond() / health.phase().perSecond(),
                new BenchReport.Resources(ProcessFigures.peakResidentKiB(), ProcessFigures.peakHeapMiB()));
    }

    /** A measured round with its wall time, so that slices of one kind can be added up. */
    private record Timed(BenchReport.Phase phase, HttpLoad.Round round, double cpuSeconds) {
        double seconds() {
            return round.seconds();
        }

        static Timed merge(String name, List<Timed> slices) {
            Histogram latency = slices.get(0).round().latencyMicros().copy();
            long requests = 0;
            double seconds = 0;
            double cpu = 0;
            Map<String, Long> errors = new TreeMap<>();
            for (int i = 0; i < slices.size(); i++) {
                Timed slice = slices.get(i);
                if (i > 0) {
                    latency.add(slice.round().latencyMicros());
                }
                requests += slice.round().requests();
                seconds += slice.seconds();
                cpu += slice.cpuSeconds();
                slice.round().errors().forEach((kind, count) -> errors.merge(kind, count, Long::sum));
            }
            HttpLoad.Round round = new HttpLoad.Round(name, requests, errors, seconds, latency);
            return new Timed(new BenchReport.Phase(name, round.perSecond(), requests, errors, Latency.of(latency),
                    cpu / seconds), round, cpu);
        }
    }

    private Timed round(Progress progress, HttpLoad load, String name, IntFunction<HttpLoad.Call> calls,
                        int expected, int clients, double ratePerSecond, long limit, Duration warmUp, Duration duration,
                        HttpLoad.Answers answers) throws InterruptedException {
        if (!warmUp.isZero()) {
            warm(progress, load, name, calls, expected, clients, ratePerSecond, warmUp, answers);
        }
        LongAdder done = new LongAdder();
        progress.start(name, duration.toSeconds(), done);
        double cpuBefore = ProcessFigures.cpuSeconds();
        HttpLoad.Round round = load.run(name, calls, expected, clients, ratePerSecond, limit, duration, answers, done);
        double cpu = ProcessFigures.cpuSeconds() - cpuBefore;
        progress.end(String.format("%-22s %,9.0f/s  p99 %.1f ms  errors %d", name, round.perSecond(),
                round.latencyMicros().getValueAtPercentile(99) / 1_000.0, round.errorCount()));
        return new Timed(new BenchReport.Phase(name, round.perSecond(), round.requests(), round.errors(),
                Latency.of(round.latencyMicros()), cpu / round.seconds()), round, cpu);
    }

    private void warm(Progress progress, HttpLoad load, String name, IntFunction<HttpLoad.Call> calls,
                      int expected, int clients, double ratePerSecond, Duration warmUp, HttpLoad.Answers answers)
            throws InterruptedException {
        if (warmUp.isZero()) {
            return;
        }
        LongAdder done = new LongAdder();
        progress.start(name + ", warm-up", warmUp.toSeconds(), done);
        HttpLoad.Round round = load.run(name, calls, expected, clients, ratePerSecond, 0, warmUp, answers, done);
        progress.end(String.format("%-22s warm-up %,9.0f/s  errors %d", name, round.perSecond(), round.errorCount()));
    }

    /** The bodies orders are placed with, as the simulated shop front makes them. */
    private static List<byte[]> bodies(int count) throws IOException {
        ShopCarts carts = new ShopCarts(new SplittableRandom(42));
        ObjectMapper json = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bodies.add(json.writeValueAsString(carts.next()).getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }
}

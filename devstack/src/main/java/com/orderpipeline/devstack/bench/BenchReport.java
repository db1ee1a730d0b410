package com.orderpipeline.devstack.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one bench run measured, with the baselines of the same run beside the figures they are compared with, written
 * as {@code bench-report.json} (for machines and for comparing runs) and {@code bench-report.html} (for a person,
 * with the latency plots drawn as inline SVG: the page needs nothing from the network).
 */
record BenchReport(String startedAt, Machine machine, Settings settings, Ceiling ceiling, Phase relay, Phase intake,
                   double intakeRatio, Lifecycles lifecycles, Latency placedToVisible, Latency scanToVisible,
                   double visibilityRatePerSecond, Phase lookups, Phase health, double lookupRatio, Resources resources) {

    record Machine(int cores, String java, String os, long maxHeapMiB) {
        static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /**
     * @param rate          orders per second asked of the intake round; 0 for as fast as the API answers
     * @param lifecycleRate orders per second while the whole pipeline runs
     */
    record Settings(int connections, int lookupConnections, double rate, double lifecycleRate, boolean idempotencyKeys,
                    long durationSeconds, long warmUpSeconds,
                    long ceilingRecords, int partitions) {
    }

    /** Kafka's ProducerPerformance on the same broker: the ceiling of any producer here. */
    record Ceiling(long records, int recordBytes, double perSecond, double megabytesPerSecond, long p50Millis,
                   long p99Millis, double maxMillis) {
    }

    /** One measured round of HTTP requests; {@code cpuCores} is this process's CPU time over the round's wall time. */
    record Phase(String name, double perSecond, long requests, Map<String, Long> errors, Latency latency, double cpuCores) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param placed      orders the API acknowledged while the whole pipeline ran, warm-up included
     * @param delivered   of them, those the tracking view showed DELIVERED by the end
     * @param perSecond   lifecycles completed per second in the measured part of that round
     * @param drainSeconds how long after the last order was placed the last one was delivered
     */
    record Lifecycles(long placed, long delivered, double perSecond, double drainSeconds) {
        /** How soon after the last order the last delivery may come for the rate to count as sustained. */
        static final double SUSTAINED_DRAIN_SECONDS = 10;

        long incomplete() {
            return placed - delivered;
        }

        /** Every order delivered, the last soon after it was placed: the pipeline kept up with the rate. */
        @JsonProperty("sustained")
        public boolean sustained() {
            return incomplete() == 0 && drainSeconds <= SUSTAINED_DRAIN_SECONDS;
        }
    }

    record Resources(long peakResidentKiB, long peakHeapMiB) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes both files into {@code dir} and answers the HTML one. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench-report.json"), JSON.writeValueAsString(this), StandardCharsets.UTF_8);
        Path html = dir.resolve("bench-report.html");
        Files.writeString(html, BenchPage.render(this), StandardCharsets.UTF_8);
        return html;
    }

    /** The figures as lines for the terminal. */
    List<String> summary() {
        return List.of(
                String.format("Kafka ProducerPerformance  %,10.0f records/s  p99 %d ms   (ceiling, %d B records)",
                        ceiling.perSecond(), ceiling.p99Millis(), ceiling.recordBytes()),
                line("Bare relay", relay),
                line("POST /orders", intake) + String.format("   ratio to the relay %.2f", intakeRatio),
                String.format("Lifecycles completed       %,10.0f /s   %d of %d orders delivered, the last %.1f s after the last"
                        + " was placed: %s", lifecycles.perSecond(), lifecycles.delivered(), lifecycles.placed(),
                        lifecycles.drainSeconds(), lifecycles.sustained()
                                ? String.format("%.0f orders/s sustained", settings.lifecycleRate())
                                : String.format("%.0f orders/s NOT sustained", settings.lifecycleRate())),
                String.format("Placed -> visible          p50 %.0f ms  p99 %.0f ms  max %.0f ms   (at %,.0f orders/s)",
                        placedToVisible.p50(), placedToVisible.p99(), placedToVisible.max(), visibilityRatePerSecond),
                String.format("Scan -> visible            p50 %.0f ms  p99 %.0f ms  max %.0f ms",
                        scanToVisible.p50(), scanToVisible.p99(), scanToVisible.max()),
                line("GET /health/live", health),
                line("GET /orders/{id}", lookups) + String.format("   ratio to /health/live %.2f", lookupRatio)
                        + String.format("   (under orders at %.0f/s)", settings.lifecycleRate()),
                String.format("Peak memory                %,10d KiB resident (VmHWM), %d MiB heap", resources.peakResidentKiB(),
                        resources.peakHeapMiB()));
    }

    private static String line(String name, Phase phase) {
        return String.format("%-26s %,10.0f req/s  p50 %.1f ms  p99 %.1f ms  max %.0f ms  errors %d  CPU %.2f cores",
                name, phase.perSecond(), phase.latency().p50(), phase.latency().p99(), phase.latency().max(),
                phase.errorCount(), phase.cpuCores());
    }
}

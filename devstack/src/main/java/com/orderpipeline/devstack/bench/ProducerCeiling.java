package com.orderpipeline.devstack.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * The ceiling of any producer on this broker: Kafka's own {@code ProducerPerformance} tool, run in this JVM with the
 * order API's producer settings (acks=all, idempotent, linger 5 ms) and records of the size of an order's body. Its
 * summary line is read back from what it prints.
 */
final class ProducerCeiling {
    /** "20000 records sent, 51948.1 records/sec (19.82 MB/sec), 12.34 ms avg latency, 210.00 ms max latency, 3 ms 50th, ..." */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\),"
            + " ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    /** What the tool measured. */
    record Result(long records, double perSecond, double megabytesPerSecond, double avgMillis, double maxMillis,
                  long p50Millis, long p99Millis) {
    }

    private ProducerCeiling() {
    }

    static Result measure(String bootstrapServers, String topic, long records, int recordSize) throws Exception {
        List<String> args = List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true",
                "linger.ms=5", "client.id=bench-producer-performance");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        // the tool prints its figures; they are kept from the terminal, where the progress bar is
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
        }
        return parse(printed.toString(StandardCharsets.UTF_8));
    }

    /** The last summary line of the tool's output. */
    static Result parse(String printed) {
        Matcher matcher = SUMMARY.matcher(printed);
        Result last = null;
        while (matcher.find()) {
            last = new Result(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                    Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                    Double.parseDouble(matcher.group(5)), Long.parseLong(matcher.group(6)), Long.parseLong(matcher.group(8)));
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary: " + printed);
        }
        return last;
    }
}

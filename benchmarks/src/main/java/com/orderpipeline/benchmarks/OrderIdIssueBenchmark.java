package com.orderpipeline.benchmarks;

import com.orderpipeline.orderid.ids.OrderIdGenerator;
import com.orderpipeline.orderid.ids.OrderIdKey;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Order ID issuance on one thread, against a baseline that only counts and formats. {@code issue} is the whole
 * path of an ID: the next sequence number, the keyed body permutation, the Damm check digit and the 19-character
 * canonical String. {@code baseline} takes the next number from the same kind of counter and writes it as a
 * 19-character {@code PPP-NNNNNNN-NNNNNNN} String the same allocation-free way, with no permutation and no check
 * digit, so the ratio of the two is the price of non-enumerable IDs. Issue 3 asks for at least 4 million IDs a
 * second per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OrderIdIssueBenchmark {
    private static final List<String> THREE_DIGITS =
            IntStream.range(0, 1000).mapToObj(n -> String.format(Locale.ROOT, "%03d", n)).toList();

    // A run issues a few hundred million IDs at most, far from the 10^13 a prefix allows: no wrap-around needed.
    private final AtomicLong sequence = new AtomicLong();
    private final OrderIdGenerator generator =
            new OrderIdGenerator("114", OrderIdKey.fromSecret("benchmark-only-order-id-key"));

    @Benchmark
    public String baseline() {
        long next = sequence.getAndIncrement();
        int middle = (int) (next / 10_000_000 % 10_000_000);
        int last = (int) (next % 10_000_000);
        return "114-" + (char) ('0' + middle / 1_000_000) + THREE_DIGITS.get(middle / 1000 % 1000)
                + THREE_DIGITS.get(middle % 1000) + '-' + (char) ('0' + last / 1_000_000)
                + THREE_DIGITS.get(last / 1000 % 1000) + THREE_DIGITS.get(last % 1000);
    }

    @Benchmark
    public String issue() {
        return generator.format(sequence.getAndIncrement());
    }
}

package com.orderpipeline.devstack.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpMethod;

/**
 * HTTP load on loopback from a handful of threads: {@code connections} keep-alive connections, each sending its
 * next request as soon as the previous one is answered (closed loop), or, with a rate, no sooner than its turn in
 * an even schedule across all connections. Latency is recorded per request from its send to its whole answer; a
 * status other than the expected one, or no answer, counts as an error by its kind. Built on Jetty's asynchronous
 * client, so the load generator spends its CPU on requests, not on threads waiting for them.
 */
final class HttpLoad implements AutoCloseable {
    /** One request to send. */
    record Call(HttpMethod method, String path, byte[] body, Map<String, String> headers) {
        static Call get(String path, Map<String, String> headers) {
            return new Call(HttpMethod.GET, path, null, headers);
        }

        static Call post(String path, byte[] body, Map<String, String> headers) {
            return new Call(HttpMethod.POST, path, body, headers);
        }
    }

    /** What one round measured. */
    record Round(String name, long requests, Map<String, Long> errors, double seconds, Histogram latencyMicros) {
        double perSecond() {
            return requests / seconds;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Told of every expected answer, with its body, e.g. to remember the order IDs the API issued. */
    interface Answers {
        Answers NONE = body -> { };

        void answered(byte[] body);
    }

    private final HttpClient client = new HttpClient();
    private final String base;
    private volatile boolean stopped;

    HttpLoad(String base, int connections) throws Exception {
        this.base = base;
        client.setMaxConnectionsPerDestination(connections);
        client.setMaxRequestsQueuedPerDestination(Math.max(1_024, connections * 4));
        client.setIdleTimeout(60_000);
        client.setFollowRedirects(false);
        client.start();
    }

    /**
     * Runs for {@code duration} and answers what it measured.
     *
     * @param calls        the i-th request to send (any i; the load spreads them)
     * @param expected     the status a successful answer has
     * @param ratePerSecond 0 for as fast as the server answers
     * @param limit        at most this many requests; 0 for as many as the duration takes
     * @param progress     counts answered requests as they come, for a progress bar
     */
    Round run(String name, IntFunction<Call> calls, int expected, int connections, double ratePerSecond,
              long limit, Duration duration, Answers answers, LongAdder progress) throws InterruptedException {
        Running running = new Running(calls, expected, ratePerSecond, limit, duration, answers, progress, connections);
        long started = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            running.next();
        }
        if (!running.done.await(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
            running.error("unanswered after 30 s", running.done.getCount());
        }
        if (running.pacer != null) {
            running.pacer.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> errorCounts = new TreeMap<>();
        running.errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        return new Round(name, running.requests.sum(), errorCounts, seconds, running.latencies.getIntervalHistogram());
    }

    /**
     * One round in flight: each connection sends its next request when its last one is answered, until the deadline
     * (or the limit); {@link #done} counts the connections that stopped.
     */
    private final class Running {
        private final IntFunction<Call> calls;
        private final int expected;
        private final double rate;
        private final long limit;
        private final long started = System.nanoTime();
        private final long deadline;
        private final Answers answers;
        private final LongAdder progress;
        private final AtomicLong sequence = new AtomicLong();
        private final Recorder latencies = new Recorder(3);
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final LongAdder requests = new LongAdder();
        private final CountDownLatch done;
        private final ScheduledExecutorService pacer;

        Running(IntFunction<Call> calls, int expected, double rate, long limit, Duration duration, Answers answers,
                LongAdder progress, int connections) {
            this.calls = calls;
            this.expected = expected;
            this.rate = rate;
            this.limit = limit;
            this.deadline = started + duration.toNanos();
            this.answers = answers;
            this.progress = progress;
            this.done = new CountDownLatch(connections);
            this.pacer = rate > 0 ? Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bench-pacer");
                thread.setDaemon(true);
                return thread;
            }) : null;
        }

        /** The next request of a connection, now or at its turn; or the connection's end. */
        void next() {
            long n = sequence.getAndIncrement();
            long due = rate > 0 ? started + (long) (n * 1e9 / rate) : System.nanoTime();
            if (stopped || (limit > 0 && n >= limit) || due >= deadline || System.nanoTime() >= deadline) {
                done.countDown();
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                pacer.schedule(() -> send(n), wait, TimeUnit.NANOSECONDS);
            } else {
                send(n);
            }
        }

        private void send(long n) {
            Call call = calls.apply((int) (n & Integer.MAX_VALUE));
            Request request = client.newRequest(base + call.path()).method(call.method()).timeout(30, TimeUnit.SECONDS);
            request.headers(headers -> call.headers().forEach(headers::put));
            if (call.body() != null) {
                request.body(new BytesRequestContent("application/json", call.body()));
            }
            long sent = System.nanoTime();
            request.send(new BufferingResponseListener(1 << 20) {
                @Override
                public void onComplete(Result result) {
                    long micros = Math.max(1, (System.nanoTime() - sent) / 1_000);
                    if (result.isFailed()) {
                        error(result.getFailure().getClass().getSimpleName(), 1);
                    } else if (result.getResponse().getStatus() != expected) {
                        error("HTTP " + result.getResponse().getStatus(), 1);
                    } else {
                        latencies.recordValue(micros);
                        requests.increment();
                        progress.increment();
                        answers.answered(getContent());
                    }
                    next();
                }
            });
        }

        void error(String kind, long count) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).add(count);
        }
    }

    /** Ends the round running now: each connection sends nothing more once its request in flight is answered. */
    void stop() {
        stopped = true;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}

package com.orderpipeline.benchmarks.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load on loopback: {@code clients} threads, each with its own keep-alive connection, send GETs
 * back to back for a fixed time and record each request's latency. Requests answered with anything but 200 are
 * counted as errors. Bounded in time, and only ever aimed at this machine.
 */
final class HttpLoad {
    /** What one run measured. */
    record Result(String name, long requests, long errors, Duration elapsed, Latencies latencies) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        String line() {
            return String.format("%-22s %8.0f req/s  errors=%d  %s", name, perSecond(), errors, latencies.summary());
        }
    }

    private HttpLoad() {
    }

    /** {@code paths.apply(i)} gives the path of a client's i-th request. */
    static Result run(String name, String base, IntFunction<String> paths, int clients, Duration duration)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<long[]> samples = new ArrayList<>();
        long[] counts = new long[clients];
        long[] errors = new long[clients];
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] mine = new long[1_000_000];
            samples.add(mine);
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int i = ThreadLocalRandom.current().nextInt(1_000_000);
                while (System.nanoTime() < deadline && counts[client] < mine.length) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.apply(i++)))
                            .timeout(Duration.ofSeconds(5)).GET().build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors[client]++;
                        }
                    } catch (IOException e) {
                        errors[client]++;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    mine[(int) counts[client]++] = System.nanoTime() - t0;
                }
            }, "load-" + name + "-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        long total = 0;
        long failed = 0;
        for (int c = 0; c < clients; c++) {
            total += counts[c];
            failed += errors[c];
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples.get(c), 0, all, at, (int) counts[c]);
            at += (int) counts[c];
        }
        return new Result(name, total, failed, elapsed, Latencies.of(all));
    }
}

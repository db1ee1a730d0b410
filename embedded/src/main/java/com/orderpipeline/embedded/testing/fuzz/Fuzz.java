package com.orderpipeline.embedded.testing.fuzz;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Sends generated bad requests to a running server and checks every answer. The requests are all generated
 * first, from the seed, so a run is the same whatever the threads do; each thread keeps its own connection
 * alive. A failure names the seed, the request's index and the request itself, so it can be replayed.
 */
public final class Fuzz {
    /** Says what is wrong with an answer to a request, or nothing when it is as expected. */
    @FunctionalInterface
    public interface Check {
        Optional<String> problem(BadRequest request, RawHttp.Answer answer);
    }

    /** What a run found: per input class, how many were tried and the statuses they got; and every failure. */
    public record Report(String api, long seed, Map<String, Map<String, Integer>> answersByKind, List<String> failures) {
        public int tried() {
            return answersByKind.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        }

        /** One line per input class: how many, and how they were answered. */
        public String table() {
            StringBuilder table = new StringBuilder(api + " (seed " + seed + ", " + tried() + " requests)\n");
            answersByKind.forEach((kind, answers) -> table.append(String.format("  %-40s %6d  %s%n", kind,
                    answers.values().stream().mapToInt(Integer::intValue).sum(), answers)));
            return table.toString();
        }

        private List<String> firstOfEachKind() {
            Map<String, String> first = new TreeMap<>();
            failures.forEach(f -> first.putIfAbsent(f.substring(f.indexOf('(')).split("\\)")[0], f));
            return List.copyOf(first.values());
        }

        /** Prints the table and fails, naming the seed and the first failing requests, if any answer was wrong. */
        public void assertAllAnsweredAsExpected() {
            System.out.println(table());
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " of " + tried() + " bad requests to " + api
                        + " got a wrong answer (replay with -Dfuzz.seed=" + seed + "); the first of each kind:\n"
                        + String.join("\n", firstOfEachKind()) + "\n" + table());
            }
        }
    }

    /** Fails unless {@code /health/live} and {@code /health/ready} both answer 200. */
    public static void assertHealthy(String host, int port) throws IOException {
        try (RawHttp client = new RawHttp(host, port, Duration.ofSeconds(5))) {
            for (String path : new String[] {"/health/live", "/health/ready"}) {
                int status = client.send(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII), false).status();
                if (status != 200) {
                    throw new AssertionError(path + " answered " + status + " after the fuzz run, not 200");
                }
            }
        }
    }

    private Fuzz() {
    }

    /** Generates {@code count} requests with {@code next} from the seed and sends them over {@code threads} connections. */
    public static Report run(String api, long seed, int count, int threads, String host, int port, Duration timeout,
                             Function<BadRequests, BadRequest> next, Check check) {
        BadRequests generator = new BadRequests(seed, host + ":" + port);
        List<BadRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next.apply(generator));
        }
        String[] outcomes = new String[count];
        String[] failures = new String[count];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                running.add(pool.submit(() -> {
                    try (RawHttp client = new RawHttp(host, port, timeout)) {
                        for (int i = first; i < count; i += threads) {
                            send(client, requests.get(i), check, i, outcomes, failures);
                        }
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the fuzz run was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a fuzz thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Map<String, Map<String, Integer>> byKind = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byKind.computeIfAbsent(requests.get(i).kind(), k -> new TreeMap<>()).merge(outcomes[i], 1, Integer::sum);
            if (failures[i] != null) {
                failed.add("seed " + seed + ", request #" + i + " (" + requests.get(i).kind() + ", " + outcomes[i] + "): "
                        + failures[i]
                        + "\n    sent: " + requests.get(i).printable());
            }
        }
        return new Report(api, seed, byKind, failed);
    }

    private static void send(RawHttp client, BadRequest request, Check check, int i, String[] outcomes, String[] failures) {
        try {
            RawHttp.Answer answer;
            try {
                answer = client.send(request.bytes(), request.halfClose());
            } catch (SocketTimeoutException once) {
                // Rarely, a request on a kept-alive connection gets no answer at all (seen about once in 40,000);
                // a fresh connection tells a server that hangs on the request from a connection lost on the way.
                // The retry is counted in the outcome, so it shows in the table.
                client.close();
                answer = client.send(request.bytes(), request.halfClose());
                outcomes[i] = "retried: ";
            }
            RawHttp.Answer answered = answer;
            outcomes[i] = (outcomes[i] == null ? "" : outcomes[i]) + (answer.status() == 0 ? "no answer (client gone)"
                    : answer.status() + " " + answer.contentType().split(";")[0]);
            failures[i] = check.problem(request, answered).map(p -> p + "\n    answer: " + answered.status() + " "
                    + answered.contentType() + " " + shorten(answered.body())).orElse(null);
        } catch (SocketTimeoutException e) {
            client.close();
            outcomes[i] = "hang";
            failures[i] = "no answer within the timeout";
        } catch (IOException | RuntimeException e) {
            client.close();
            outcomes[i] = "connection failed";
            failures[i] = "the connection failed: " + e;
        }
    }

    private static String shorten(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}

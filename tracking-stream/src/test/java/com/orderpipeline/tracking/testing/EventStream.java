package com.orderpipeline.tracking.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of a live stream of Server-Sent Events, as an EventSource reads it: each event (name and data) as it
 * arrives, the heartbeat comments counted, and whether the server ended the stream.
 */
public final class EventStream implements Flow.Subscriber<String>, AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One event: its name and its data, and when it arrived ({@link System#nanoTime()}). */
    public record Event(String name, String data, long arrivedNanos) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private String name;
    private StringBuilder data;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;

    private EventStream(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build();
        response = CLIENT.sendAsync(request, answer -> {
            status.complete(answer.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        });
        response.whenComplete((done, error) -> ended.complete(null));
    }

    /** Opens the stream; the answer's status is {@link #status()}. */
    public static EventStream open(String url) {
        return new EventStream(url);
    }

    /** The status of the answer, once its headers came (a stream answers 200 before its first event). */
    public int status(Duration timeout) throws Exception {
        return status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event, or null when none came within {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int heartbeats() {
        return heartbeats.get();
    }

    /** Completes when the server ends the stream. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        subscription = given;
        given.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                events.add(new Event(name == null ? "message" : name, data.toString(), System.nanoTime()));
            }
            name = null;
            data = null;
        } else if (line.startsWith(":")) {
            heartbeats.incrementAndGet();
        } else if (line.startsWith("event:")) {
            name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
            String chunk = line.substring(5).trim();
            data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
        }
    }

    @Override
    public void onError(Throwable error) {
        ended.complete(null);
    }

    @Override
    public void onComplete() {
        ended.complete(null);
    }

    /** Hangs up, as a browser tab that is closed. */
    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        response.cancel(true);
    }
}

package com.orderpipeline.tracking.live;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.query.AnswerJson;
import com.orderpipeline.tracking.query.Lookup;
import com.orderpipeline.tracking.query.TrackingView;
import com.orderpipeline.tracking.topology.ViewListener;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The live streams open on this instance, by order: told of every new version of a view (on the stream thread,
 * so it only hands the update on), it renders the view once and has its sender thread send it to every stream of
 * the order. Streams are bounded: {@link #reserve} refuses once {@code maxStreams} are open, streams forwarded to
 * another instance included. A heartbeat comment goes to every stream each {@code heartbeat}, which also finds
 * the connections that are gone; a stream ends once its order is settled ({@link #settled}). No stream holds a
 * thread while it waits.
 */
public final class LiveViewers implements ViewListener, AutoCloseable {
    private static final List<ReturnStatus> SETTLED_RETURNS = List.of(ReturnStatus.REFUNDED, ReturnStatus.CLOSED,
            ReturnStatus.DECLINED);

    private final int maxStreams;
    private final AnswerJson answers;
    private final Map<String, Set<Viewer>> byOrder = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("live-sender"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("live-heartbeat"));
    private volatile String servedBy = "";

    public LiveViewers(int maxStreams, Duration heartbeat, AnswerJson answers) {
        this.maxStreams = maxStreams;
        this.answers = answers;
        heartbeats.scheduleAtFixedRate(() -> sender.execute(this::beat), heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A place for one more stream, local or forwarded; empty when {@code maxStreams} are open. */
    public Optional<Reservation> reserve() {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Reservation());
    }

    /** One stream's place, given back exactly once. */
    public final class Reservation {
        private final AtomicBoolean released = new AtomicBoolean();

        private Reservation() {
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        }

        /**
         * Registers a stream of the order read here, before its first view is read, so no update is missed;
         * attach the client with {@link #attach}.
         */
        public Viewer watch(String orderId) {
            Viewer viewer = new Viewer(orderId, ended -> {
                forget(ended);
                release();
            });
            byOrder.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(viewer);
            return viewer;
        }
    }

    /** The streams open now, local and forwarded. */
    public int open() {
        return open.get();
    }

    public int maxStreams() {
        return maxStreams;
    }

    /** Names this instance in the answers ({@code host:port}), once it is known. */
    public void servedBy(String name) {
        servedBy = name;
    }

    /** The JSON of an update, as {@code GET /orders/{id}} answers it. */
    public String render(TrackingView view) {
        return answers.write(new Lookup.Found(view, false, servedBy, Optional.empty()));
    }

    @Override
    public void onUpdate(OrderTracking view) {
        Set<Viewer> viewers = byOrder.get(view.getOrderId());
        if (viewers == null || viewers.isEmpty()) {
            return;
        }
        sender.execute(() -> {
            TrackingView update = TrackingView.of(view);
            String json = render(update);
            boolean settles = settled(update);
            viewers.forEach(viewer -> viewer.offer(json, settles));
        });
    }

    /** Starts a registered stream with the view read for it. */
    public void attach(Viewer viewer, SseClient client, TrackingView view) {
        String json = render(view);
        sender.execute(() -> viewer.attach(client, json, settled(view)));
    }

    /**
     * Ends the streams of orders this instance no longer owns after a rebalance; their clients reconnect and are
     * answered by the new owner.
     */
    public void closeMoved(Predicate<String> ownedHere) {
        byOrder.forEach((orderId, viewers) -> {
            if (!ownedHere.test(orderId)) {
                viewers.forEach(viewer -> sender.execute(viewer::close));
            }
        });
    }

    /** Nothing more will change: cancelled, or delivered with every return settled. */
    public static boolean settled(TrackingView view) {
        if (view.status() == FulfillmentStatus.CANCELLED) {
            return true;
        }
        return view.status() == FulfillmentStatus.DELIVERED
                && view.returns().stream().allMatch(entry -> SETTLED_RETURNS.contains(entry.status()));
    }

    private void beat() {
        byOrder.values().forEach(viewers -> viewers.forEach(Viewer::heartbeat));
    }

    private void forget(Viewer viewer) {
        byOrder.computeIfPresent(viewer.orderId(), (id, viewers) -> {
            viewers.remove(viewer);
            return viewers.isEmpty() ? null : viewers;
        });
    }

    /** Ends every stream (clients reconnect elsewhere) and stops the threads. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        byOrder.values().forEach(viewers -> viewers.forEach(viewer -> sender.execute(viewer::close)));
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

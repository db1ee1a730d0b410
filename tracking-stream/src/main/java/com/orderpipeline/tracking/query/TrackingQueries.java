package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.tracking.topology.TrackingTopology;
import com.orderpipeline.tracking.waiters.StatusWaiters;
import com.orderpipeline.tracking.waiters.WaitOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Looks orders up across the instances of the application: in the local {@link TrackingTopology#VIEW_JSON_STORE}
 * (the stored answers of the JSON API) or {@link TrackingTopology#VIEW_STORE} (the views) when this instance owns
 * the order's partition, from the owner otherwise. A read that the active store cannot
 * serve (rebalancing, restoring, owner gone) falls back to a standby or restoring copy on this instance and is
 * marked stale; when there is none it is {@link Lookup.Unavailable}. Long polls wait where the order is owned,
 * and follow it when a rebalance moves it.
 */
public final class TrackingQueries {
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);
    /** A moved wait with less time than this left answers here with the view as it stands. */
    private static final Duration MIN_WAIT_TO_MOVE = Duration.ofMillis(500);
    /** How soon a moved wait asks again while the order's new owner cannot answer yet. */
    private static final Duration MOVED_RETRY = Duration.ofMillis(250);

    private final Supplier<Optional<Instance>> instance;
    private final ActiveStores active;
    private final OwnerClient owners;
    private final StatusWaiters waiters;
    private final AnswerJson answers;
    private final Map<String, Timer> latencyByRoute;

    /**
     * @param instance empty until Kafka Streams has been started
     * @param active   the stores of the tasks active here, read directly
     */
    public TrackingQueries(Supplier<Optional<Instance>> instance, ActiveStores active, OwnerClient owners,
                           StatusWaiters waiters, AnswerJson answers, MeterRegistry metrics) {
        this.instance = instance;
        this.active = active;
        this.owners = owners;
        this.waiters = waiters;
        this.answers = answers;
        this.latencyByRoute = Map.of(
                "direct", latency(metrics, "direct"),
                "local", latency(metrics, "local"),
                "forwarded", latency(metrics, "forwarded"),
                "unavailable", latency(metrics, "unavailable"));
    }

    private static Timer latency(MeterRegistry metrics, String route) {
        return Timer.builder("tracking.query")
                .description("Time to answer an order lookup (long polls excluded), by where it was answered")
                .tag("route", route)
                .publishPercentileHistogram()
                .register(metrics);
    }

    /**
     * Finds the order's view, waiting first when {@code wait} is given. Completes at once for a local read;
     * cancelling the future ends a wait or a forward in progress.
     *
     * @param forwarded the request came from another instance: answer here, never forward again
     */
    public CompletableFuture<Lookup> find(String orderId, Optional<WaitFor> wait, boolean forwarded) {
        return route(orderId, wait, forwarded, TrackingTopology.VIEW_STORE,
                (stores, servedBy) -> LocalViews.lookup(stores, orderId, servedBy, Optional.empty()));
    }

    /**
     * Finds the order's answer for the JSON API, without a wait: read here, it is the answer as stored with the view
     * ({@link Lookup.Answered}), or the view itself ({@link Lookup.Found}) when no answer is stored in today's
     * format; from the owner, the view it answered.
     */
    public CompletableFuture<Lookup> findAnswer(String orderId, boolean forwarded) {
        return route(orderId, Optional.empty(), forwarded, TrackingTopology.VIEW_JSON_STORE,
                (stores, servedBy) -> LocalViews.answer(stores, orderId, servedBy));
    }

    /** Reads the order from the stores of its partition on this instance. */
    @FunctionalInterface
    private interface LocalRead {
        Lookup read(PartitionStores stores, String servedBy);
    }

    /**
     * Without a wait, a key whose partition's active task runs here is read from the stores it lent, {@code store}
     * first; every other read asks Kafka Streams where the order is. A wait always does, as it waits where the order
     * is owned.
     */
    private CompletableFuture<Lookup> route(String orderId, Optional<WaitFor> wait, boolean forwarded, String store,
                                            LocalRead local) {
        long started = System.nanoTime();
        Optional<Instance> running = instance.get().filter(i -> i.streams().state().isRunningOrRebalancing());
        if (running.isEmpty()) {
            return CompletableFuture.completedFuture(new Lookup.Unavailable(
                    "The tracking store is starting up and cannot be queried yet", RETRY_SOON));
        }
        Instance here = running.get();
        Optional<ActiveStores.Lent> held = wait.isPresent() ? Optional.empty() : active.holding(store, orderId);
        if (held.isPresent()) {
            try {
                Lookup read = local.read(held.get(), here.selfName());
                latencyByRoute.get("direct").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return CompletableFuture.completedFuture(read);
            } catch (InvalidStateStoreException movedMeanwhile) {
                // the task closed under the read: Kafka Streams knows where the order is now
            }
        }
        KeyQueryMetadata owner = here.ownerOf(store, orderId);
        CompletableFuture<Lookup> answer;
        String route;
        if (KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            route = "unavailable";
            answer = CompletableFuture.completedFuture(new Lookup.Unavailable(
                    "The tracking store is being rebalanced; no instance owns this order right now", RETRY_SOON));
        } else if (here.self().equals(owner.activeHost()) || forwarded) {
            route = "local";
            answer = wait.isPresent() ? waitLocally(here, orderId, owner.partition(), wait.get())
                    : CompletableFuture.completedFuture(LocalViews.here(here, owner.partition(),
                            stores -> local.read(stores, here.selfName())));
        } else {
            route = "forwarded";
            answer = forward(here, orderId, owner, wait);
        }
        if (wait.isEmpty()) {
            Timer timer = latencyByRoute.get(route);
            answer.whenComplete((lookup, error) -> timer.record(Duration.ofNanos(System.nanoTime() - started)));
        }
        return answer;
    }

    /**
     * Registers first, then reads, so an update in between is never missed; an order not there yet is waited for
     * too. A wait whose order moves to another instance goes on there, for the time it has left.
     */
    private CompletableFuture<Lookup> waitLocally(Instance here, String orderId, int partition, WaitFor wait) {
        long deadline = System.nanoTime() + wait.timeout().toNanos();
        CompletableFuture<WaitOutcome> waiting = waiters.await(orderId, wait.status(), wait.timeout());
        Optional<Optional<OrderTracking>> now = PartitionStores.readHere(here.streams(), partition,
                stores -> LocalViews.view(stores, orderId));
        if (now.isEmpty()) {
            waiting.cancel(false);
            return CompletableFuture.completedFuture(LocalViews.here(here, partition,
                    stores -> LocalViews.lookup(stores, orderId, here.selfName(), Optional.empty())));
        }
        now.get().filter(view -> StatusWaiters.reached(view, wait.status()))
                .ifPresent(view -> waiting.complete(WaitOutcome.reached(view)));
        now.get().filter(view -> FulfillmentSteps.canNoLongerReach(view.getStatus(), wait.status()))
                .ifPresent(view -> waiting.complete(WaitOutcome.unreachable(view)));
        CompletableFuture<Lookup> answer = waiting.thenCompose(outcome -> {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (outcome.moved() && left.compareTo(MIN_WAIT_TO_MOVE) > 0) {
                return waitElsewhere(orderId, wait, deadline);
            }
            Lookup.Waited waited = new Lookup.Waited(wait.status(), outcome.reached(), wait.timeout());
            Optional<Lookup> reached = outcome.view()
                    .map(view -> new Lookup.Found(TrackingView.of(view), false, here.selfName(), Optional.of(waited)));
            return CompletableFuture.completedFuture(reached.orElseGet(() -> LocalViews.here(here, partition,
                    stores -> LocalViews.lookup(stores, orderId, here.selfName(), Optional.of(waited)))));
        });
        answer.whenComplete((lookup, error) -> waiting.cancel(false));
        return answer;
    }

    /**
     * Goes on with a wait whose order moved, wherever the order is now, for the time left; while the new owner
     * cannot answer yet (it is still restoring the order's store) it asks again shortly.
     */
    private CompletableFuture<Lookup> waitElsewhere(String orderId, WaitFor wait, long deadline) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        return find(orderId, Optional.of(new WaitFor(wait.status(), left)), false).thenCompose(lookup -> {
            Duration stillLeft = Duration.ofNanos(deadline - System.nanoTime());
            if (lookup instanceof Lookup.Unavailable && stillLeft.compareTo(MIN_WAIT_TO_MOVE.plus(MOVED_RETRY)) > 0) {
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(MOVED_RETRY.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> waitElsewhere(orderId, wait, deadline));
            }
            return CompletableFuture.completedFuture(withTimeout(lookup, wait.timeout()));
        });
    }

    /** A wait that moved says how long the client asked to wait, not what was left of it. */
    private static Lookup withTimeout(Lookup lookup, Duration asked) {
        if (lookup instanceof Lookup.Found found && found.waitedFor().isPresent()) {
            Lookup.Waited waited = found.waitedFor().get();
            return new Lookup.Found(found.view(), found.stale(), found.servedBy(),
                    Optional.of(new Lookup.Waited(waited.status(), waited.reached(), asked)));
        }
        return lookup;
    }

    /**
     * Ends the waits of orders that a rebalance moved to another instance, so that they go on there; called once
     * this instance is RUNNING again after a rebalance.
     */
    public void handOverMovedWaits() {
        Optional<Instance> running = instance.get().filter(i -> i.streams().state() == KafkaStreams.State.RUNNING);
        running.ifPresent(here -> waiters.handOver(orderId -> {
            KeyQueryMetadata owner = here.ownerOf(TrackingTopology.VIEW_STORE, orderId);
            return KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || here.self().equals(owner.activeHost());
        }));
    }

    private CompletableFuture<Lookup> forward(Instance here, String orderId, KeyQueryMetadata owner,
                                              Optional<WaitFor> wait) {
        HostInfo host = owner.activeHost();
        String ownerName = host.host() + ":" + host.port();
        CompletableFuture<HttpResponse<String>> sent = owners.get(host, orderId, wait, here.selfName());
        CompletableFuture<Lookup> answer = sent.handle((response, error) -> {
            if (error == null) {
                return fromOwner(orderId, ownerName, response);
            }
            if (owner.standbyHosts().contains(here.self())) {
                Optional<Lookup.Waited> waited = wait.map(w -> new Lookup.Waited(w.status(), false, w.timeout()));
                return LocalViews.here(here, owner.partition(),
                        stores -> LocalViews.lookup(stores, orderId, here.selfName(), waited));
            }
            Throwable cause = error.getCause() == null ? error : error.getCause();
            return new Lookup.Unavailable("The instance that holds this order (" + ownerName + ") did not answer: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage())
                    + "; its orders move to another instance shortly", RETRY_SOON);
        });
        answer.whenComplete((lookup, error) -> sent.cancel(true));
        return answer;
    }

    private Lookup fromOwner(String orderId, String ownerName, HttpResponse<String> response) {
        String servedBy = response.headers().firstValue(AnswerJson.SERVED_BY_HEADER).orElse(ownerName);
        return switch (response.statusCode()) {
            case 200 -> {
                try {
                    yield answers.read(response.body(), servedBy);
                } catch (IllegalArgumentException e) {
                    yield new Lookup.OwnerFailed(ownerName, e.getMessage());
                }
            }
            case 404 -> new Lookup.NotFound(orderId, servedBy);
            case 503 -> new Lookup.Unavailable("The instance that holds this order (" + ownerName
                    + ") cannot answer right now", response.headers().firstValue("Retry-After")
                    .map(TrackingQueries::seconds).orElse(RETRY_SOON));
            default -> new Lookup.OwnerFailed(ownerName, "it answered HTTP " + response.statusCode());
        };
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return RETRY_SOON;
        }
    }
}

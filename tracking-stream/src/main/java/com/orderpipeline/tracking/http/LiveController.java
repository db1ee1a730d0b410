package com.orderpipeline.tracking.http;

import com.orderpipeline.runtime.http.ProblemException;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.tracking.live.LiveViewers;
import com.orderpipeline.tracking.live.OwnerStream;
import com.orderpipeline.tracking.live.Viewer;
import com.orderpipeline.tracking.query.Instance;
import com.orderpipeline.tracking.query.Lookup;
import com.orderpipeline.tracking.query.OwnerClient;
import com.orderpipeline.tracking.query.TrackingQueries;
import com.orderpipeline.tracking.topology.TrackingTopology;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * {@code GET /orders/{orderId}/events}: the order's view as Server-Sent Events, an {@code update} at once and
 * after every change, a heartbeat comment between, and {@code end} once the order is settled. The instance that
 * owns the order streams it from its own updates ({@link LiveViewers}); any other passes the owner's stream on
 * ({@link OwnerStream}). Missing or unknown orders, a full house and an unreachable owner are answered as plain
 * problems before any stream starts. A stream holds no thread: it is an open async request written to when the
 * view changes.
 */
public final class LiveController {
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);
    private static final Duration RETRY_WHEN_FULL = Duration.ofSeconds(5);

    private final Supplier<Optional<Instance>> instance;
    private final TrackingQueries queries;
    private final OrderIdRules rules;
    private final LiveViewers viewers;
    private final OwnerClient owners;

    public LiveController(Supplier<Optional<Instance>> instance, TrackingQueries queries, OrderIdRules rules,
                          LiveViewers viewers, OwnerClient owners) {
        this.instance = instance;
        this.queries = queries;
        this.rules = rules;
        this.viewers = viewers;
        this.owners = owners;
    }

    public void events(Context ctx) {
        String orderId = OrderIds.parse(ctx.pathParam("orderId"), rules).canonical();
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw ProblemException.of(406, "This is a stream of Server-Sent Events: ask for it with Accept:"
                    + " text/event-stream (an EventSource does), or read the view once at /orders/" + orderId);
        }
        Instance here = instance.get().filter(i -> i.streams().state().isRunningOrRebalancing())
                .orElseThrow(() -> ProblemException.unavailable("The tracking store is starting up and cannot be"
                        + " queried yet", RETRY_SOON));
        LiveViewers.Reservation place = viewers.reserve().orElseThrow(() -> ProblemException.unavailable(
                "This instance serves as many live streams as it may (" + viewers.maxStreams() + "); reload the page"
                        + " or read the view at /orders/" + orderId, RETRY_WHEN_FULL));
        try {
            boolean forwarded = ctx.header(OwnerClient.FORWARDED_HEADER) != null;
            KeyQueryMetadata owner = here.ownerOf(TrackingTopology.VIEW_STORE, orderId);
            if (forwarded || here.self().equals(owner.activeHost())) {
                streamHere(ctx, orderId, place);
            } else {
                streamFromOwner(ctx, orderId, here, place);
            }
        } catch (RuntimeException e) {
            place.release();
            throw e;
        }
    }

    /** Registered before the view is read, so that no change between the two is missed. */
    private void streamHere(Context ctx, String orderId, LiveViewers.Reservation place) {
        Viewer viewer = place.watch(orderId);
        Lookup lookup = queries.find(orderId, Optional.empty(), true).join();
        if (!(lookup instanceof Lookup.Found found)) {
            viewer.close();
            throw OrderController.problemOf(ctx, lookup);
        }
        // no timeout: the stream is open until the order is settled or the client leaves
        ctx.async(config -> config.timeout = 0L, () -> {
            SseClient client = open(ctx);
            viewers.attach(viewer, client, found.view());
        });
    }

    /** Asks the owner for the view first, so a missing order or an unreachable owner is a plain problem. */
    private void streamFromOwner(Context ctx, String orderId, Instance here, LiveViewers.Reservation place) {
        CompletableFuture<Lookup> lookup = queries.find(orderId, Optional.empty(), false);
        ctx.async(config -> config.timeout = 0L, () -> {
            Lookup answer = lookup.join();
            if (!(answer instanceof Lookup.Found found)) {
                place.release();
                throw OrderController.problemOf(ctx, answer);
            }
            SseClient client = open(ctx);
            owners.stream(found.servedBy(), orderId, here.selfName(), new OwnerStream(client, place::release));
        });
    }

    /** The response headers of an event stream, sent at once, and the client that writes the events. */
    private static SseClient open(Context ctx) {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("text/event-stream");
        response.addHeader("Cache-Control", "no-cache, no-store");
        response.addHeader("X-Accel-Buffering", "no");
        try {
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("The client left before its stream began", e);
        }
        SseClient client = new SseClient(ctx);
        client.keepAlive();
        Runnable stopWatching = ClientDisconnect.watch(ctx, client::close);
        client.onClose(stopWatching);
        return client;
    }
}

package com.orderpipeline.tracking.live;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One open live stream of an order, read on this instance. Updates that come before the stream is attached wait,
 * the newest only, and follow the first view, which is never newer than they are: the stream is registered before
 * the first view is read. Sends happen on the senders of {@link LiveViewers}, never on a stream thread.
 */
public final class Viewer {
    private final String orderId;
    private final Consumer<Viewer> release;
    private final AtomicBoolean released = new AtomicBoolean();
    private SseClient client;
    private String pending;
    private boolean pendingSettles;

    /** @param release told once, with this viewer, when its stream ends however it ends */
    Viewer(String orderId, Consumer<Viewer> release) {
        this.orderId = orderId;
        this.release = release;
    }

    String orderId() {
        return orderId;
    }

    /** Starts the stream with the view as read, then whatever update came meanwhile. */
    synchronized void attach(SseClient attached, String view, boolean settled) {
        client = attached;
        client.onClose(this::released);
        send(view, settled);
        if (pending != null) {
            send(pending, pendingSettles);
            pending = null;
        }
    }

    /** A new version of the view: sent now, or after the first view when the stream is not attached yet. */
    synchronized void offer(String view, boolean settles) {
        if (client == null) {
            pending = view;
            pendingSettles = settles;
            return;
        }
        send(view, settles);
    }

    synchronized void heartbeat() {
        if (client != null && !client.terminated()) {
            client.sendComment("heartbeat");
        }
    }

    /** Ends the stream; the client reconnects (its EventSource does) unless it was told the order is settled. */
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        released();
    }

    private void send(String view, boolean settles) {
        if (client.terminated()) {
            return;
        }
        client.sendEvent("update", view);
        if (settles) {
            client.sendEvent("end", "{\"reason\":\"settled\"}");
            client.close();
        }
    }

    /** Gives the stream's place back, once, however it ended: closed here, by the client, or by a failed write. */
    private void released() {
        if (released.compareAndSet(false, true)) {
            release.accept(this);
        }
    }
}

package com.orderpipeline.tracking.live;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.Flow;

/**
 * Passes the live stream of the instance that owns an order on to a client of this one, event by event, as the
 * lines of Server-Sent Events arrive. The client's stream ends when the owner's does (the client reconnects, or
 * stops once told the order is settled); a client that goes away cancels the owner's stream.
 */
public final class OwnerStream implements Flow.Subscriber<String> {
    private final SseClient client;
    private final Runnable release;
    private String event;
    private StringBuilder data;

    /** @param release gives the stream's place back when it ends, however it ends */
    public OwnerStream(SseClient client, Runnable release) {
        this.client = client;
        this.release = release;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        client.onClose(() -> {
            subscription.cancel();
            release.run();
        });
        if (client.terminated()) {
            subscription.cancel();
            release.run();
            return;
        }
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                client.sendEvent(event == null ? "message" : event, data.toString());
            }
            event = null;
            data = null;
        } else if (line.startsWith(":")) {
            client.sendComment(line.substring(1).trim());
        } else if (line.startsWith("event:")) {
            event = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
            String value = line.substring("data:".length());
            String chunk = value.startsWith(" ") ? value.substring(1) : value;
            data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
        }
    }

    @Override
    public void onError(Throwable error) {
        client.close();
    }

    @Override
    public void onComplete() {
        client.close();
    }
}

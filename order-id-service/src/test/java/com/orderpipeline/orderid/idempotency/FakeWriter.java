package com.orderpipeline.orderid.idempotency;

import com.orderpipeline.orderid.orders.EventWriter;
import com.orderpipeline.schemas.avro.OrderPlaced;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A topic in memory that can fail the way Kafka does: refuse a write, or take it and lose the acknowledgement
 * (the client times out although the record is on the topic).
 */
final class FakeWriter<V> implements EventWriter<V> {
    final List<V> values = new CopyOnWriteArrayList<>();
    private volatile boolean refuseNext;
    private volatile boolean loseNextAcknowledgement;
    private volatile Runnable beforeNextWrite;
    private volatile CompletableFuture<Void> heldAcknowledgement;

    void refuseNext() {
        refuseNext = true;
    }

    void loseNextAcknowledgement() {
        loseNextAcknowledgement = true;
    }

    /** The next write is taken, and acknowledged only when the test completes the answer. */
    CompletableFuture<Void> holdNextAcknowledgement() {
        CompletableFuture<Void> held = new CompletableFuture<>();
        heldAcknowledgement = held;
        return held;
    }

    void beforeNextWrite(Runnable action) {
        beforeNextWrite = action;
    }

    List<String> orderIds() {
        return values.stream().map(v -> ((OrderPlaced) v).getOrderId()).toList();
    }

    @Override
    public CompletableFuture<Void> write(String key, V value) {
        Runnable before = beforeNextWrite;
        beforeNextWrite = null;
        if (before != null) {
            before.run();
        }
        if (refuseNext) {
            refuseNext = false;
            return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s): 30000 ms has passed"));
        }
        values.add(value);
        CompletableFuture<Void> held = heldAcknowledgement;
        if (held != null) {
            heldAcknowledgement = null;
            return held;
        }
        if (loseNextAcknowledgement) {
            loseNextAcknowledgement = false;
            return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s): the acknowledgement was lost"));
        }
        return CompletableFuture.completedFuture(null);
    }
}

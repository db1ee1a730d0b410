package com.orderpipeline.tracking.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that arrived before their order, in a store keyed {@code orderId|position}: taken out, in the order of
 * their positions, the moment the order comes, and dropped with a warning once older than the retention. The
 * position names the event, so a re-delivered one takes the place of the first instead of adding a second.
 */
final class ParkedEvents<V> {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedEvents.class);
    private static final String SEPARATOR = "|";

    private final KeyValueStore<String, V> store;
    private final String what;
    private final Function<V, Instant> occurredAt;

    /**
     * @param what       the kind of event, for the log
     * @param occurredAt the event's own time, which the retention counts from
     */
    ParkedEvents(KeyValueStore<String, V> store, String what, Function<V, Instant> occurredAt) {
        this.store = store;
        this.what = what;
        this.occurredAt = occurredAt;
    }

    void park(String orderId, String position, V event) {
        store.put(orderId + SEPARATOR + position, event);
    }

    /** The order's parked events, sorted by position, removed from the store. */
    List<V> takeAll(String orderId) {
        List<String> keys = new ArrayList<>();
        List<V> events = new ArrayList<>();
        try (KeyValueIterator<String, V> early = store.prefixScan(orderId + SEPARATOR, Serdes.String().serializer())) {
            while (early.hasNext()) {
                KeyValue<String, V> entry = early.next();
                keys.add(entry.key);
                events.add(entry.value);
            }
        }
        keys.forEach(store::delete);
        return events;
    }

    /** Drops the events whose order has not come within {@code retention} of their own time. */
    void dropOlderThan(Instant now, Duration retention) {
        Instant oldestKept = now.minus(retention);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (occurredAt.apply(entry.value).isBefore(oldestKept)) {
                    expired.add(entry.key);
                }
            });
        }
        for (String key : expired) {
            LOG.warn("Dropped {} {}: its order never arrived on the orders topic within {}", what, key, retention);
            store.delete(key);
        }
    }
}

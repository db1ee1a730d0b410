package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Looks an order up in {@link TrackingTopology#VIEW_STORE} or {@link TrackingTopology#VIEW_JSON_STORE} on this
 * instance: the active copy of the partition when it is running here, else a standby or restoring copy, whose
 * answer is marked stale.
 */
final class LocalViews {
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    /** What the local store holds for an order, and whether it came from a copy that may lag. */
    record Read<V>(Optional<V> value, boolean stale) {
    }

    private LocalViews() {
    }

    /** The order's view, or why there is none here. */
    static Lookup lookup(Instance here, String orderId, int partition, Optional<Lookup.Waited> waited) {
        Optional<Read<OrderTracking>> read = view(here.streams(), orderId, partition);
        if (read.isEmpty()) {
            return new Lookup.Unavailable("The part of the tracking store that holds this order is being restored"
                    + " or moved to another instance", RETRY_SOON);
        }
        return read.get().value()
                .<Lookup>map(view -> new Lookup.Found(TrackingView.of(view), read.get().stale(), here.selfName(), waited))
                .orElseGet(() -> new Lookup.NotFound(orderId, here.selfName()));
    }

    /**
     * The order's answer as stored with its view, else (none stored in today's format: a view stored before answers
     * were, or by a release that answered differently) its view, as {@link #lookup} finds it.
     */
    static Lookup answer(Instance here, String orderId, int partition) {
        Optional<Read<byte[]>> stored = read(here.streams(), TrackingTopology.VIEW_JSON_STORE, orderId, partition);
        Optional<byte[]> answer = stored.flatMap(read -> read.value()
                .flatMap(value -> StoredAnswers.answer(value, read.stale())));
        if (answer.isPresent()) {
            return new Lookup.Answered(answer.get(), stored.get().stale(), here.selfName());
        }
        return lookup(here, orderId, partition, Optional.empty());
    }

    /**
     * The order's answer read from the stores of the active task that holds {@code partition} here, as
     * {@link #answer} reads it; empty when they closed meanwhile (the task is moving).
     */
    static Optional<Lookup> answer(Instance here, String orderId, int partition, ActiveStores active) {
        try {
            Optional<byte[]> answer = Optional.ofNullable(active.<String, byte[]>store(TrackingTopology.VIEW_JSON_STORE,
                    partition).get(orderId)).flatMap(value -> StoredAnswers.answer(value, false));
            if (answer.isPresent()) {
                return Optional.of(new Lookup.Answered(answer.get(), false, here.selfName()));
            }
            return lookup(here, orderId, partition, active);
        } catch (InvalidStateStoreException closedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The order's view read from the stores of the active task that holds {@code partition} here. */
    static Optional<Lookup> lookup(Instance here, String orderId, int partition, ActiveStores active) {
        try {
            OrderTracking view = active.<String, OrderTracking>store(TrackingTopology.VIEW_STORE, partition).get(orderId);
            return Optional.of(view == null ? new Lookup.NotFound(orderId, here.selfName())
                    : new Lookup.Found(TrackingView.of(view), false, here.selfName(), Optional.empty()));
        } catch (InvalidStateStoreException closedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The order's view; empty when no copy of the partition on this instance can be queried now. */
    static Optional<Read<OrderTracking>> view(KafkaStreams streams, String orderId, int partition) {
        return read(streams, TrackingTopology.VIEW_STORE, orderId, partition);
    }

    private static <V> Optional<Read<V>> read(KafkaStreams streams, String store, String orderId, int partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> active = StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition);
        try {
            return Optional.of(new Read<>(Optional.ofNullable(streams.store(active).get(orderId)), false));
        } catch (InvalidStateStoreException notActiveHere) {
            try {
                return Optional.of(new Read<>(Optional.ofNullable(
                        streams.store(active.enableStaleStores()).get(orderId)), true));
            } catch (InvalidStateStoreException noCopyHere) {
                return Optional.empty();
            }
        }
    }
}

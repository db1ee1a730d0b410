package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Looks an order up in {@link TrackingTopology#VIEW_STORE} or {@link TrackingTopology#VIEW_JSON_STORE} of its
 * partition on this instance, through the {@link PartitionStores} a read found; what a stale copy holds is
 * answered as stale.
 */
final class LocalViews {
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private LocalViews() {
    }

    /** The order's view as the stores hold it. */
    static Lookup lookup(PartitionStores stores, String orderId, String servedBy, Optional<Lookup.Waited> waited) {
        return view(stores, orderId)
                .<Lookup>map(view -> new Lookup.Found(TrackingView.of(view), stores.stale(), servedBy, waited))
                .orElseGet(() -> new Lookup.NotFound(orderId, servedBy));
    }

    /**
     * The order's answer as stored with its view, else (none stored in today's format: a view stored before answers
     * were, or by a release that answered differently) its view, as {@link #lookup} finds it.
     */
    static Lookup answer(PartitionStores stores, String orderId, String servedBy) {
        Optional<byte[]> answer = Optional.ofNullable(stores.<String, byte[]>keyValue(TrackingTopology.VIEW_JSON_STORE)
                .get(orderId)).flatMap(value -> StoredAnswers.answer(value, stores.stale()));
        return answer.<Lookup>map(bytes -> new Lookup.Answered(bytes, stores.stale(), servedBy))
                .orElseGet(() -> lookup(stores, orderId, servedBy, Optional.empty()));
    }

    /** The order's view, if the stores hold one. */
    static Optional<OrderTracking> view(PartitionStores stores, String orderId) {
        return Optional.ofNullable(stores.<String, OrderTracking>keyValue(TrackingTopology.VIEW_STORE).get(orderId));
    }

    /** What {@code read} finds in the first copy of the partition here that can be read, else why there is none. */
    static Lookup here(Instance here, int partition, Function<PartitionStores, Lookup> read) {
        return PartitionStores.readHere(here.streams(), partition, read).orElseGet(() -> new Lookup.Unavailable(
                "The part of the tracking store that holds this order is being restored or moved to another"
                        + " instance", RETRY_SOON));
    }
}

package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads {@link TrackingTopology#VIEW_STORE} on this instance: the active copy of the partition when it is
 * running here, else a standby or restoring copy, whose answer is marked stale.
 */
final class LocalViews {
    /** What the local store holds for an order, and whether it came from a copy that may lag. */
    record Read(Optional<OrderTracking> view, boolean stale) {
    }

    private LocalViews() {
    }

    /** Empty when no copy of the partition on this instance can be queried now. */
    static Optional<Read> read(KafkaStreams streams, String orderId, int partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, OrderTracking>> active = StoreQueryParameters
                .fromNameAndType(TrackingTopology.VIEW_STORE, QueryableStoreTypes.<String, OrderTracking>keyValueStore())
                .withPartition(partition);
        try {
            return Optional.of(new Read(Optional.ofNullable(streams.store(active).get(orderId)), false));
        } catch (InvalidStateStoreException notActiveHere) {
            try {
                return Optional.of(new Read(Optional.ofNullable(
                        streams.store(active.enableStaleStores()).get(orderId)), true));
            } catch (InvalidStateStoreException noCopyHere) {
                return Optional.empty();
            }
        }
    }
}

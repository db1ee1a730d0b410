package com.orderpipeline.tracking.query;

import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The key-value stores of one partition on this instance, as a read finds them: lent by the partition's active task
 * ({@link ActiveStores}), or asked of Kafka Streams, for the active copy or for any copy (a standby or one being
 * restored), whose values may lag and are answered as stale. Every read across instances ({@link TrackingQueries},
 * {@link OwnedReads}) reads a partition here through one of these.
 */
public interface PartitionStores {
    /**
     * Store {@code name} of the partition.
     *
     * @throws InvalidStateStoreException when this instance cannot read the store's partition now
     */
    <K, V> ReadOnlyKeyValueStore<K, V> keyValue(String name);

    /** Whether what these stores hold may lag behind the partition's active task. */
    boolean stale();

    /**
     * Reads the partition from its active copy here, else from any copy here, marked stale; a store that closes
     * under the read ({@link InvalidStateStoreException}) moves it on to the next copy.
     *
     * @return empty when no copy of the partition here can be read now (it is being restored or moved)
     */
    static <T> Optional<T> readHere(KafkaStreams streams, int partition, Function<PartitionStores, T> read) {
        try {
            return Optional.of(read.apply(new FromStreams(streams, partition, false)));
        } catch (InvalidStateStoreException notActiveHere) {
            try {
                return Optional.of(read.apply(new FromStreams(streams, partition, true)));
            } catch (InvalidStateStoreException noCopyHere) {
                return Optional.empty();
            }
        }
    }

    /** Asks Kafka Streams for the partition's active store, or (stale) for any copy on this instance. */
    record FromStreams(KafkaStreams streams, int partition, boolean stale) implements PartitionStores {
        @Override
        public <K, V> ReadOnlyKeyValueStore<K, V> keyValue(String name) {
            StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query = StoreQueryParameters
                    .fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()).withPartition(partition);
            return streams.store(stale ? query.enableStaleStores() : query);
        }
    }
}

package com.orderpipeline.tracking.query;

import com.orderpipeline.runtime.streams.KeyPartitions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of the tasks that run on this instance as the active ones, lent by each task's processor from its init
 * to its close: a task that is restoring, a standby or one being moved away has no processor open. A read whose key
 * is in one of them reads it straight from there. Asking Kafka Streams instead, for the key's owner and then for
 * the partition's store, costs more than the read itself: it rebuilds its sets of tasks under a lock on every call.
 * Every other read (the key is owned elsewhere, or its partition is being moved) goes through Kafka Streams.
 * A task lends its stores from the first record or punctuation it processes, that is once it runs: a task whose
 * processors' init failed part way never runs, and its stores, reopened to restore a revived task, are never read
 * as fresh.
 *
 * <p>A key's partition is computed as Kafka's default partitioner computes it, which is how the producers placed it
 * and how Kafka Streams finds it: murmur2 of the key's UTF-8 bytes modulo the partition count the input topics were
 * checked with at start. Direct reads start once {@link #verify} has compared that with Kafka Streams' own answer
 * for every store, and stop for good if the two ever differ.
 */
public final class ActiveStores {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveStores.class);
    private static final List<String> PROBES = IntStream.range(0, 32).mapToObj(i -> "partition-probe-" + i).toList();

    private final int partitions;
    private final Set<String> names;
    private final ConcurrentHashMap<Slot, KeyValueStore<?, ?>> open = new ConcurrentHashMap<>();
    private volatile Check check = Check.NOT_YET;

    private enum Check { NOT_YET, AGREES, DIFFERS }

    private record Slot(String name, int partition) {
    }

    /**
     * The stores of one task, lent while it runs: {@link #start} on each record or punctuation (only the first
     * lends), {@link #end} when its processor closes. Used by the task's stream thread only.
     */
    public final class Lease {
        private final int partition;
        private final Map<String, KeyValueStore<?, ?>> stores;
        private boolean lent;

        private Lease(int partition, Map<String, KeyValueStore<?, ?>> stores) {
            this.partition = partition;
            this.stores = stores;
        }

        public void start() {
            if (!lent) {
                lent = true;
                stores.forEach((name, store) -> open.put(new Slot(name, partition), store));
            }
        }

        public void end() {
            if (lent) {
                lent = false;
                stores.forEach((name, store) -> open.remove(new Slot(name, partition), store));
            }
        }
    }

    /**
     * @param partitions the partition count of the topics the stores are built from (orders.placed's)
     * @param names      the stores that may be lent, whose partitioning {@link #verify} checks
     */
    public ActiveStores(int partitions, Set<String> names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("A topic has at least one partition, not " + partitions);
        }
        this.partitions = partitions;
        this.names = Set.copyOf(names);
    }

    /** Called by a task's processor in its init: the stores it may lend, by name, once the task runs. */
    public Lease lease(int partition, Map<String, KeyValueStore<?, ?>> stores) {
        if (!names.containsAll(stores.keySet())) {
            throw new IllegalArgumentException("Only " + names + " may be lent, not " + stores.keySet());
        }
        return new Lease(partition, Map.copyOf(stores));
    }

    /**
     * The stores of {@code key}'s partition, if the active task that holds store {@code name} for it runs here: the
     * stores it lent, while it lends them.
     */
    public Optional<Lent> holding(String name, String key) {
        int partition = partitionOf(key);
        return open(new Slot(name, partition)) == null ? Optional.empty() : Optional.of(new Lent(partition));
    }

    /**
     * The stores one partition's active tasks here lent, read while they still lend them: each store is looked up
     * again when it is read, so one given back meanwhile (the task closed, or moved to a standby with its store
     * still open) is never read as fresh.
     */
    public final class Lent implements PartitionStores {
        private final int partition;

        private Lent(int partition) {
            this.partition = partition;
        }

        public int partition() {
            return partition;
        }

        /** @throws InvalidStateStoreException when no active task here lends it (any more) */
        @Override
        @SuppressWarnings("unchecked")
        public <K, V> ReadOnlyKeyValueStore<K, V> keyValue(String name) {
            KeyValueStore<?, ?> store = open(new Slot(name, partition));
            if (store == null) {
                throw new InvalidStateStoreException("No active task on this instance holds partition " + partition
                        + " of " + name);
            }
            return (ReadOnlyKeyValueStore<K, V>) store;
        }

        @Override
        public boolean stale() {
            return false;
        }
    }

    /** The store lent for {@code slot}, if direct reads are on and it is still open; a closed one is forgotten. */
    private KeyValueStore<?, ?> open(Slot slot) {
        KeyValueStore<?, ?> store = check == Check.AGREES ? open.get(slot) : null;
        if (store != null && !store.isOpen()) {
            open.remove(slot, store);
            return null;
        }
        return store;
    }

    /** The partition of {@code key}, as Kafka's default partitioner computes it. */
    int partitionOf(String key) {
        return KeyPartitions.partitionOf(key, partitions);
    }

    /**
     * Compares, for every store, the partitions computed here with Kafka Streams' own for a few keys. Direct reads
     * start once at least one key of each store compared and none differed; on any difference (a topic's partition
     * count changed under the running application, or Kafka's partitioning did) they stop for good, and it is
     * logged. Keys no instance owns at the moment are not compared.
     *
     * @param owner Kafka Streams' answer for a store and key
     * @return whether direct reads are on
     */
    public synchronized boolean verify(BiFunction<String, String, KeyQueryMetadata> owner) {
        if (check == Check.DIFFERS) {
            return false;
        }
        boolean everyStoreCompared = true;
        for (String name : names) {
            boolean compared = false;
            for (String key : PROBES) {
                KeyQueryMetadata kafka = owner.apply(name, key);
                if (KeyQueryMetadata.NOT_AVAILABLE.equals(kafka)) {
                    continue;
                }
                if (kafka.partition() != partitionOf(key)) {
                    LOG.error("Kafka Streams places key {} of store {} in partition {}, where {} partitions give {}:"
                                    + " a topic's partition count changed while the application runs. Reads ask"
                                    + " Kafka Streams for every key from now on; restart once the topics are"
                                    + " co-partitioned again", key, name, kafka.partition(), partitions,
                            partitionOf(key));
                    check = Check.DIFFERS;
                    open.clear();
                    return false;
                }
                compared = true;
            }
            everyStoreCompared &= compared;
        }
        if (everyStoreCompared && check == Check.NOT_YET) {
            LOG.info("Partitions of {} agree with Kafka Streams': reads of the tasks active here go to their stores",
                    names);
            check = Check.AGREES;
        }
        return check == Check.AGREES;
    }
}

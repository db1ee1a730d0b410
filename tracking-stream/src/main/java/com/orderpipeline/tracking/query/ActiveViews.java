package com.orderpipeline.tracking.query;

import com.orderpipeline.schemas.avro.OrderTracking;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view stores of the partitions whose active task runs on this instance, as each partition's tracking
 * processor holds them from its init to its close: that is exactly while the task runs here as the active one
 * (a task that is restoring, a standby or one being moved away has no processor open). A lookup whose order is in
 * one of them reads it straight from there. Asking Kafka Streams instead, for the key's owner and then for the
 * partition's store, costs more than the read itself: it rebuilds its sets of tasks on every call. Every other
 * lookup (the order is owned elsewhere, or its partition is being moved) goes through Kafka Streams as before.
 *
 * <p>An order's partition is computed as Kafka's default partitioner computes it, which is how the order-ID
 * service's producer placed it and how Kafka Streams finds it: murmur2 of the key's UTF-8 bytes modulo the
 * partition count the input topics were checked with at start. {@link #verify} compares that with Kafka Streams'
 * own answer after every rebalance, and turns direct reads off for good if the two ever differ.
 */
public final class ActiveViews {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveViews.class);
    private static final List<String> PROBES = IntStream.range(0, 32).mapToObj(i -> "partition-probe-" + i).toList();

    private final int partitions;
    private final ConcurrentHashMap<Integer, Stores> open = new ConcurrentHashMap<>();
    private volatile boolean trusted = true;

    /** The view and answer stores of one partition's active task. */
    public record Stores(int partition, ReadOnlyKeyValueStore<String, OrderTracking> views,
                         ReadOnlyKeyValueStore<String, byte[]> answers) {
    }

    /** @param partitions the partition count of the topics the views are built from (orders.placed's) */
    public ActiveViews(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("A topic has at least one partition, not " + partitions);
        }
        this.partitions = partitions;
    }

    /** Called by the partition's processor once its task runs here as the active one. */
    public void opened(Stores stores) {
        open.put(stores.partition(), stores);
    }

    /** Called by the partition's processor when its task stops running here, and by a read that found them closed. */
    public void closed(Stores stores) {
        open.remove(stores.partition(), stores);
    }

    /** The active stores that hold {@code orderId} here, if its partition's active task runs on this instance. */
    public Optional<Stores> holding(String orderId) {
        return trusted ? Optional.ofNullable(open.get(partitionOf(orderId))) : Optional.empty();
    }

    /** The partition of {@code orderId}, as Kafka's default partitioner computes it. */
    int partitionOf(String orderId) {
        return Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Compares the partitions computed here with Kafka Streams' own for a few keys; on any difference (the input
     * topics' partition count changed under the running application, or Kafka's partitioning did) logs it and
     * reads through Kafka Streams from then on. Keys no instance owns at the moment are not compared.
     *
     * @param owner Kafka Streams' answer for a key
     * @return whether direct reads are still on
     */
    public boolean verify(Function<String, KeyQueryMetadata> owner) {
        for (String key : PROBES) {
            KeyQueryMetadata kafka = owner.apply(key);
            if (!KeyQueryMetadata.NOT_AVAILABLE.equals(kafka) && kafka.partition() != partitionOf(key)) {
                if (trusted) {
                    LOG.error("Kafka Streams places key {} in partition {}, where {} partitions give {}: the input topics'"
                                    + " partition count changed while the application runs. Lookups ask Kafka Streams"
                                    + " for every order from now on; restart once the topics are co-partitioned again",
                            key, kafka.partition(), partitions, partitionOf(key));
                }
                trusted = false;
                open.clear();
            }
        }
        return trusted;
    }
}

package com.orderpipeline.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class ActiveStoresTest {
    private static final HostInfo HERE = new HostInfo("here", 8083);
    private static final String VIEWS = TrackingTopology.VIEW_STORE;
    private static final String ANSWERS = TrackingTopology.VIEW_JSON_STORE;
    private static final List<String> ORDERS = IntStream.range(0, 500).mapToObj(Orders::physicalId).toList();

    private final ActiveStores active = agreeing(new ActiveStores(4, TrackingTopology.DIRECTLY_READ_STORES));
    private final String order = ORDERS.get(0);
    private final int partition = active.partitionOf(order);

    @Test
    void aKeyIsHeldHereOnlyWhileItsPartitionsTaskLendsTheStore() {
        String elsewhere = ORDERS.stream().filter(o -> active.partitionOf(o) != partition).findFirst().orElseThrow();
        KeyValueStore<String, OrderTracking> views = openStore(VIEWS);

        ActiveStores.Lease lease = active.lease(partition, Map.of(VIEWS, views));
        assertThat(active.holding(VIEWS, order)).as("leased, not yet lent: the task has not run").isEmpty();

        lease.start();

        assertThat(heldPartition(VIEWS, order)).hasValue(partition);
        assertThat(active.holding(ANSWERS, order)).as("a store the task did not lend").isEmpty();
        assertThat(active.holding(VIEWS, elsewhere)).isEmpty();
        ActiveStores.Lent held = active.holding(VIEWS, order).orElseThrow();
        assertThat(held.<String, OrderTracking>keyValue(VIEWS)).isSameAs(views);
        assertThatThrownBy(() -> held.keyValue(ANSWERS)).as("a store the task did not lend")
                .isInstanceOf(InvalidStateStoreException.class);

        lease.end();

        assertThat(active.holding(VIEWS, order)).isEmpty();
        assertThat(views.isOpen()).as("a task moved to a standby keeps its store open").isTrue();
        assertThatThrownBy(() -> held.keyValue(VIEWS)).as("read after the lease ended")
                .isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void aLeaseGivenBackLateByAnEarlierTaskLeavesItsSuccessorsStores() {
        KeyValueStore<String, OrderTracking> successor = openStore(VIEWS);
        ActiveStores.Lease earlier = lent(partition, Map.of(VIEWS, openStore(VIEWS)));
        lent(partition, Map.of(VIEWS, successor));

        earlier.end();

        assertThat(active.holding(VIEWS, order).orElseThrow().<String, OrderTracking>keyValue(VIEWS))
                .isSameAs(successor);
    }

    @Test
    void aStoreClosedWithoutItsLeaseGivenBackIsNeverReadAndForgotten() {
        KeyValueStore<String, OrderTracking> views = openStore(VIEWS);
        lent(partition, Map.of(VIEWS, views));
        ActiveStores.Lent held = active.holding(VIEWS, order).orElseThrow();

        views.close();

        assertThatThrownBy(() -> held.keyValue(VIEWS)).isInstanceOf(InvalidStateStoreException.class);
        assertThat(active.holding(VIEWS, order)).isEmpty();
    }

    @Test
    void aLookupInStoresThatClosedUnderItIsLeftToKafkaStreams() {
        KeyValueStore<String, OrderTracking> views = openStore(VIEWS);
        KeyValueStore<String, byte[]> answers = openStore(ANSWERS);
        lent(partition, Map.of(VIEWS, views, ANSWERS, answers));
        ActiveStores.Lent held = active.holding(ANSWERS, order).orElseThrow();

        assertThat(LocalViews.answer(held, order, "here:8083")).isInstanceOf(Lookup.NotFound.class);
        views.close();
        answers.close();

        assertThatThrownBy(() -> LocalViews.answer(held, order, "here:8083"))
                .isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> LocalViews.lookup(held, order, "here:8083", Optional.empty()))
                .isInstanceOf(InvalidStateStoreException.class);
    }

    @Test
    void aPartitioningThatDiffersFromKafkaStreamsTurnsDirectReadsOffForGood() {
        lent(partition, Map.of(VIEWS, openStore(VIEWS)));
        ActiveStores twelve = new ActiveStores(12, Set.of(VIEWS));

        boolean stillOn = active.verify((store, key) -> new KeyQueryMetadata(HERE, Set.of(), twelve.partitionOf(key)));

        assertThat(stillOn).isFalse();
        assertThat(active.holding(VIEWS, order)).isEmpty();
        lent(partition, Map.of(VIEWS, openStore(VIEWS)));
        assertThat(active.holding(VIEWS, order)).as("after the next rebalance").isEmpty();
    }

    @Test
    void directReadsStartOnlyOnceKafkaStreamsAgreedForEveryStore() {
        ActiveStores unchecked = new ActiveStores(4, Set.of(VIEWS, ANSWERS));
        unchecked.lease(partition, Map.of(VIEWS, openStore(VIEWS))).start();
        assertThat(unchecked.holding(VIEWS, order)).as("before any check").isEmpty();

        assertThat(unchecked.verify((store, key) -> KeyQueryMetadata.NOT_AVAILABLE)).as("nothing compared").isFalse();
        assertThat(unchecked.verify((store, key) -> store.equals(VIEWS) ? agreeing(unchecked, key)
                : KeyQueryMetadata.NOT_AVAILABLE)).as("one store compared of two").isFalse();
        assertThat(unchecked.holding(VIEWS, order)).isEmpty();

        assertThat(unchecked.verify((store, key) -> agreeing(unchecked, key))).isTrue();
        assertThat(unchecked.holding(VIEWS, order).map(ActiveStores.Lent::partition)).hasValue(partition);
        assertThat(unchecked.verify((store, key) -> KeyQueryMetadata.NOT_AVAILABLE)).as("a rebalance under way").isTrue();
        assertThat(unchecked.holding(VIEWS, order).map(ActiveStores.Lent::partition)).hasValue(partition);
    }

    @Test
    void aStoreNotNamedAtStartCannotBeLent() {
        assertThatThrownBy(() -> active.lease(partition, Map.of("tracking-parked-fulfillment", openStore(VIEWS))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartitionCountBelowOneIsRefused() {
        assertThatThrownBy(() -> new ActiveStores(0, Set.of(VIEWS))).isInstanceOf(IllegalArgumentException.class);
    }

    private Optional<Integer> heldPartition(String store, String key) {
        return active.holding(store, key).map(ActiveStores.Lent::partition);
    }

    /** Kafka Streams agreeing with {@code active} on {@code key}'s partition. */
    private static KeyQueryMetadata agreeing(ActiveStores active, String key) {
        return new KeyQueryMetadata(HERE, Set.of(), active.partitionOf(key));
    }

    private static ActiveStores agreeing(ActiveStores active) {
        active.verify((store, key) -> agreeing(active, key));
        return active;
    }

    /** The stores as a running task lends them. */
    private ActiveStores.Lease lent(int partition, Map<String, KeyValueStore<?, ?>> stores) {
        ActiveStores.Lease lease = active.lease(partition, stores);
        lease.start();
        return lease;
    }

    /** An open, empty in-memory store, as a task's processor holds one; its values are never read. */
    @SuppressWarnings("unchecked")
    private static <V> KeyValueStore<String, V> openStore(String name) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), (Serde<V>) Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}

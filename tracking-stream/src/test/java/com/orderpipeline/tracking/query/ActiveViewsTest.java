package com.orderpipeline.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.testing.Orders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

class ActiveViewsTest {
    private static final HostInfo HERE = new HostInfo("here", 8083);
    private static final List<String> ORDERS = IntStream.range(0, 500).mapToObj(Orders::physicalId).toList();

    @Test
    void placesEachOrderInThePartitionKafkasDefaultPartitionerGivesIt() {
        for (int partitions : List.of(1, 2, 3, 4, 6, 12, 50)) {
            ActiveViews active = new ActiveViews(partitions);
            for (String order : ORDERS) {
                assertThat(active.partitionOf(order)).as("%s of %d partitions", order, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(order.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void anOrderIsHeldHereOnlyWhileItsPartitionsStoresAreOpen() {
        ActiveViews active = new ActiveViews(4);
        String order = ORDERS.get(0);
        int partition = active.partitionOf(order);
        ActiveViews.Stores stores = stores(partition);
        String elsewhere = ORDERS.stream().filter(o -> active.partitionOf(o) != partition).findFirst().orElseThrow();

        active.opened(stores);

        assertThat(active.holding(order)).containsSame(stores);
        assertThat(active.holding(elsewhere)).isEmpty();

        active.closed(stores);

        assertThat(active.holding(order)).isEmpty();
    }

    @Test
    void storesClosedLateByAnEarlierTaskLeaveTheirSuccessorsOpen() {
        ActiveViews active = new ActiveViews(4);
        String order = ORDERS.get(0);
        ActiveViews.Stores earlier = stores(active.partitionOf(order));
        ActiveViews.Stores successor = stores(active.partitionOf(order));

        active.opened(earlier);
        active.opened(successor);
        active.closed(earlier);

        assertThat(active.holding(order)).containsSame(successor);
    }

    @Test
    void aPartitioningThatDiffersFromKafkaStreamsTurnsDirectReadsOffForGood() {
        ActiveViews active = new ActiveViews(4);
        String order = ORDERS.get(0);
        active.opened(stores(active.partitionOf(order)));
        ActiveViews twelve = new ActiveViews(12);

        boolean stillOn = active.verify(key -> new KeyQueryMetadata(HERE, Set.of(), twelve.partitionOf(key)));

        assertThat(stillOn).isFalse();
        assertThat(active.holding(order)).isEmpty();
        active.opened(stores(active.partitionOf(order)));
        assertThat(active.holding(order)).as("after the next rebalance").isEmpty();
    }

    @Test
    void thePartitioningStaysOnWhenKafkaStreamsAgreesOrOwnsNoKeyForTheMoment() {
        ActiveViews active = new ActiveViews(4);
        String order = ORDERS.get(0);
        ActiveViews.Stores stores = stores(active.partitionOf(order));
        active.opened(stores);

        assertThat(active.verify(key -> new KeyQueryMetadata(HERE, Set.of(), active.partitionOf(key)))).isTrue();
        assertThat(active.verify(key -> KeyQueryMetadata.NOT_AVAILABLE)).isTrue();
        assertThat(active.holding(order)).containsSame(stores);
    }

    @Test
    void aLookupInStoresThatClosedUnderItIsLeftToKafkaStreamsAndTheStoresForgotten() {
        ActiveViews active = new ActiveViews(4);
        String order = ORDERS.get(0);
        ActiveViews.Stores closing = new ActiveViews.Stores(active.partitionOf(order), new ClosedStore<>(),
                new ClosedStore<>());
        active.opened(closing);
        Instance here = new Instance(null, HERE);

        assertThat(LocalViews.answer(here, order, closing, active)).isEmpty();
        assertThat(LocalViews.lookup(here, order, closing, active)).isEmpty();
        assertThat(active.holding(order)).isEmpty();
    }

    @Test
    void aPartitionCountBelowOneIsRefused() {
        assertThatThrownBy(() -> new ActiveViews(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ActiveViews.Stores stores(int partition) {
        return new ActiveViews.Stores(partition, new ClosedStore<OrderTracking>(), new ClosedStore<byte[]>());
    }

    /** A store whose task closed it: every read fails as Kafka Streams' own do then. */
    private static final class ClosedStore<V> implements ReadOnlyKeyValueStore<String, V> {
        @Override
        public V get(String key) {
            throw new InvalidStateStoreException("Store is currently closed");
        }

        @Override
        public KeyValueIterator<String, V> range(String from, String to) {
            throw new InvalidStateStoreException("Store is currently closed");
        }

        @Override
        public KeyValueIterator<String, V> all() {
            throw new InvalidStateStoreException("Store is currently closed");
        }

        @Override
        public long approximateNumEntries() {
            throw new InvalidStateStoreException("Store is currently closed");
        }
    }
}

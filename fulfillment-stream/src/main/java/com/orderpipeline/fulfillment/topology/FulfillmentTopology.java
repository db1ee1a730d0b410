package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.fulfillment.state.ParkedScans;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The fulfillment topology: {@code orders.placed}, {@code fulfillment.scans} and {@code orders.requests}
 * (co-partitioned, keyed by order ID) into one state machine ({@link FulfillmentProcessor}) that owns the
 * {@value #ORDERS_STORE} and {@value #PARKED_SCANS_STORE} stores and writes {@code orders.fulfillment},
 * {@code fulfillment.rejected} and {@code orders.requests.rejected}.
 * Records that cannot be read or processed go to the dead-letter topic through Kafka Streams' exception
 * handlers, configured with the app, not here.
 */
public final class FulfillmentTopology {
    /** Per order: its status, sequence, warehouse, shipment and the scanIds already decided. */
    public static final String ORDERS_STORE = "fulfillment-orders";
    /** Per order: the scans that came before the order or before the step they follow. */
    public static final String PARKED_SCANS_STORE = "fulfillment-parked-scans";

    static final String ORDERS_SOURCE = "orders-placed-source";
    static final String SCANS_SOURCE = "fulfillment-scans-source";
    static final String REQUESTS_SOURCE = "orders-requests-source";
    static final String STATE_MACHINE = "fulfillment-state-machine";
    static final String EVENTS_SINK = "orders-fulfillment-sink";
    static final String REJECTIONS_SINK = "fulfillment-rejected-sink";
    static final String REQUESTS_REJECTED_SINK = "orders-requests-rejected-sink";

    private FulfillmentTopology() {
    }

    public static Topology build(FulfillmentSettings settings, TopicCatalog topics, StoreSerdes storeSerdes,
                                 FulfillmentListener listener) {
        Topology topology = new Topology();
        addSource(topology, ORDERS_SOURCE, topics.ordersPlaced());
        addSource(topology, SCANS_SOURCE, topics.fulfillmentScans());
        addSource(topology, REQUESTS_SOURCE, topics.ordersRequests());
        topology.addProcessor(STATE_MACHINE, new StateMachineSupplier(settings, storeSerdes, listener,
                topics.ordersPlaced().keySerde()), ORDERS_SOURCE, SCANS_SOURCE, REQUESTS_SOURCE);
        addSink(topology, EVENTS_SINK, topics.ordersFulfillment());
        addSink(topology, REJECTIONS_SINK, topics.fulfillmentRejected());
        addSink(topology, REQUESTS_REJECTED_SINK, topics.ordersRequestsRejected());
        return topology;
    }

    private static void addSource(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    private static void addSink(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(),
                STATE_MACHINE);
    }

    /** Makes the state machine's processors and declares the stores they own. */
    private record StateMachineSupplier(FulfillmentSettings settings, StoreSerdes storeSerdes,
                                        FulfillmentListener listener, Serde<String> keys)
            implements ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> {

        @Override
        public Processor<String, SpecificRecord, String, SpecificRecord> get() {
            return new FulfillmentProcessor(settings, listener);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // No record cache for the orders. A cache merges the writes of one key within a commit interval; an
            // order's steps are minutes apart, so the only writes it would merge are those of one input record that
            // also releases parked scans (rare), while its bookkeeping costs on every record (the load run in
            // docs/fulfillment.md measures it). Parked scans come and go within moments: cached.
            StoreBuilder<KeyValueStore<String, OrderState>> orders = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(ORDERS_STORE), keys, storeSerdes.orders()).withCachingDisabled();
            StoreBuilder<KeyValueStore<String, ParkedScans>> parked = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(PARKED_SCANS_STORE), keys, storeSerdes.parkedScans())
                    .withCachingEnabled();
            return Set.of(orders, parked);
        }
    }
}

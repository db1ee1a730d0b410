package com.orderpipeline.returns.topology;

import com.orderpipeline.returns.state.OrderReturns;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The returns topology: {@code orders.placed}, {@code orders.fulfillment}, {@code returns.requests} and
 * {@code returns.scans} (co-partitioned, keyed by order ID) into one processor ({@link ReturnsProcessor}) that
 * owns the {@value #ORDERS_STORE} and {@value #SHIP_BY_STORE} stores and writes {@code orders.returns},
 * {@code payments.refunds} and {@code returns.rejected}. Records that cannot be read or processed go to the
 * dead-letter topic through Kafka Streams' exception handlers, configured with the app, not here.
 */
public final class ReturnsTopology {
    /** Per order: what it holds, where it stands, its returns and the IDs already decided. */
    public static final String ORDERS_STORE = "returns-orders";
    /** Per authorized return not yet shipped back, keyed by the time it must be shipped back by: its returnId. */
    public static final String SHIP_BY_STORE = "returns-ship-by";

    static final String ORDERS_SOURCE = "orders-placed-source";
    static final String FULFILLMENT_SOURCE = "orders-fulfillment-source";
    static final String REQUESTS_SOURCE = "returns-requests-source";
    static final String SCANS_SOURCE = "returns-scans-source";
    static final String PROCESSOR = "returns-processor";
    static final String EVENTS_SINK = "orders-returns-sink";
    static final String REFUNDS_SINK = "payments-refunds-sink";
    static final String REJECTIONS_SINK = "returns-rejected-sink";

    private ReturnsTopology() {
    }

    public static Topology build(ReturnsSettings settings, TopicCatalog topics, StoreSerdes storeSerdes,
                                 ReturnsListener listener) {
        Topology topology = new Topology();
        addSource(topology, ORDERS_SOURCE, topics.ordersPlaced());
        addSource(topology, FULFILLMENT_SOURCE, topics.ordersFulfillment());
        addSource(topology, REQUESTS_SOURCE, topics.returnsRequests());
        addSource(topology, SCANS_SOURCE, topics.returnsScans());
        topology.addProcessor(PROCESSOR, new ProcessorMaker(settings, storeSerdes, listener, topics.ordersPlaced().keySerde()),
                ORDERS_SOURCE, FULFILLMENT_SOURCE, REQUESTS_SOURCE, SCANS_SOURCE);
        addSink(topology, EVENTS_SINK, topics.ordersReturns());
        addSink(topology, REFUNDS_SINK, topics.paymentsRefunds());
        addSink(topology, REJECTIONS_SINK, topics.returnsRejected());
        return topology;
    }

    private static void addSource(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    private static void addSink(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), PROCESSOR);
    }

    /** Makes the processors and declares the stores they own. */
    private record ProcessorMaker(ReturnsSettings settings, StoreSerdes storeSerdes, ReturnsListener listener,
                                  Serde<String> keys)
            implements ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> {

        @Override
        public Processor<String, SpecificRecord, String, SpecificRecord> get() {
            return new ReturnsProcessor(settings, listener);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // No record cache for the orders: most input records (every fulfillment event) write one order once,
            // which a cache cannot merge and only costs bookkeeping. Nor for the ship-by deadlines: each is written
            // at the authorization and deleted at the shipment days later, never twice within a commit interval,
            // and a cache would only add its flush to every commit and its merge to every punctuator's scan.
            StoreBuilder<KeyValueStore<String, OrderReturns>> orders = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(ORDERS_STORE), keys, storeSerdes.orders()).withCachingDisabled();
            StoreBuilder<KeyValueStore<String, String>> shipBy = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(SHIP_BY_STORE), keys, Serdes.String()).withCachingDisabled();
            return Set.of(orders, shipBy);
        }
    }
}

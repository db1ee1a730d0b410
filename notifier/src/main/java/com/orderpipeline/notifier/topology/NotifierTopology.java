package com.orderpipeline.notifier.topology;

import com.orderpipeline.notifier.avro.NotifiedOrder;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The notifier's topology: {@code orders.placed}, {@code orders.fulfillment}, {@code carrier.events},
 * {@code orders.returns} and {@code payments.refunds} (co-partitioned, keyed by order ID) into one processor
 * ({@link MailDecider}) that owns the {@value #ORDERS_STORE} store and writes each mail it decides, rendered, to
 * the outbox topic ({@code notifier.outbox}), exactly once per event. Nothing here sends mail: the sender drains
 * the outbox on a thread of its own.
 */
public final class NotifierTopology {
    /** Per order: what its mails need from it, the mails already decided, the events that came before it. */
    public static final String ORDERS_STORE = "notifier-orders";

    static final String PROCESSOR = "mail-decider";
    static final String OUTBOX_SINK = "notifier-outbox-sink";

    private NotifierTopology() {
    }

    public static Topology build(NotifierSettings settings, TopicCatalog topics, StoreSerdes serdes,
                                 MailListener listener) {
        Topology topology = new Topology();
        addSource(topology, "orders-placed-source", topics.ordersPlaced());
        addSource(topology, "orders-fulfillment-source", topics.ordersFulfillment());
        addSource(topology, "carrier-events-source", topics.carrierEvents());
        addSource(topology, "orders-returns-source", topics.ordersReturns());
        addSource(topology, "payments-refunds-source", topics.paymentsRefunds());
        topology.addProcessor(PROCESSOR, new DeciderMaker(settings, serdes, listener), "orders-placed-source",
                "orders-fulfillment-source", "carrier-events-source", "orders-returns-source", "payments-refunds-source");
        topology.addSink(OUTBOX_SINK, settings.outboxTopic(), Serdes.String().serializer(), serdes.mails().serializer(),
                PROCESSOR);
        return topology;
    }

    private static void addSource(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    /** Makes the decider and declares the store it owns. */
    private record DeciderMaker(NotifierSettings settings, StoreSerdes serdes, MailListener listener)
            implements ProcessorSupplier<String, SpecificRecord, String, OutgoingMail> {

        @Override
        public Processor<String, SpecificRecord, String, OutgoingMail> get() {
            return new MailDecider(settings, listener);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // No record cache: each event reads and writes its order once, which a cache cannot merge.
            StoreBuilder<KeyValueStore<String, NotifiedOrder>> orders = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(ORDERS_STORE), Serdes.String(), serdes.orders()).withCachingDisabled();
            return Set.of(orders);
        }
    }
}

package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.CustomerOrder;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.tracking.customers.CustomerIndex;
import com.orderpipeline.tracking.customers.CustomerOrderBuilder;
import com.orderpipeline.tracking.customers.CustomerOrderKeys;
import com.orderpipeline.tracking.customers.CustomerOrdersJson;
import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.query.AnswerJson;
import com.orderpipeline.tracking.query.StoredAnswers;
import com.orderpipeline.tracking.support.SupportHistory;
import com.orderpipeline.tracking.support.SupportRecord;
import com.orderpipeline.tracking.support.SupportRecords;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracking view as a pure function of its inputs: reads {@code orders.placed}, {@code orders.fulfillment},
 * {@code orders.returns}, {@code payments.refunds} and {@code carrier.events} (co-partitioned, keyed by order ID), keeps one {@link OrderTracking} per order in {@link #VIEW_STORE} (and its answer's JSON in
 * {@link #VIEW_JSON_STORE}) and writes
 * every new version of it to the compacted {@code orders.tracking}. The stores are described on
 * {@link TrackingProcessor}. Each new version also becomes an entry of its customer's order list
 * ({@link CustomerOrderBuilder}), repartitioned by customer ID through {@value #CUSTOMER_REPARTITION} to the
 * {@link CustomerIndex} and its {@link #CUSTOMER_ORDERS_STORE}. For support, {@link SupportHistory} keeps the
 * order's events, refunds and the rejections of {@code fulfillment.rejected}, {@code orders.requests.rejected} and
 * {@code returns.rejected} (co-partitioned too) in {@link #SUPPORT_HISTORY_STORE}, beside the view.
 */
public final class TrackingTopology {
    /** Order ID to its tracking view; queried by the HTTP API. */
    public static final String VIEW_STORE = "tracking-view";
    /**
     * Order ID to its view as {@code GET /orders/{id}} answers it, rendered when the view changes
     * ({@link StoredAnswers}); queried by the HTTP API, which falls back to {@link #VIEW_STORE} for a value it cannot use.
     */
    public static final String VIEW_JSON_STORE = "tracking-view-json";
    /** Fulfillment events waiting for their order. */
    public static final String PARKED_STORE = "tracking-parked-fulfillment";
    /** Return events waiting for their order. */
    public static final String PARKED_RETURNS_STORE = "tracking-parked-returns";
    /** Refunds waiting for their order. */
    public static final String PARKED_REFUNDS_STORE = "tracking-parked-refunds";
    /** Carrier events waiting for their order. */
    public static final String PARKED_CARRIER_STORE = "tracking-parked-carrier";
    /** Order ID to the order's total in minor units, for the payment status. */
    public static final String TOTALS_STORE = "tracking-order-totals";
    /** Undelivered orders by promised day, for the late check. */
    public static final String DEADLINE_STORE = "tracking-deadlines";
    /** Order ID to the order as placed: personal data (address, payment), kept apart from the public view. */
    public static final String DETAILS_STORE = "tracking-order-details";
    /** The customers' order lists, keyed by {@link CustomerOrderKeys}; queried by Your Orders and support. */
    public static final String CUSTOMER_ORDERS_STORE = "tracking-customer-orders";
    /** Order ID and record to what support reads beyond the view: events, rejections, refunds (see {@link SupportHistory}). */
    public static final String SUPPORT_HISTORY_STORE = "tracking-support-history";
    /** The most rejected scans and requests the support history keeps per order; the oldest beyond it are dropped. */
    public static final int MAX_REJECTIONS_PER_ORDER = 100;
    /** The repartition of order-list entries by customer ID: {@code <application.id>-customer-orders-repartition}. */
    public static final String CUSTOMER_REPARTITION = "customer-orders";
    /** The stores the HTTP API reads, lent by their tasks' processors to {@link ActiveStores} while the tasks run. */
    public static final Set<String> DIRECTLY_READ_STORES = Set.of(VIEW_STORE, VIEW_JSON_STORE, DETAILS_STORE,
            CUSTOMER_ORDERS_STORE, SUPPORT_HISTORY_STORE);

    /**
     * @param lateCheckInterval how often (wall clock) overdue orders are flagged late
     * @param parkedRetention   how long a fulfillment event, return event or refund waits for its order before it is
     *                          dropped
     * @param maxOrdersPerCustomer the most orders a customer's list keeps; the oldest beyond it are dropped
     */
    public record Settings(Duration lateCheckInterval, Duration parkedRetention, int maxOrdersPerCustomer) {
        public static final int DEFAULT_MAX_ORDERS_PER_CUSTOMER = 200;
    }

    private TrackingTopology() {
    }

    /**
     * @param customerOrders the serde of the customers' order-list entries, on the repartition topic and in the store
     * @param listener       told of every new version of a view (long polls are answered from it)
     * @param active         lent the {@link #DIRECTLY_READ_STORES} of each task by its processors while it runs,
     *                       for reads to use directly
     */
    public static Topology build(Settings settings, TopicCatalog topics, Serde<CustomerOrder> customerOrders,
                                 ViewListener listener, ActiveStores active) {
        StreamsBuilder builder = new StreamsBuilder();
        Topic<String, OrderTracking> trackingTopic = topics.ordersTracking();
        SupportRecords records = new SupportRecords(Json.mapper());
        KStream<String, FulfillmentEvent> steps = source(builder, topics.ordersFulfillment(), "orders-fulfillment");
        KStream<String, ReturnEvent> returnEvents = source(builder, topics.ordersReturns(), "orders-returns");
        KStream<String, RefundIssued> refundsIssued = source(builder, topics.paymentsRefunds(), "payments-refunds");

        KStream<String, OrderTracking> views = source(builder, topics.ordersPlaced(), "orders-placed")
                .<TrackingInput>mapValues(TrackingInput.Placed::new, Named.as("as-placed-input"))
                .merge(steps.<TrackingInput>mapValues(TrackingInput.Fulfilled::new, Named.as("as-fulfillment-input")),
                        Named.as("tracking-inputs"))
                .merge(returnEvents.<TrackingInput>mapValues(TrackingInput.Returned::new, Named.as("as-return-input")),
                        Named.as("tracking-inputs-with-returns"))
                .merge(refundsIssued.<TrackingInput>mapValues(TrackingInput.Refunded::new, Named.as("as-refund-input")),
                        Named.as("tracking-inputs-with-refunds"))
                .merge(source(builder, topics.carrierEvents(), "carrier-events")
                        .<TrackingInput>mapValues(TrackingInput.Carried::new, Named.as("as-carrier-input")),
                        Named.as("tracking-inputs-with-carrier-events"))
                .process(new ViewProcessorSupplier(settings, topics, listener, active), Named.as("tracking-view-builder"));
        views.to(trackingTopic.name(), Produced.with(trackingTopic.keySerde(), trackingTopic.valueSerde())
                .withName("orders-tracking-sink"));
        views.process(CustomerOrderBuilder::new, Named.as("customer-order-builder"), DETAILS_STORE)
                .repartition(Repartitioned.with(Serdes.String(), customerOrders).withName(CUSTOMER_REPARTITION))
                .process(new CustomerIndexSupplier(settings.maxOrdersPerCustomer(), active), Named.as("customer-index"));

        steps.mapValues(records::fulfillment, Named.as("support-step-record"))
                .merge(returnEvents.mapValues(records::returned, Named.as("support-return-record")),
                        Named.as("support-records-with-returns"))
                .merge(refundsIssued.mapValues(records::refund, Named.as("support-refund-record")),
                        Named.as("support-records-with-refunds"))
                .merge(source(builder, topics.fulfillmentRejected(), "fulfillment-rejected")
                        .mapValues(records::rejected, Named.as("support-scan-rejection-record")),
                        Named.as("support-records-with-scan-rejections"))
                .merge(source(builder, topics.ordersRequestsRejected(), "orders-requests-rejected")
                        .mapValues(records::rejected, Named.as("support-request-rejection-record")),
                        Named.as("support-records-with-request-rejections"))
                .merge(source(builder, topics.returnsRejected(), "returns-rejected")
                        .mapValues(records::rejected, Named.as("support-return-scan-rejection-record")),
                        Named.as("support-records-with-return-scan-rejections"))
                .process(new SupportHistorySupplier(active), Named.as("support-history"));
        return builder.build();
    }

    /**
     * The serde of the customers' order-list entries: Avro in the Confluent wire format like the topics', so the
     * repartition topic and the store's changelog evolve safely and any Confluent deserializer reads them.
     */
    public static Serde<CustomerOrder> customerOrderSerde(SchemaRegistryClient registry, AvroSerdeConfig config) {
        return AvroSerde.forValues(CustomerOrder.class, registry, config);
    }

    /** One input topic; {@code name} names its source node. */
    private static <V> KStream<String, V> source(StreamsBuilder builder, Topic<String, V> topic, String name) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name + "-source"));
    }

    /** Creates one processor per task and declares the stores it owns, so Streams connects them. */
    private record ViewProcessorSupplier(Settings settings, TopicCatalog topics, ViewListener listener,
                                         ActiveStores active)
            implements ProcessorSupplier<String, TrackingInput, String, OrderTracking> {

        @Override
        public Processor<String, TrackingInput, String, OrderTracking> get() {
            return new TrackingProcessor(settings, listener, new StoredAnswers(new AnswerJson(Json.mapper())), active);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VIEW_STORE), Serdes.String(),
                            topics.ordersTracking().valueSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VIEW_JSON_STORE), Serdes.String(),
                            Serdes.ByteArray()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED_STORE), Serdes.String(),
                            topics.ordersFulfillment().valueSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED_RETURNS_STORE), Serdes.String(),
                            topics.ordersReturns().valueSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED_REFUNDS_STORE), Serdes.String(),
                            topics.paymentsRefunds().valueSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED_CARRIER_STORE), Serdes.String(),
                            topics.carrierEvents().valueSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOTALS_STORE), Serdes.String(),
                            Serdes.Long()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINE_STORE), Serdes.String(),
                            Serdes.String()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DETAILS_STORE), Serdes.String(),
                            topics.ordersPlaced().valueSerde()));
        }
    }

    /** The support history of each task, and its store. */
    private record SupportHistorySupplier(ActiveStores active) implements ProcessorSupplier<String, SupportRecord, Void, Void> {

        @Override
        public Processor<String, SupportRecord, Void, Void> get() {
            return new SupportHistory(MAX_REJECTIONS_PER_ORDER, active);
        }

        /** The records as the JSON the support view is made of: internal, evolved by adding members. */
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUPPORT_HISTORY_STORE),
                    Serdes.String(), Serdes.String()));
        }
    }

    /** The customer index of each task of the repartitioned order lists, and its store. */
    private record CustomerIndexSupplier(int maxPerCustomer, ActiveStores active)
            implements ProcessorSupplier<String, CustomerOrder, Void, Void> {

        @Override
        public Processor<String, CustomerOrder, Void, Void> get() {
            return new CustomerIndex(maxPerCustomer, new CustomerOrdersJson(Json.mapper()), active);
        }

        /** The entries as the JSON they are answered in: internal, evolved by adding members, read by no one else. */
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMER_ORDERS_STORE),
                    Serdes.String(), Serdes.String()));
        }
    }
}

package com.orderpipeline.tracking.topology;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracking view as a pure function of its inputs: reads {@code orders.placed} and {@code orders.fulfillment}
 * (co-partitioned, keyed by order ID), keeps one {@link OrderTracking} per order in {@link #VIEW_STORE} and writes
 * every new version of it to the compacted {@code orders.tracking}. The stores are described on
 * {@link TrackingProcessor}.
 */
public final class TrackingTopology {
    /** Order ID to its tracking view; queried by the HTTP API. */
    public static final String VIEW_STORE = "tracking-view";
    /** Fulfillment events waiting for their order. */
    public static final String PARKED_STORE = "tracking-parked-fulfillment";
    /** Undelivered orders by promised day, for the late check. */
    public static final String DEADLINE_STORE = "tracking-deadlines";

    /**
     * @param lateCheckInterval how often (wall clock) overdue orders are flagged late
     * @param parkedRetention   how long a fulfillment event waits for its order before it is dropped
     */
    public record Settings(Duration lateCheckInterval, Duration parkedRetention) {
    }

    private TrackingTopology() {
    }

    /**
     * @param listener told of every new version of a view (long polls are answered from it)
     */
    public static Topology build(Settings settings, TopicCatalog topics, ViewListener listener) {
        StreamsBuilder builder = new StreamsBuilder();
        Topic<String, OrderPlaced> placedTopic = topics.ordersPlaced();
        Topic<String, FulfillmentEvent> fulfillmentTopic = topics.ordersFulfillment();
        Topic<String, OrderTracking> trackingTopic = topics.ordersTracking();

        KStream<String, TrackingInput> placed = builder
                .stream(placedTopic.name(), Consumed.with(placedTopic.keySerde(), placedTopic.valueSerde())
                        .withName("orders-placed-source"))
                .mapValues(order -> (TrackingInput) new TrackingInput.Placed(order), Named.as("as-placed-input"));
        KStream<String, TrackingInput> fulfillment = builder
                .stream(fulfillmentTopic.name(), Consumed.with(fulfillmentTopic.keySerde(), fulfillmentTopic.valueSerde())
                        .withName("orders-fulfillment-source"))
                .mapValues(event -> (TrackingInput) new TrackingInput.Fulfilled(event), Named.as("as-fulfillment-input"));

        placed.merge(fulfillment, Named.as("tracking-inputs"))
                .process(new ViewProcessorSupplier(settings, topics, listener), Named.as("tracking-view-builder"))
                .to(trackingTopic.name(), Produced.with(trackingTopic.keySerde(), trackingTopic.valueSerde())
                        .withName("orders-tracking-sink"));
        return builder.build();
    }

    /** Creates one processor per task and declares the stores it owns, so Streams connects them. */
    private record ViewProcessorSupplier(Settings settings, TopicCatalog topics, ViewListener listener)
            implements ProcessorSupplier<String, TrackingInput, String, OrderTracking> {

        @Override
        public Processor<String, TrackingInput, String, OrderTracking> get() {
            return new TrackingProcessor(settings, listener);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VIEW_STORE), Serdes.String(),
                            topics.ordersTracking().valueSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARKED_STORE), Serdes.String(),
                            topics.ordersFulfillment().valueSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEADLINE_STORE), Serdes.String(),
                            Serdes.String()));
        }
    }
}

package com.orderpipeline.tracking.testing;

import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RequestRejected;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.topology.TrackingTopology;
import com.orderpipeline.tracking.topology.ViewListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tracking topology on a TopologyTestDriver, with an input for each topic it reads and the output
 * {@code orders.tracking}, on the tests' shared in-memory registry: the one setup of the topology tests.
 */
public final class TrackingDriver implements AutoCloseable {
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, OrderPlaced> placed;
    public final TestInputTopic<String, FulfillmentEvent> fulfillment;
    public final TestInputTopic<String, ReturnEvent> returns;
    public final TestInputTopic<String, RefundIssued> refunds;
    public final TestInputTopic<String, ScanRejected> rejectedScans;
    public final TestInputTopic<String, RequestRejected> rejectedRequests;
    public final TestInputTopic<String, ReturnScanRejected> rejectedReturnScans;
    public final TestInputTopic<String, CarrierEvent> carrierEvents;
    public final TestOutputTopic<String, OrderTracking> tracking;
    /** The stores the driver's tasks lent, as the HTTP API reads them directly. */
    public final ActiveStores active = new ActiveStores(1, TrackingTopology.DIRECTLY_READ_STORES);

    /**
     * @param name     names the application and the topics, so the schemas of one test do not meet another's
     * @param start    the driver's wall clock and stream time at start
     * @param listener told of every new version of a view
     */
    public TrackingDriver(String name, Path stateDir, TrackingTopology.Settings settings, Instant start,
                          ViewListener listener) {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(InMemoryRegistry.shared().url()));
        TopicCatalog topics = TopicCatalog.create(TestTopics.named(name), client, AvroSerdeConfig.defaults());
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracking-" + name);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TrackingTopology.build(settings, topics,
                TrackingTopology.customerOrderSerde(client, AvroSerdeConfig.defaults()), listener, active), properties,
                start);
        // one partition: every key is in partition 0, as Kafka Streams would agree
        active.verify((store, key) -> new KeyQueryMetadata(new HostInfo("driver", 0), Set.of(), 0));
        placed = input(topics.ordersPlaced());
        fulfillment = input(topics.ordersFulfillment());
        returns = input(topics.ordersReturns());
        refunds = input(topics.paymentsRefunds());
        rejectedScans = input(topics.fulfillmentRejected());
        rejectedRequests = input(topics.ordersRequestsRejected());
        rejectedReturnScans = input(topics.returnsRejected());
        carrierEvents = input(topics.carrierEvents());
        tracking = driver.createOutputTopic(topics.ordersTracking().name(),
                topics.ordersTracking().keySerde().deserializer(), topics.ordersTracking().valueSerde().deserializer());
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}

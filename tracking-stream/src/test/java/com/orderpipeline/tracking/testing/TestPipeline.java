package com.orderpipeline.tracking.testing;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.http.access.ApiTokens;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.kafka.TopicAdmin;
import com.orderpipeline.runtime.kafka.TopicSpec;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.ids.OrderIdRules;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import com.orderpipeline.tracking.desk.DeskSettings;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the upstream services would do, on the shared embedded broker: the input topics of a test's own, and
 * producers that write orders, fulfillment steps, return events and refunds to them. Plus configurations of tracking-stream instances
 * reading them, on free ports.
 */
public final class TestPipeline implements AutoCloseable {
    private final String suffix;
    private final TopicCatalog topics;
    private final KafkaProducer<String, OrderPlaced> orders;
    private final KafkaProducer<String, FulfillmentEvent> steps;
    private final KafkaProducer<String, ReturnEvent> returns;
    private final KafkaProducer<String, RefundIssued> refunds;
    private final KafkaProducer<String, ScanRejected> rejectedScans;
    private final KafkaProducer<String, CarrierEvent> carrierEvents;

    public TestPipeline(String suffix, int partitions) {
        this.suffix = suffix;
        TopicNames names = TestTopics.named(suffix);
        topics = TopicCatalog.create(names, new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl())),
                AvroSerdeConfig.defaults());
        try (TopicAdmin admin = new TopicAdmin(KafkaSettings.of(SharedKafka.bootstrapServers()))) {
            admin.ensureTopics(List.of(TopicSpec.of(names.ordersPlaced()).withPartitions(partitions),
                    TopicSpec.of(names.ordersFulfillment()).withPartitions(partitions),
                    TopicSpec.of(names.ordersReturns()).withPartitions(partitions),
                    TopicSpec.of(names.paymentsRefunds()).withPartitions(partitions),
                    TopicSpec.of(names.fulfillmentRejected()).withPartitions(partitions),
                    TopicSpec.of(names.ordersRequestsRejected()).withPartitions(partitions),
                    TopicSpec.of(names.returnsRejected()).withPartitions(partitions),
                    TopicSpec.of(names.carrierEvents()).withPartitions(partitions)));
        }
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
        orders = new KafkaProducer<>(producer, topics.ordersPlaced().keySerde().serializer(),
                topics.ordersPlaced().valueSerde().serializer());
        steps = new KafkaProducer<>(producer, topics.ordersFulfillment().keySerde().serializer(),
                topics.ordersFulfillment().valueSerde().serializer());
        returns = new KafkaProducer<>(producer, topics.ordersReturns().keySerde().serializer(),
                topics.ordersReturns().valueSerde().serializer());
        refunds = new KafkaProducer<>(producer, topics.paymentsRefunds().keySerde().serializer(),
                topics.paymentsRefunds().valueSerde().serializer());
        rejectedScans = new KafkaProducer<>(producer, topics.fulfillmentRejected().keySerde().serializer(),
                topics.fulfillmentRejected().valueSerde().serializer());
        carrierEvents = new KafkaProducer<>(producer, topics.carrierEvents().keySerde().serializer(),
                topics.carrierEvents().valueSerde().serializer());
    }

    public TopicCatalog topics() {
        return topics;
    }

    /** Writes the order and waits for the broker's acknowledgement; so do the methods below. */
    public void place(OrderPlaced order) {
        send(orders, topics.ordersPlaced(), order.getOrderId(), order.getPlacedAt(), order);
    }

    public void advance(FulfillmentEvent event) {
        send(steps, topics.ordersFulfillment(), event.getOrderId(), event.getOccurredAt(), event);
    }

    public void returned(ReturnEvent event) {
        send(returns, topics.ordersReturns(), event.getOrderId(), event.getOccurredAt(), event);
    }

    public void refunded(RefundIssued refund) {
        send(refunds, topics.paymentsRefunds(), refund.getOrderId(), refund.getIssuedAt(), refund);
    }

    public void rejected(ScanRejected rejection) {
        send(rejectedScans, topics.fulfillmentRejected(), rejection.getScan().getOrderId(), rejection.getRejectedAt(),
                rejection);
    }

    public void carried(CarrierEvent event) {
        send(carrierEvents, topics.carrierEvents(), event.getOrderId(), event.getOccurredAt(), event);
    }

    /** An instance reading this pipeline's topics: HTTP on a free port, state in {@code stateDir}. */
    public TrackingStreamConfig config(String applicationId, Path stateDir, int standbys) {
        return config(applicationId, stateDir, standbys, Duration.ofSeconds(60));
    }

    /** A started instance of {@code applicationId} with access control by these tokens ({@code role:token,...}). */
    public TrackingStreamApp start(String applicationId, Path stateDir, String apiTokens) {
        AccessSettings access = AccessSettings.tokens(ApiTokens.parse("API_TOKENS", apiTokens));
        return TrackingStreamApp.start(config(applicationId, stateDir, 0).withAccess(access), Clock.systemUTC());
    }

    /** The same, with long polls cut to {@code maxLongPoll}. */
    public TrackingStreamConfig config(String applicationId, Path stateDir, int standbys, Duration maxLongPoll) {
        StreamsSettings streams = new StreamsSettings(applicationId + "-" + suffix, stateDir, Duration.ofMillis(100),
                standbys, 0, Optional.empty());
        return new TrackingStreamConfig("localhost", 0, 64 * 1024, KafkaSettings.of(SharedKafka.bootstrapServers()),
                SharedKafka.registryUrl(), TestTopics.named(suffix), streams, OrderIdRules.of("114"),
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), Duration.ofSeconds(30),
                maxLongPoll, Duration.ofMillis(300), Duration.ofSeconds(2), AccessSettings.disabled(),
                DeskSettings.defaults(), TrackingStreamConfig.Live.DEFAULTS);
    }

    /** Keyed by order ID and stamped with the event's own time, as the upstream services write them. */
    private static <V> void send(KafkaProducer<String, V> producer, Topic<String, V> topic, String orderId, Instant at,
                                 V value) {
        ProducerRecord<String, V> record = new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), orderId, value);
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not write to " + record.topic(), e.getCause());
        }
    }

    @Override
    public void close() {
        orders.close(Duration.ofSeconds(5));
        steps.close(Duration.ofSeconds(5));
        returns.close(Duration.ofSeconds(5));
        refunds.close(Duration.ofSeconds(5));
        rejectedScans.close(Duration.ofSeconds(5));
        carrierEvents.close(Duration.ofSeconds(5));
    }
}

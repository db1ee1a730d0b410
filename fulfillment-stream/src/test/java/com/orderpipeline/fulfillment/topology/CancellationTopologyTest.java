package com.orderpipeline.fulfillment.topology;

import static com.orderpipeline.fulfillment.Orders.digital;
import static com.orderpipeline.fulfillment.Orders.digitalId;
import static com.orderpipeline.fulfillment.Orders.physical;
import static com.orderpipeline.fulfillment.Orders.physicalId;
import static com.orderpipeline.fulfillment.Orders.scan;
import static com.orderpipeline.schemas.avro.ScanType.DELIVERED;
import static com.orderpipeline.schemas.avro.ScanType.PACKED;
import static com.orderpipeline.schemas.avro.ScanType.PICKED;
import static com.orderpipeline.schemas.avro.ScanType.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.fulfillment.Orders;
import com.orderpipeline.fulfillment.metrics.FulfillmentMetrics;
import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.Cancellation;
import com.orderpipeline.schemas.avro.CancellationReason;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RejectionReason;
import com.orderpipeline.schemas.avro.RequestRejected;
import com.orderpipeline.schemas.avro.RequestRejectionReason;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancellation requests on TopologyTestDriver: decided by the same table as the scans, each outcome asserted in
 * full, then that nothing else came out.
 */
@ExtendWith(SharedKafka.class)
class CancellationTopologyTest {
    private static final TopicNames TOPICS = Orders.topics("cancellation-test");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String SEATTLE = "SEA-1";
    private static final Cancellation BY_CUSTOMER = new Cancellation(CancellationReason.CUSTOMER_REQUEST, RequestedBy.CUSTOMER);

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderPlaced> placed;
    private TestInputTopic<String, WarehouseScan> scans;
    private TestInputTopic<String, CancellationRequested> requests;
    private TestOutputTopic<String, FulfillmentEvent> events;
    private TestOutputTopic<String, ScanRejected> scanRejections;
    private TestOutputTopic<String, RequestRejected> requestRejections;

    @BeforeEach
    void startDriver() {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(TOPICS, registry, AvroSerdeConfig.defaults());
        Properties properties = new StreamsSettings("cancellation-topology-test", stateDir, Duration.ofMillis(100), 0,
                1024 * 1024, Optional.empty()).properties(KafkaSettings.of("localhost:9"), TOPICS.deadLetter());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(FulfillmentTopology.build(new FulfillmentSettings(
                WarehouseRoutes.parse("US-98:SEA-1", "WH-1"), GRACE), topics,
                StoreSerdes.avro(registry, AvroSerdeConfig.defaults()), new FulfillmentMetrics(new SimpleMeterRegistry())),
                properties, T0);
        placed = driver.createInputTopic(TOPICS.ordersPlaced(), new StringSerializer(), topics.ordersPlaced().valueSerde().serializer());
        scans = driver.createInputTopic(TOPICS.fulfillmentScans(), new StringSerializer(),
                topics.fulfillmentScans().valueSerde().serializer());
        requests = driver.createInputTopic(TOPICS.ordersRequests(), new StringSerializer(),
                topics.ordersRequests().valueSerde().serializer());
        events = driver.createOutputTopic(TOPICS.ordersFulfillment(), new StringDeserializer(),
                topics.ordersFulfillment().valueSerde().deserializer());
        scanRejections = driver.createOutputTopic(TOPICS.fulfillmentRejected(), new StringDeserializer(),
                topics.fulfillmentRejected().valueSerde().deserializer());
        requestRejections = driver.createOutputTopic(TOPICS.ordersRequestsRejected(), new StringDeserializer(),
                topics.ordersRequestsRejected().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @ParameterizedTest(name = "after {0} scans")
    @ValueSource(ints = {0, 1, 2})
    void cancelsAnOrderThatHasNotShippedWithTheNextSequenceAndTheRequestAsCause(int scansBefore) {
        String orderId = placedAndAdvanced(scansBefore);
        FulfillmentStatus before = List.of(FulfillmentStatus.PLACED, FulfillmentStatus.PICKED, FulfillmentStatus.PACKED)
                .get(scansBefore);

        request("r-1", orderId, T0.plusSeconds(600));

        assertThat(events.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getStatus()).isEqualTo(FulfillmentStatus.CANCELLED);
            assertThat(event.getPreviousStatus()).isEqualTo(before);
            assertThat(event.getSequence()).isEqualTo(scansBefore + 2);
            assertThat(event.getCausedBy()).isEqualTo("r-1");
            assertThat(event.getCancellation()).isEqualTo(BY_CUSTOMER);
            assertThat(event.getWarehouseId()).isEqualTo(SEATTLE);
            assertThat(event.getOccurredAt()).isEqualTo(T0.plusSeconds(600));
        });
        assertNothingElse();
    }

    @ParameterizedTest(name = "after {0} scans")
    @ValueSource(ints = {3, 4})
    void refusesToCancelAnOrderThatHasShippedAsTooLate(int scansBefore) {
        String orderId = placedAndAdvanced(scansBefore);

        request("r-1", orderId, T0.plusSeconds(600));

        assertThat(requestRejections.readValuesToList()).singleElement().satisfies(rejection -> {
            assertThat(rejection.getRequestId()).isEqualTo("r-1");
            assertThat(rejection.getReason()).isEqualTo(RequestRejectionReason.TOO_LATE);
            assertThat(rejection.getOrderStatus()).isEqualTo(scansBefore == 3 ? FulfillmentStatus.SHIPPED : FulfillmentStatus.DELIVERED);
            assertThat(rejection.getMessage()).contains("it has shipped; request a return once it is delivered");
        });
        assertNothingElse();
    }

    @Test
    void refusesASecondCancellationAsAlreadyCancelledAndIgnoresARedeliveredOne() {
        String orderId = placedAndAdvanced(0);
        request("r-1", orderId, T0.plusSeconds(60));
        events.readValuesToList();

        request("r-1", orderId, T0.plusSeconds(61));
        request("r-2", orderId, T0.plusSeconds(62));

        assertThat(requestRejections.readValuesToList()).singleElement().satisfies(rejection -> {
            assertThat(rejection.getRequestId()).isEqualTo("r-2");
            assertThat(rejection.getReason()).isEqualTo(RequestRejectionReason.ALREADY_CANCELLED);
            assertThat(rejection.getOrderStatus()).isEqualTo(FulfillmentStatus.CANCELLED);
        });
        assertNothingElse();
    }

    @Test
    void refusesToCancelADigitalOrderAsNotCancellable() {
        OrderPlaced order = digital(digitalId(1), T0);
        placed.pipeInput(order.getOrderId(), order, T0);
        events.readValuesToList();

        request("r-1", order.getOrderId(), T0.plusSeconds(5));

        assertThat(requestRejections.readValuesToList()).singleElement().satisfies(rejection ->
                assertThat(rejection.getReason()).isEqualTo(RequestRejectionReason.NOT_CANCELLABLE));
        assertNothingElse();
    }

    @Test
    void rejectsEveryScanAfterTheCancellationParkedOnesIncludedAsOrderCancelled() {
        String orderId = placedAndAdvanced(0);
        WarehouseScan early = scan("s-3", orderId, SHIPPED, SEATTLE, T0.plusSeconds(30));
        early.setCarrier(Orders.CARRIER);
        early.setTrackingNumber(Orders.trackingNumber(orderId));
        send(early);

        request("r-1", orderId, T0.plusSeconds(60));
        send(scan("s-1", orderId, PICKED, SEATTLE, T0.plusSeconds(90)));

        assertThat(events.readValuesToList()).extracting(FulfillmentEvent::getStatus).containsExactly(FulfillmentStatus.CANCELLED);
        assertThat(scanRejections.readValuesToList()).extracting(r -> r.getScan().getScanId(), ScanRejected::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s-3", RejectionReason.ORDER_CANCELLED),
                        org.assertj.core.groups.Tuple.tuple("s-1", RejectionReason.ORDER_CANCELLED));
        assertNothingElse();
    }

    @Test
    void aCancellationBeforeItsOrderWaitsAndCancelsTheOrderWhenItArrives() {
        String orderId = physicalId(7);

        request("r-1", orderId, T0);
        assertNothingElse();
        placed.pipeInput(orderId, physical(orderId, T0.plusSeconds(30)), T0.plusSeconds(30));

        assertThat(events.readValuesToList()).extracting(FulfillmentEvent::getStatus)
                .containsExactly(FulfillmentStatus.PLACED, FulfillmentStatus.CANCELLED);
        assertNothingElse();
    }

    @Test
    void aCancellationWhoseOrderNeverArrivesIsRefusedAsUnknownOrderAfterTheGracePeriod() {
        request("r-1", physicalId(8), T0);
        // stream time moves on with another order's records
        placed.pipeInput(physicalId(9), physical(physicalId(9), T0.plus(GRACE).plusSeconds(61)), T0.plus(GRACE).plusSeconds(61));
        events.readValuesToList();

        assertThat(requestRejections.readValuesToList()).singleElement().satisfies(rejection -> {
            assertThat(rejection.getReason()).isEqualTo(RequestRejectionReason.UNKNOWN_ORDER);
            assertThat(rejection.getOrderStatus()).isNull();
            assertThat(rejection.getMessage()).contains("within the grace period of 10 min");
        });
        assertNothingElse();
    }

    /** A physical order at the Seattle warehouse, advanced by the first {@code scans} steps; its events read. */
    private String placedAndAdvanced(int steps) {
        OrderPlaced order = physical(physicalId(1), T0);
        placed.pipeInput(order.getOrderId(), order, T0);
        List<ScanType> types = List.of(PICKED, PACKED, SHIPPED, DELIVERED);
        for (int i = 0; i < steps; i++) {
            WarehouseScan scan = scan("s-" + (i + 1), order.getOrderId(), types.get(i), SEATTLE, T0.plusSeconds(10L * (i + 1)));
            if (types.get(i) == SHIPPED) {
                scan.setCarrier(Orders.CARRIER);
                scan.setTrackingNumber(Orders.trackingNumber(order.getOrderId()));
            }
            send(scan);
        }
        assertThat(events.readValuesToList()).hasSize(steps + 1);
        return order.getOrderId();
    }

    private void request(String requestId, String orderId, Instant at) {
        requests.pipeInput(orderId, new CancellationRequested(requestId, orderId, BY_CUSTOMER, null, at), at);
    }

    private void send(WarehouseScan scan) {
        scans.pipeInput(scan.getOrderId(), scan, scan.getScannedAt());
    }

    private void assertNothingElse() {
        assertThat(events.readValuesToList()).as("events").isEmpty();
        assertThat(scanRejections.readValuesToList()).as("scan rejections").isEmpty();
        assertThat(requestRejections.readValuesToList()).as("request rejections").isEmpty();
    }
}

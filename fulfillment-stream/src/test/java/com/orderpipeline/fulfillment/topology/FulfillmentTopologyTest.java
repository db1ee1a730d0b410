package com.orderpipeline.fulfillment.topology;

import static com.orderpipeline.fulfillment.Orders.digital;
import static com.orderpipeline.fulfillment.Orders.digitalId;
import static com.orderpipeline.fulfillment.Orders.physical;
import static com.orderpipeline.fulfillment.Orders.physicalId;
import static com.orderpipeline.fulfillment.Orders.placedEvent;
import static com.orderpipeline.fulfillment.Orders.scan;
import static com.orderpipeline.fulfillment.Orders.stepEvent;
import static com.orderpipeline.schemas.avro.ScanType.DELIVERED;
import static com.orderpipeline.schemas.avro.ScanType.PACKED;
import static com.orderpipeline.schemas.avro.ScanType.PICKED;
import static com.orderpipeline.schemas.avro.ScanType.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.fulfillment.Orders;
import com.orderpipeline.fulfillment.metrics.FulfillmentMetrics;
import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.fulfillment.state.ParkedScans;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RejectionReason;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntPredicate;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fulfillment state machine on TopologyTestDriver: every rule, parking and its expiry by stream time, the
 * digital path and the dead letters. Each test asserts the whole output, then that nothing else came out. The
 * Avro serdes talk to the embedded schema registry of {@link SharedKafka}.
 */
@ExtendWith(SharedKafka.class)
class FulfillmentTopologyTest {
    private static final TopicNames TOPICS = Orders.topics("topology-test");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final String SEATTLE = "SEA-1";
    private static final WarehouseRoutes ROUTES = WarehouseRoutes.parse("US-98:SEA-1,US:NYC-1,DE:BER-1", "WH-1");
    private static SchemaRegistryClient registry;

    @TempDir
    Path stateDir;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopicCatalog topics;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderPlaced> placed;
    private TestInputTopic<String, WarehouseScan> scans;
    private TestInputTopic<byte[], byte[]> rawScans;
    private TestOutputTopic<String, FulfillmentEvent> events;
    private TestOutputTopic<String, ScanRejected> rejections;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeAll
    static void connectToRegistry() {
        registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
    }

    @BeforeEach
    void startDriver() {
        startDriver(new FulfillmentSettings(ROUTES, GRACE), StreamsConfig.EXACTLY_ONCE_V2);
    }

    private void restartDriver(FulfillmentSettings settings, String processingGuarantee) {
        driver.close();
        startDriver(settings, processingGuarantee);
    }

    private void startDriver(FulfillmentSettings settings, String processingGuarantee) {
        topics = TopicCatalog.create(TOPICS, registry, AvroSerdeConfig.defaults());
        FulfillmentMetrics metrics = new FulfillmentMetrics(meters);
        StreamsSettings streams = new StreamsSettings("fulfillment-topology-test", stateDir, Duration.ofMillis(100),
                0, 1024 * 1024, Optional.empty());
        Properties properties = DeadLetterHandlers.counted(
                streams.properties(KafkaSettings.of("localhost:9"), TOPICS.deadLetter()), metrics);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        driver = new TopologyTestDriver(FulfillmentTopology.build(settings, topics,
                StoreSerdes.avro(registry, AvroSerdeConfig.defaults()), metrics), properties, T0);

        placed = driver.createInputTopic(TOPICS.ordersPlaced(), new StringSerializer(),
                topics.ordersPlaced().valueSerde().serializer());
        scans = driver.createInputTopic(TOPICS.fulfillmentScans(), new StringSerializer(),
                topics.fulfillmentScans().valueSerde().serializer());
        rawScans = driver.createInputTopic(TOPICS.fulfillmentScans(), new ByteArraySerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(TOPICS.ordersFulfillment(), new StringDeserializer(),
                topics.ordersFulfillment().valueSerde().deserializer());
        rejections = driver.createOutputTopic(TOPICS.fulfillmentRejected(), new StringDeserializer(),
                topics.fulfillmentRejected().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // --- placing orders ---------------------------------------------------------------------------------------

    @Test
    void placesAPhysicalOrderWithItsWorkOrderAtTheWarehouseRoutedByPostalPrefix() {
        OrderPlaced order = physical(physicalId(1), T0);

        place(order);

        assertThat(events.readKeyValuesToList()).containsExactly(KeyValue.pair(order.getOrderId(), placedEvent(order, SEATTLE)));
        assertNothingElse();
        assertThat(orderState(order.getOrderId()).getWarehouseId()).isEqualTo(SEATTLE);
    }

    @Test
    void routesByCountryWhenNoPostalPrefixMatchesAndElseToTheDefaultWarehouse() {
        OrderPlaced newYork = physical(physicalId(1), T0, Orders.address("US", "10001"));
        OrderPlaced berlin = physical(physicalId(2), T0, Orders.address("de", "10115"));
        OrderPlaced paris = physical(physicalId(3), T0, Orders.address("FR", "75001"));

        place(newYork);
        place(berlin);
        place(paris);

        assertThat(events.readValuesToList()).containsExactly(
                placedEvent(newYork, "NYC-1"), placedEvent(berlin, "BER-1"), placedEvent(paris, "WH-1"));
        assertNothingElse();
    }

    @Test
    void deliversADigitalOrderAtOnceWithoutWorkOrderOrWarehouse() {
        OrderPlaced order = digital(digitalId(1), T0);

        place(order);

        assertThat(events.readKeyValuesToList()).containsExactly(
                KeyValue.pair(order.getOrderId(), placedEvent(order, "DIGITAL")),
                KeyValue.pair(order.getOrderId(), new FulfillmentEvent(order.getOrderId(), FulfillmentStatus.DELIVERED,
                        FulfillmentStatus.PLACED, 2, T0, "DIGITAL", null, null, null, null, null)));
        assertNothingElse();
    }

    @Test
    void ignoresAnOrderPlacedASecondTime() {
        OrderPlaced order = physical(physicalId(1), T0);
        place(order);
        events.readValuesToList();

        place(physical(physicalId(1), T0.plusSeconds(5), Orders.address("DE", "10115")));

        assertNothingElse();
        assertThat(orderState(order.getOrderId()).getWarehouseId()).isEqualTo(SEATTLE);
    }

    // --- the steps --------------------------------------------------------------------------------------------

    @Test
    void advancesOneStepPerScanWithSequencesOneToFive() {
        OrderPlaced order = physical(physicalId(1), T0);
        String id = order.getOrderId();
        List<WarehouseScan> steps = List.of(
                scan("s-1", id, PICKED, SEATTLE, T0.plusSeconds(60)),
                scan("s-2", id, PACKED, SEATTLE, T0.plusSeconds(120)),
                scan("s-3", id, SHIPPED, SEATTLE, T0.plusSeconds(180)),
                scan("s-4", id, DELIVERED, SEATTLE, T0.plusSeconds(86_400)));

        place(order);
        steps.forEach(this::send);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(order, SEATTLE),
                stepEvent(steps.get(0), 2), stepEvent(steps.get(1), 3), stepEvent(steps.get(2), 4), stepEvent(steps.get(3), 5));
        assertNothingElse();
        OrderState state = orderState(id);
        assertThat(state.getStatus()).isEqualTo("DELIVERED");
        assertThat(state.getSequence()).isEqualTo(5);
        assertThat(state.getScanIds()).containsExactly("s-1", "s-2", "s-3", "s-4");
    }

    @Test
    void ignoresARedeliveredScanWhetherItWasAppliedOrRejected() {
        OrderPlaced order = physical(physicalId(1), T0);
        String id = order.getOrderId();
        WarehouseScan picked = scan("s-1", id, PICKED, SEATTLE, T0.plusSeconds(60));
        WarehouseScan fromElsewhere = scan("s-2", id, PACKED, "NYC-1", T0.plusSeconds(90));
        place(order);
        send(picked);
        send(fromElsewhere);
        events.readValuesToList();
        rejections.readValuesToList();

        send(picked);
        send(fromElsewhere);

        assertNothingElse();
        assertThat(orderState(id).getSequence()).isEqualTo(2);
    }

    @Test
    void rejectsAScanForAStatusTheOrderAlreadyHasAsDuplicate() {
        String id = placedAndPicked();
        WarehouseScan again = scan("s-again", id, PICKED, SEATTLE, T0.plusSeconds(90));

        send(again);

        assertThat(rejections.readValuesToList()).containsExactly(rejection(again, FulfillmentStatus.PICKED,
                RejectionReason.DUPLICATE_STATUS, "Order " + id + " is already PICKED"));
        assertNothingElse();
    }

    @Test
    void rejectsAStepBackwardsAsAnInvalidTransition() {
        String id = placedAndPicked();
        WarehouseScan packed = scan("s-2", id, PACKED, SEATTLE, T0.plusSeconds(120));
        WarehouseScan pickedAgain = scan("s-3", id, PICKED, SEATTLE, T0.plusSeconds(130));
        send(packed);
        events.readValuesToList();

        send(pickedAgain);

        assertThat(rejections.readValuesToList()).containsExactly(rejection(pickedAgain, FulfillmentStatus.PACKED,
                RejectionReason.INVALID_TRANSITION, "Order " + id + " is PACKED; PICKED would be a step backwards"));
        assertNothingElse();
    }

    @Test
    void rejectsAScanFromAnotherWarehouseThanTheOrders() {
        String id = placedAndPicked();
        WarehouseScan fromNewYork = scan("s-2", id, PACKED, "NYC-1", T0.plusSeconds(120));

        send(fromNewYork);

        assertThat(rejections.readValuesToList()).containsExactly(rejection(fromNewYork, FulfillmentStatus.PICKED,
                RejectionReason.WRONG_WAREHOUSE, "Order " + id + " is fulfilled by warehouse SEA-1, not NYC-1"));
        assertNothingElse();
    }

    @Test
    void rejectsAShippedScanWithoutCarrierOrTrackingNumber() {
        String id = placedAndPicked();
        send(scan("s-2", id, PACKED, SEATTLE, T0.plusSeconds(120)));
        events.readValuesToList();
        WarehouseScan noTracking = shippedScan("s-3", id, "DHL", null, T0.plusSeconds(180));
        WarehouseScan noCarrier = shippedScan("s-4", id, " ", "1Z999", T0.plusSeconds(190));

        send(noTracking);
        send(noCarrier);

        assertThat(rejections.readValuesToList()).containsExactly(
                rejection(noTracking, FulfillmentStatus.PACKED, RejectionReason.MISSING_SHIPMENT_DETAILS,
                        "A SHIPPED scan needs a carrier and a tracking number; this one has a carrier and no tracking number"),
                rejection(noCarrier, FulfillmentStatus.PACKED, RejectionReason.MISSING_SHIPMENT_DETAILS,
                        "A SHIPPED scan needs a carrier and a tracking number; this one has no carrier and a tracking number"));
        assertNothingElse();
    }

    @Test
    void rejectsEveryScanForADigitalOrderEvenBeforeTheOrderArrives() {
        String early = digitalId(1);
        WarehouseScan beforeOrder = scan("s-1", early, PICKED, SEATTLE, T0);
        String placedId = digitalId(2);
        place(digital(placedId, T0));
        events.readValuesToList();
        WarehouseScan delivered = scan("s-2", placedId, DELIVERED, "DIGITAL", T0.plusSeconds(60));

        send(beforeOrder);
        send(delivered);

        assertThat(rejections.readValuesToList()).containsExactly(
                rejection(beforeOrder, null, RejectionReason.INVALID_TRANSITION, "Order " + early
                        + " is digital: no warehouse fulfills it, so no PICKED scan applies to it"),
                rejection(delivered, FulfillmentStatus.DELIVERED, RejectionReason.INVALID_TRANSITION, "Order " + placedId
                        + " is digital: no warehouse fulfills it, so no DELIVERED scan applies to it"));
        assertNothingElse();
        assertThat(parkedScans(early)).isNull();
    }

    // --- parking ----------------------------------------------------------------------------------------------

    @Test
    void parksAScanThatComesBeforeItsOrderAndAppliesItWhenTheOrderArrives() {
        OrderPlaced order = physical(physicalId(1), T0);
        WarehouseScan picked = scan("s-1", order.getOrderId(), PICKED, SEATTLE, T0.plusSeconds(60));

        send(picked);
        assertNothingElse();
        assertThat(parkedScans(order.getOrderId()).getScans()).hasSize(1);
        place(order);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(order, SEATTLE), stepEvent(picked, 2));
        assertNothingElse();
        assertThat(parkedScans(order.getOrderId())).isNull();
    }

    @Test
    void parksScansAheadOfTheOrderAndAppliesThemInStepOrderWhenItCatchesUp() {
        OrderPlaced order = physical(physicalId(1), T0);
        String id = order.getOrderId();
        WarehouseScan delivered = scan("s-4", id, DELIVERED, SEATTLE, T0.plusSeconds(400));
        WarehouseScan packed = scan("s-2", id, PACKED, SEATTLE, T0.plusSeconds(200));
        WarehouseScan shipped = scan("s-3", id, SHIPPED, SEATTLE, T0.plusSeconds(300));
        WarehouseScan picked = scan("s-1", id, PICKED, SEATTLE, T0.plusSeconds(100));
        place(order);
        events.readValuesToList();

        send(delivered);
        send(packed);
        send(packed);
        send(shipped);
        assertNothingElse();
        send(picked);

        assertThat(events.readValuesToList()).containsExactly(stepEvent(picked, 2), stepEvent(packed, 3),
                stepEvent(shipped, 4), stepEvent(delivered, 5));
        assertNothingElse();
        assertThat(parkedScans(id)).isNull();
    }

    @Test
    void rejectsAParkedScanFromAnotherWarehouseWhenItsOrderArrives() {
        OrderPlaced order = physical(physicalId(1), T0);
        WarehouseScan fromBerlin = scan("s-1", order.getOrderId(), PICKED, "BER-1", T0.plusSeconds(1));
        send(fromBerlin);

        place(order);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(order, SEATTLE));
        assertThat(rejections.readValuesToList()).containsExactly(rejection(fromBerlin, FulfillmentStatus.PLACED,
                RejectionReason.WRONG_WAREHOUSE, "Order " + order.getOrderId() + " is fulfilled by warehouse SEA-1, not BER-1",
                T0));
        assertNothingElse();
    }

    @Test
    void rejectsAtOnceAScanBeyondTheMostAnOrderMayHaveParkedAndAppliesTheParkedOnesWhenTheOrderArrives() {
        restartDriver(new FulfillmentSettings(ROUTES, GRACE, 3), StreamsConfig.EXACTLY_ONCE_V2);
        OrderPlaced order = physical(physicalId(1), T0.plusSeconds(60));
        String id = order.getOrderId();
        List<WarehouseScan> steps = everyStep(id, T0.plusSeconds(10));
        WarehouseScan delivered = steps.get(3);

        steps.forEach(this::send);
        send(steps.get(1));

        assertThat(rejections.readRecordsToList()).extracting(TestRecord::getKey, TestRecord::getValue)
                .containsExactly(tuple(id, rejection(delivered, null, RejectionReason.UNKNOWN_ORDER, "Order " + id
                        + " has not arrived and already has 3 scans parked waiting for it, the most one order may have;"
                        + " this DELIVERED scan is refused rather than parked")));
        assertNothingElse();
        assertThat(parkedScans(id).getScans()).extracting(parked -> parked.getScanId()).containsExactly("s-1", "s-2", "s-3");

        place(order);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(order, SEATTLE), stepEvent(steps.get(0), 2),
                stepEvent(steps.get(1), 3), stepEvent(steps.get(2), 4));
        assertNothingElse();
        assertThat(parkedScans(id)).isNull();
    }

    @Test
    void keepsAParkedScanUntilItsGracePeriodIsOverInStreamTime() {
        String unknown = physicalId(99);
        send(scan("s-1", unknown, PICKED, SEATTLE, T0));
        OrderPlaced later = physical(physicalId(1), T0.plus(GRACE).minusSeconds(1));

        place(later);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(later, SEATTLE));
        assertNothingElse();
        assertThat(parkedScans(unknown).getScans()).hasSize(1);
    }

    @Test
    void rejectsAScanWhoseOrderNeverArrivesAfterTheGracePeriodAsUnknownOrder() {
        String unknown = physicalId(99);
        WarehouseScan orphan = scan("s-1", unknown, PICKED, SEATTLE, T0);
        send(orphan);
        Instant afterGrace = T0.plus(GRACE).plusSeconds(60);
        OrderPlaced later = physical(physicalId(1), afterGrace);

        place(later);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(later, SEATTLE));
        assertThat(rejections.readRecordsToList()).extracting(TestRecord::getKey, TestRecord::getValue, TestRecord::getRecordTime)
                .containsExactly(tuple(unknown, rejection(orphan, null, RejectionReason.UNKNOWN_ORDER,
                        "No order " + unknown + " arrived within the grace period of 10 min", afterGrace), afterGrace));
        assertNothingElse();
        assertThat(parkedScans(unknown)).isNull();
    }

    @Test
    void givesAScanStampedLateItsFullGracePeriodFromTheStreamTimeItArrivesAt() {
        OrderPlaced now = physical(physicalId(1), T0);
        place(now);
        String unknown = physicalId(99);
        // a warehouse clock nine minutes slow, or a batch upload: stamped long before the pipeline sees it
        WarehouseScan stampedLate = scan("s-1", unknown, PICKED, SEATTLE, T0.minus(Duration.ofMinutes(9)));
        send(stampedLate);
        OrderPlaced aLittleLater = physical(physicalId(2), T0.plus(Duration.ofMinutes(2)));
        OrderPlaced justBeforeTheEnd = physical(physicalId(3), T0.plus(GRACE).minusSeconds(1));
        Instant afterGrace = T0.plus(GRACE).plusSeconds(60);
        OrderPlaced afterTheEnd = physical(physicalId(4), afterGrace);

        place(aLittleLater);
        place(justBeforeTheEnd);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(now, SEATTLE), placedEvent(aLittleLater, SEATTLE),
                placedEvent(justBeforeTheEnd, SEATTLE));
        assertNothingElse();
        assertThat(parkedScans(unknown).getScans()).singleElement()
                .satisfies(parked -> assertThat(parked.getParkedAt()).isEqualTo(T0));

        place(afterTheEnd);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(afterTheEnd, SEATTLE));
        assertThat(rejections.readValuesToList()).containsExactly(rejection(stampedLate, null, RejectionReason.UNKNOWN_ORDER,
                "No order " + unknown + " arrived within the grace period of 10 min", afterGrace));
        assertNothingElse();
        assertThat(parkedScans(unknown)).isNull();
    }

    @Test
    void rejectsAScanTheOrderNeverCatchesUpWithAfterTheGracePeriodAsInvalidTransition() {
        OrderPlaced order = physical(physicalId(1), T0);
        String id = order.getOrderId();
        place(order);
        WarehouseScan shipped = scan("s-3", id, SHIPPED, SEATTLE, T0.plusSeconds(10));
        send(shipped);
        Instant afterGrace = T0.plus(GRACE).plusSeconds(70);
        OrderPlaced later = physical(physicalId(2), afterGrace);

        place(later);
        send(shipped);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(order, SEATTLE), placedEvent(later, SEATTLE));
        assertThat(rejections.readValuesToList()).containsExactly(rejection(shipped, FulfillmentStatus.PLACED,
                RejectionReason.INVALID_TRANSITION, "Order " + id + " was still PLACED at the end of the grace period of"
                        + " 10 min; SHIPPED is not its next step", afterGrace));
        assertNothingElse();
        assertThat(orderState(id).getScanIds()).containsExactly("s-3");
    }

    // --- dead letters -----------------------------------------------------------------------------------------

    @Test
    void sendsRecordsThatCannotBeReadToTheDeadLettersWithTheirSourceAndGoesOn() {
        // TopologyTestDriver 4.4 loses these under exactly-once: the dead letter is sent in the open transaction
        // before any record is processed, and the driver's MockProducer.clear() drops uncommitted sends before the
        // next commit. The records and headers are the same at least once; FulfillmentFlowIT checks them under
        // exactly-once on a real broker.
        restartDriver(new FulfillmentSettings(ROUTES, GRACE), StreamsConfig.AT_LEAST_ONCE);
        byte[] badMagicByte = {1, 0, 0, 0, 1, 2, 3};
        byte[] unknownSchemaId = ByteBuffer.allocate(8).put((byte) 0).putInt(987_654).put(new byte[]{2, 4, 6}).array();
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        String id = physicalId(1);
        byte[] key = id.getBytes(StandardCharsets.UTF_8);

        rawScans.pipeInput(key, badMagicByte, T0);
        rawScans.pipeInput(key, unknownSchemaId, T0);
        rawScans.pipeInput(key, garbage, T0);
        OrderPlaced order = physical(id, T0);
        place(order);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(order, SEATTLE));
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::getKey).containsExactly(key, key, key);
        assertThat(letters).extracting(TestRecord::getValue).containsExactly(badMagicByte, unknownSchemaId, garbage);
        assertThat(headers(letters.get(0))).containsEntry("__streams.errors.topic", TOPICS.fulfillmentScans())
                .containsEntry("__streams.errors.partition", "0")
                .containsEntry("__streams.errors.offset", "0")
                .containsEntry("__streams.errors.exception", "org.apache.kafka.common.errors.SerializationException");
        assertThat(headers(letters.get(0)).get("__streams.errors.message")).contains("not the magic byte");
        assertThat(headers(letters.get(1)).get("__streams.errors.message")).contains("schema id 987654");
        assertThat(headers(letters.get(2)).get("__streams.errors.offset")).isEqualTo("2");
        assertNothingElse();
        assertThat(meters.get("fulfillment.dead.letters").tag("cause", "DESERIALIZATION").counter().count()).isEqualTo(3);
    }

    @Test
    void sendsARecordTheRulesCannotActOnToTheDeadLettersWithTheReasonAndGoesOn() {
        OrderPlaced noAddress = physical(physicalId(1), T0, null);
        WarehouseScan misfiled = scan("s-1", physicalId(2), PICKED, SEATTLE, T0);
        OrderPlaced fine = physical(physicalId(3), T0);

        place(noAddress);
        scans.pipeInput(physicalId(3), misfiled, T0);
        place(fine);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(fine, SEATTLE));
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(letter -> new String(letter.getKey(), StandardCharsets.UTF_8))
                .containsExactly(physicalId(1), physicalId(3));
        assertThat(letters.get(0).getValue()).isEqualTo(topics.ordersPlaced().valueSerde().serializer()
                .serialize(TOPICS.ordersPlaced(), noAddress));
        assertThat(headers(letters.get(0))).containsEntry("__streams.errors.topic", TOPICS.ordersPlaced())
                .containsEntry("__streams.errors.message", "Physical order " + physicalId(1)
                        + " has no shipTo address, so it can be routed to no warehouse");
        assertThat(headers(letters.get(1))).containsEntry("__streams.errors.topic", TOPICS.fulfillmentScans())
                .containsEntry("__streams.errors.offset", "0")
                .containsEntry("__streams.errors.message", "Record key '" + physicalId(3) + "' is not the order ID '"
                        + physicalId(2) + "' of its value; records are keyed by order ID");
        assertNothingElse();
        assertThat(orderState(physicalId(1))).isNull();
        assertThat(meters.get("fulfillment.dead.letters").tag("cause", "PROCESSING").counter().count()).isEqualTo(2);
    }

    @Test
    void sendsARecordOnAnotherPartitionThanItsKeysToTheDeadLettersNamingThePartitioner() {
        // The driver reads every input from partition 0; with six partitions most keys belong elsewhere.
        restartDriver(new FulfillmentSettings(ROUTES, GRACE).withInputPartitions(6), StreamsConfig.EXACTLY_ONCE_V2);
        String misplaced = physicalIdOnPartition(6, partition -> partition != 0);
        String home = physicalIdOnPartition(6, partition -> partition == 0);
        int misplacedBelongsOn = BuiltInPartitioner.partitionForKey(misplaced.getBytes(StandardCharsets.UTF_8), 6);
        OrderPlaced lost = physical(misplaced, T0);
        OrderPlaced found = physical(home, T0);
        WarehouseScan lostScan = scan("s-1", misplaced, PICKED, SEATTLE, T0.plusSeconds(60));
        WarehouseScan foundScan = scan("s-2", home, PICKED, SEATTLE, T0.plusSeconds(60));

        place(lost);
        send(lostScan);
        place(found);
        send(foundScan);

        assertThat(events.readValuesToList()).containsExactly(placedEvent(found, SEATTLE), stepEvent(foundScan, 2));
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(letter -> new String(letter.getKey(), StandardCharsets.UTF_8))
                .containsExactly(misplaced, misplaced);
        String why = " but its key belongs on partition " + misplacedBelongsOn + " of 6: records must be keyed by order"
                + " ID and partitioned with Kafka's default murmur2 partitioner (the Java client's default;"
                + " librdkafka clients need partitioner=murmur2_random)";
        assertThat(headers(letters.get(0))).containsEntry("__streams.errors.topic", TOPICS.ordersPlaced())
                .containsEntry("__streams.errors.message", "Record with key '" + misplaced + "' arrived on partition 0"
                        + " of " + TOPICS.ordersPlaced() + "," + why);
        assertThat(headers(letters.get(1))).containsEntry("__streams.errors.topic", TOPICS.fulfillmentScans())
                .containsEntry("__streams.errors.message", "Record with key '" + misplaced + "' arrived on partition 0"
                        + " of " + TOPICS.fulfillmentScans() + "," + why);
        assertNothingElse();
        assertThat(orderState(misplaced)).isNull();
        assertThat(parkedScans(misplaced)).isNull();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private String placedAndPicked() {
        OrderPlaced order = physical(physicalId(1), T0);
        place(order);
        send(scan("s-1", order.getOrderId(), PICKED, SEATTLE, T0.plusSeconds(60)));
        events.readValuesToList();
        return order.getOrderId();
    }

    /** The first test order ID whose key Kafka's own producer puts on a partition the test accepts. */
    private static String physicalIdOnPartition(int partitions, IntPredicate accepted) {
        return LongStream.rangeClosed(1, 1000).mapToObj(Orders::physicalId)
                .filter(id -> accepted.test(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions)))
                .findFirst().orElseThrow();
    }

    /** Scans s-1 PICKED, s-2 PACKED, s-3 SHIPPED and s-4 DELIVERED for the order, ten seconds apart from {@code first}. */
    private static List<WarehouseScan> everyStep(String orderId, Instant first) {
        List<ScanType> types = List.of(PICKED, PACKED, SHIPPED, DELIVERED);
        return types.stream().map(type -> scan("s-" + (type.ordinal() + 1), orderId, type, SEATTLE,
                first.plusSeconds(10L * type.ordinal()))).toList();
    }

    private void place(OrderPlaced order) {
        placed.pipeInput(order.getOrderId(), order, order.getPlacedAt());
    }

    private void send(WarehouseScan scan) {
        scans.pipeInput(scan.getOrderId(), scan, scan.getScannedAt());
    }

    private static WarehouseScan shippedScan(String scanId, String orderId, String carrier, String trackingNumber, Instant at) {
        return new WarehouseScan(scanId, orderId, SHIPPED, SEATTLE, at, carrier, trackingNumber, null);
    }

    /** The rejection of a scan decided when the scan itself arrived. */
    private static ScanRejected rejection(WarehouseScan scan, FulfillmentStatus status, RejectionReason reason, String message) {
        return rejection(scan, status, reason, message, scan.getScannedAt());
    }

    private static ScanRejected rejection(WarehouseScan scan, FulfillmentStatus status, RejectionReason reason,
                                          String message, Instant at) {
        return new ScanRejected(scan, status, reason, message, at);
    }

    private OrderState orderState(String orderId) {
        KeyValueStore<String, OrderState> store = driver.getKeyValueStore(FulfillmentTopology.ORDERS_STORE);
        return store.get(orderId);
    }

    private ParkedScans parkedScans(String orderId) {
        KeyValueStore<String, ParkedScans> store = driver.getKeyValueStore(FulfillmentTopology.PARKED_SCANS_STORE);
        return store.get(orderId);
    }

    private static Map<String, String> headers(TestRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private void assertNothingElse() {
        assertThat(events.readKeyValuesToList()).as("events").isEmpty();
        assertThat(rejections.readKeyValuesToList()).as("rejections").isEmpty();
        assertThat(deadLetters.readRecordsToList()).as("dead letters")
                .extracting(letter -> Arrays.toString(letter.getValue())).isEmpty();
    }
}

package com.orderpipeline.tracking.topology;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.TrackingStep;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.tracking.testing.InMemoryRegistry;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking view, its timeline and its late flag, through the topology with TopologyTestDriver: whole outputs. */
class TrackingTopologyTest {
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");
    private static final Instant LATE_FROM = Instant.parse("2026-05-09T00:00:00Z");
    private static final String ORDER = Orders.physicalId(1);

    private static InMemoryRegistry registry;

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderPlaced> placed;
    private TestInputTopic<String, FulfillmentEvent> fulfillment;
    private TestOutputTopic<String, OrderTracking> tracking;
    private final List<OrderTracking> pushed = new ArrayList<>();

    @BeforeAll
    static void startRegistry() {
        registry = new InMemoryRegistry();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void startDriver() {
        TopicCatalog topics = TopicCatalog.create(TestTopics.named("ttd"),
                new SchemaRegistryClient(RegistryClientConfig.of(registry.url())), AvroSerdeConfig.defaults());
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "tracking-ttd");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(TrackingTopology.build(
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7)), topics, pushed::add),
                properties, PLACED_AT);
        placed = driver.createInputTopic(topics.ordersPlaced().name(), topics.ordersPlaced().keySerde().serializer(),
                topics.ordersPlaced().valueSerde().serializer());
        fulfillment = driver.createInputTopic(topics.ordersFulfillment().name(),
                topics.ordersFulfillment().keySerde().serializer(), topics.ordersFulfillment().valueSerde().serializer());
        tracking = driver.createOutputTopic(topics.ordersTracking().name(),
                topics.ordersTracking().keySerde().deserializer(), topics.ordersTracking().valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aPlacedOrderBecomesAViewWithItsFirstStepAndNoPersonalData() {
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);

        OrderTracking expected = view(PLACED, PLACED_AT)
                .setTimeline(List.of(new TrackingStep(PLACED, PLACED_AT, null)))
                .build();
        assertThat(tracking.readKeyValuesToList()).containsExactly(KeyValue.pair(ORDER, expected));
        assertThat(tracking.isEmpty()).isTrue();
        assertThat(views().get(ORDER)).isEqualTo(expected);
        assertThat(pushed).containsExactly(expected);
        assertThat(expected.toString()).doesNotContain("Ada", "Terry", "98109", "14999", "C-1001", "Kindle");
        assertThat(OrderTracking.getClassSchema().getFields()).extracting(Schema.Field::name)
                .doesNotContain("customerId", "shipTo", "items", "total", "name", "line1", "email");
    }

    @Test
    void everyFulfillmentStepExtendsTheTimelineWithItsTimeAndPlace() {
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        Instant assigned = PLACED_AT.plusSeconds(1);
        Instant picked = PLACED_AT.plus(Duration.ofHours(2));
        Instant packed = PLACED_AT.plus(Duration.ofHours(3));
        Instant shipped = PLACED_AT.plus(Duration.ofHours(5));
        Instant delivered = Instant.parse("2026-05-07T14:30:00Z");
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PLACED, 1, assigned), assigned);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PACKED, 3, packed), packed);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, SHIPPED, 4, shipped), shipped);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, delivered), delivered);

        List<OrderTracking> versions = tracking.readValuesToList();
        assertThat(versions).extracting(OrderTracking::getStatus)
                .containsExactly(PLACED, PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        OrderTracking expected = view(DELIVERED, delivered)
                .setWarehouseId("WH-SEA-1")
                .setCarrier("UPS")
                .setTrackingNumber("1Z999AA10123456784")
                .setDeliveredAt(delivered)
                .setTimeline(List.of(
                        new TrackingStep(PLACED, PLACED_AT, null),
                        new TrackingStep(PICKED, picked, "WH-SEA-1"),
                        new TrackingStep(PACKED, packed, "WH-SEA-1"),
                        new TrackingStep(SHIPPED, shipped, "WH-SEA-1"),
                        new TrackingStep(DELIVERED, delivered, "Seattle, US")))
                .build();
        assertThat(versions.get(versions.size() - 1)).isEqualTo(expected);
        assertThat(versions.get(1).getWarehouseId()).isEqualTo("WH-SEA-1");
        assertThat(views().get(ORDER)).isEqualTo(expected);
        assertThat(deadlineEntries()).isEmpty();
    }

    @Test
    void aFulfillmentEventBeforeItsOrderWaitsForTheOrderInsteadOfBeingLost() {
        Instant picked = PLACED_AT.plus(Duration.ofHours(2));
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PLACED, 1, PLACED_AT.plusSeconds(1)), PLACED_AT.plusSeconds(1));
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked);
        assertThat(tracking.isEmpty()).isTrue();

        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), picked.plusSeconds(5));

        OrderTracking expected = view(PICKED, picked)
                .setWarehouseId("WH-SEA-1")
                .setTimeline(List.of(new TrackingStep(PLACED, PLACED_AT, null), new TrackingStep(PICKED, picked, "WH-SEA-1")))
                .build();
        assertThat(tracking.readKeyValuesToList()).containsExactly(KeyValue.pair(ORDER, expected));
        try (var parked = driver.<String, FulfillmentEvent>getKeyValueStore(TrackingTopology.PARKED_STORE).all()) {
            assertThat(parked.hasNext()).isFalse();
        }
    }

    @Test
    void aRedeliveredStepChangesNothingAndEmitsNothing() {
        Instant picked = PLACED_AT.plus(Duration.ofHours(2));
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked);
        tracking.readValuesToList();

        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, picked), picked.plusSeconds(30));
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), picked.plusSeconds(31));

        assertThat(tracking.isEmpty()).isTrue();
    }

    @Test
    void aStalledOrderBecomesLateAtTheEndOfItsPromisedDayWithoutANewEvent() {
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        tracking.readValuesToList();

        driver.advanceWallClockTime(Duration.between(PLACED_AT, LATE_FROM.minusSeconds(60)));
        assertThat(tracking.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(90));
        OrderTracking expected = view(PLACED, LATE_FROM)
                .setLate(true)
                .setTimeline(List.of(new TrackingStep(PLACED, PLACED_AT, null)))
                .build();
        assertThat(tracking.readKeyValuesToList()).containsExactly(KeyValue.pair(ORDER, expected));
        assertThat(deadlineEntries()).isEmpty();

        driver.advanceWallClockTime(Duration.ofHours(1));
        assertThat(tracking.isEmpty()).isTrue();
    }

    @Test
    void aCancelledOrderShowsItsCancellationStepAndIsNeverLate() {
        Instant cancelledAt = PLACED_AT.plusSeconds(600);
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PLACED, 1, PLACED_AT), PLACED_AT);
        fulfillment.pipeInput(ORDER, FulfillmentEvent.newBuilder(Orders.step(ORDER, PLACED, 2, cancelledAt))
                .setStatus(com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED).setPreviousStatus(PLACED)
                .setCausedBy("r-1").build(), cancelledAt);

        OrderTracking cancelled = tracking.readValuesToList().get(2);
        assertThat(cancelled.getStatus()).isEqualTo(com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED);
        assertThat(cancelled.getTimeline()).extracting(TrackingStep::getStatus)
                .containsExactly(PLACED, com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED);
        assertThat(deadlineEntries()).as("no deadline to watch for a cancelled order").isEmpty();
        driver.advanceWallClockTime(Duration.between(PLACED_AT, LATE_FROM.plus(Duration.ofDays(1))));
        assertThat(tracking.isEmpty()).as("never flagged late").isTrue();
        assertThat(views().get(ORDER).getLate()).isFalse();
    }

    @Test
    void anOrderDeliveredOnItsPromisedDayIsNotLateEvenWhenTheNewsComesAfterTheDeadline() {
        Instant delivered = Instant.parse("2026-05-08T17:00:00Z");
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);
        driver.advanceWallClockTime(Duration.between(PLACED_AT, LATE_FROM.plus(Duration.ofHours(8))));
        assertThat(tracking.readValuesToList()).extracting(OrderTracking::getLate).containsExactly(false, true);

        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, delivered), delivered);

        OrderTracking latest = tracking.readValue();
        assertThat(latest.getLate()).isFalse();
        assertThat(latest.getDeliveredAt()).isEqualTo(delivered);
        assertThat(latest.getStatus()).isEqualTo(DELIVERED);
    }

    @Test
    void anOrderDeliveredAfterItsPromisedDayStaysLate() {
        Instant delivered = Instant.parse("2026-05-10T11:00:00Z");
        placed.pipeInput(ORDER, Orders.placed(ORDER, PLACED_AT, PROMISED), PLACED_AT);

        fulfillment.pipeInput(ORDER, Orders.step(ORDER, DELIVERED, 5, delivered), delivered);

        assertThat(tracking.readValuesToList()).extracting(OrderTracking::getLate).containsExactly(false, true);
        assertThat(deadlineEntries()).isEmpty();
    }

    @Test
    void aDigitalOrderHasNoDestinationAndIsDeliveredAtOnce() {
        String digital = Orders.digitalId(1);
        Instant delivered = PLACED_AT.plusSeconds(2);
        placed.pipeInput(digital, Orders.placedDigital(digital, PLACED_AT, PLACED_AT.atZone(java.time.ZoneOffset.UTC).toLocalDate()), PLACED_AT);
        fulfillment.pipeInput(digital, Orders.step(digital, DELIVERED, 2, delivered), delivered);

        OrderTracking latest = tracking.readValuesToList().get(1);
        assertThat(latest.getChannel()).isEqualTo(Channel.DIGITAL);
        assertThat(latest.getDestinationCity()).isNull();
        assertThat(latest.getItemCount()).isEqualTo(1);
        assertThat(latest.getTimeline()).containsExactly(new TrackingStep(PLACED, PLACED_AT, null),
                new TrackingStep(DELIVERED, delivered, null));
        assertThat(latest.getLate()).isFalse();
    }

    @Test
    void eventsWhoseOrderNeverComesAreDroppedAfterTheRetention() {
        fulfillment.pipeInput(ORDER, Orders.step(ORDER, PICKED, 2, PLACED_AT), PLACED_AT);

        driver.advanceWallClockTime(Duration.ofDays(7).plusMinutes(2));

        try (var parked = driver.<String, FulfillmentEvent>getKeyValueStore(TrackingTopology.PARKED_STORE).all()) {
            assertThat(parked.hasNext()).isFalse();
        }
        assertThat(tracking.isEmpty()).isTrue();
    }

    private static OrderTracking.Builder view(com.orderpipeline.schemas.avro.FulfillmentStatus status, Instant updatedAt) {
        return OrderTracking.newBuilder()
                .setOrderId(ORDER)
                .setStatus(status)
                .setPlacedAt(PLACED_AT)
                .setUpdatedAt(updatedAt)
                .setChannel(Channel.PHYSICAL)
                .setItemCount(3)
                .setDestinationCity("Seattle")
                .setDestinationCountry("US")
                .setWarehouseId(null)
                .setCarrier(null)
                .setTrackingNumber(null)
                .setPromisedBy(PROMISED)
                .setDeliveredAt(null)
                .setLate(false);
    }

    private KeyValueStore<String, OrderTracking> views() {
        return driver.getKeyValueStore(TrackingTopology.VIEW_STORE);
    }

    private List<KeyValue<String, String>> deadlineEntries() {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (var all = driver.<String, String>getKeyValueStore(TrackingTopology.DEADLINE_STORE).all()) {
            all.forEachRemaining(entries::add);
        }
        return entries;
    }
}

package com.orderpipeline.devstack.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import com.orderpipeline.schemas.serde.Subjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulated carrier tells every shipped parcel's journey on carrier.events, with the registered schema: in
 * transit from a hub first, out for delivery last (or a second round after a missed attempt), the events of one
 * parcel in their order, and nothing for a step other than SHIPPED.
 */
@ExtendWith(SharedKafka.class)
class CarrierSimulatorIT {

    @Test
    void reportsEachShippedParcelFromTheHubToOutForDelivery() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String fulfillment = "sim-fulfillment-" + suffix;
        String carrier = "sim-carrier-" + suffix;
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        registry.register(Subjects.valueSubject(carrier), CarrierEvent.getClassSchema());
        List<String> shipped = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            shipped.add(OrderId.of("114", 4_200_000L + i).canonical());
        }
        String packed = OrderId.of("114", 4_200_100L).canonical();
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            kafka.createTopic(fulfillment, 1);
            kafka.createTopic(carrier, 1);
            try (KafkaProducer<String, FulfillmentEvent> producer = kafka.producer(new StringSerializer(),
                    new AvroSerializer<>(FulfillmentEvent.class, registry, AvroSerdeConfig.defaults(), false));
                 CarrierSimulator simulator = new CarrierSimulator(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                         SharedKafka.bootstrapServers()), registry, fulfillment, carrier, 5, Clock.systemUTC())) {
                for (String orderId : shipped) {
                    producer.send(new ProducerRecord<>(fulfillment, orderId, step(orderId, FulfillmentStatus.SHIPPED))).get();
                }
                producer.send(new ProducerRecord<>(fulfillment, packed, step(packed, FulfillmentStatus.PACKED))).get();

                await().atMost(Duration.ofSeconds(30)).until(() -> shipped.stream().allMatch(orderId ->
                        lastOf(events(kafka, carrier, registry), orderId) == CarrierEventType.OUT_FOR_DELIVERY));
                List<CarrierEvent> all = events(kafka, carrier, registry);
                for (String orderId : shipped) {
                    List<CarrierEvent> journey = all.stream().filter(e -> e.getOrderId().equals(orderId)).toList();
                    assertThat(journey.get(0).getType()).isEqualTo(CarrierEventType.IN_TRANSIT);
                    assertThat(journey.get(0).getLocation()).as("from a hub").isNotBlank();
                    assertThat(journey.get(0).getCarrier()).isEqualTo("UPS");
                    assertThat(journey).extracting(CarrierEvent::getEventId).doesNotHaveDuplicates()
                            .allMatch(id -> id.startsWith(orderId + "/"));
                    assertThat(journey).extracting(CarrierEvent::getOccurredAt).isSorted();
                }
                assertThat(all).extracting(CarrierEvent::getOrderId).doesNotContain(packed);
            }
        }
    }

    private static CarrierEventType lastOf(List<CarrierEvent> events, String orderId) {
        List<CarrierEvent> journey = events.stream().filter(e -> e.getOrderId().equals(orderId)).toList();
        return journey.isEmpty() ? null : journey.get(journey.size() - 1).getType();
    }

    private static List<CarrierEvent> events(TestKafka kafka, String topic, SchemaRegistryClient registry) {
        return kafka.readCommitted(topic, new StringDeserializer(), new AvroDeserializer<>(CarrierEvent.class, registry))
                .stream().map(ConsumerRecord::value).toList();
    }

    private static FulfillmentEvent step(String orderId, FulfillmentStatus status) {
        boolean shipped = status == FulfillmentStatus.SHIPPED;
        return FulfillmentEvent.newBuilder()
                .setOrderId(orderId).setStatus(status).setSequence(shipped ? 4 : 3).setOccurredAt(Instant.now())
                .setWarehouseId("SEA-1").setCarrier(shipped ? "UPS" : null)
                .setTrackingNumber(shipped ? "1Z999AA10123456784" : null).setWorkOrder(null)
                .build();
    }
}

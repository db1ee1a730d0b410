package com.orderpipeline.devstack.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.avro.WorkOrder;
import com.orderpipeline.schemas.avro.WorkOrderItem;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import com.orderpipeline.schemas.serde.Subjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The simulated warehouse scans what it is told to work on, and stops work on an order once it is cancelled. */
@ExtendWith(SharedKafka.class)
class WarehouseSimulatorIT {

    @Test
    void scansAPlacedOrderButNotOneCancelledBeforeItsScanWasDue() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String events = "sim-events-" + suffix;
        String scans = "sim-scans-" + suffix;
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        registry.register(Subjects.valueSubject(scans), WarehouseScan.getClassSchema());
        String kept = OrderId.of("114", 4_100_001L).canonical();
        String cancelled = OrderId.of("114", 4_100_002L).canonical();
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers())) {
            kafka.createTopic(events, 1);
            kafka.createTopic(scans, 1);
            try (KafkaProducer<String, FulfillmentEvent> producer = kafka.producer(new StringSerializer(),
                    new AvroSerializer<>(FulfillmentEvent.class, registry, AvroSerdeConfig.defaults(), false));
                 WarehouseSimulator warehouse = new WarehouseSimulator(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                         SharedKafka.bootstrapServers()), registry, events, scans, 0, 10, Clock.systemUTC())) {
                producer.send(new ProducerRecord<>(events, kept, placed(kept))).get();
                producer.send(new ProducerRecord<>(events, cancelled, placed(cancelled))).get();
                producer.send(new ProducerRecord<>(events, cancelled, FulfillmentEvent.newBuilder(placed(cancelled))
                        .setStatus(FulfillmentStatus.CANCELLED).setPreviousStatus(FulfillmentStatus.PLACED).setSequence(2)
                        .setWorkOrder(null).setCausedBy("r-1").build())).get();

                await().atMost(Duration.ofSeconds(30)).until(() -> kafka.keys(scans).contains(kept));
                // the cancelled order's PICKED was due as soon as the kept one's: it never comes
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> !kafka.keys(scans).contains(cancelled));
                assertThat(kafka.keys(scans)).containsExactly(kept);
            }
        }
    }

    private static FulfillmentEvent placed(String orderId) {
        Address seattle = new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US");
        return FulfillmentEvent.newBuilder()
                .setOrderId(orderId).setStatus(FulfillmentStatus.PLACED).setSequence(1).setOccurredAt(Instant.now())
                .setWarehouseId("SEA-1")
                .setWorkOrder(new WorkOrder(List.of(new WorkOrderItem("B00X4WHP5E", "Kindle Paperwhite", 1)),
                        ShippingSpeed.STANDARD, LocalDate.now().plusDays(5), seattle))
                .build();
    }
}

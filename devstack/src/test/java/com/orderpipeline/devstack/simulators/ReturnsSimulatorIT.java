package com.orderpipeline.devstack.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.TestKafka;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.avro.WorkOrder;
import com.orderpipeline.schemas.avro.WorkOrderItem;
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
import java.time.LocalDate;
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
 * The simulated buyers ask to return what was delivered, not what was cancelled; the simulated carrier and returns
 * centre scan every authorized return back and received, with the scans returns-stream needs.
 */
@ExtendWith(SharedKafka.class)
class ReturnsSimulatorIT {
    private static final Address SEATTLE = new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US");

    @Test
    void asksToReturnADeliveredOrderAndScansItsReturnBackAndReceived() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String fulfillment = "sim-fulfillment-" + suffix;
        String returns = "sim-returns-" + suffix;
        String scans = "sim-return-scans-" + suffix;
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        registry.register(Subjects.valueSubject(scans), ReturnScan.getClassSchema());
        String delivered = OrderId.of("114", 4_200_001L).canonical();
        String cancelled = OrderId.of("114", 4_200_002L).canonical();
        String returnId = delivered + "-R1";
        try (TestKafka kafka = new TestKafka(SharedKafka.bootstrapServers()); FakeOrderApi api = new FakeOrderApi()) {
            kafka.createTopic(fulfillment, 1);
            kafka.createTopic(returns, 1);
            kafka.createTopic(scans, 1);
            try (KafkaProducer<String, FulfillmentEvent> events = kafka.producer(new StringSerializer(),
                    new AvroSerializer<>(FulfillmentEvent.class, registry, AvroSerdeConfig.defaults(), false));
                 KafkaProducer<String, ReturnEvent> returnEvents = kafka.producer(new StringSerializer(),
                         new AvroSerializer<>(ReturnEvent.class, registry, AvroSerdeConfig.defaults(), false));
                 ReturnsSimulator simulator = new ReturnsSimulator(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                         SharedKafka.bootstrapServers()), registry, fulfillment, returns, scans, api.client(),
                         new ReturnsSimulator.Shares(1.0, 0, 0), 10, Clock.systemUTC())) {
                events.send(new ProducerRecord<>(fulfillment, delivered, event(delivered, FulfillmentStatus.PLACED, 1))).get();
                events.send(new ProducerRecord<>(fulfillment, cancelled, event(cancelled, FulfillmentStatus.PLACED, 1))).get();
                events.send(new ProducerRecord<>(fulfillment, cancelled, event(cancelled, FulfillmentStatus.CANCELLED, 2))).get();
                events.send(new ProducerRecord<>(fulfillment, delivered, event(delivered, FulfillmentStatus.DELIVERED, 5))).get();

                await().atMost(Duration.ofSeconds(30)).until(() -> simulator.returnsRequested() == 1);
                FakeOrderApi.Call request = api.calls.get(0);
                assertThat(api.calls).hasSize(1);
                assertThat(request.path()).isEqualTo("/orders/" + delivered + "/returns");
                assertThat(request.idempotencyKey()).isEqualTo("return-" + delivered);
                assertThat(request.body().path("items").toString()).isEqualTo("[{\"sku\":\"B00X4WHP5E\",\"quantity\":1}]");
                assertThat(request.body().path("reason").asText()).isNotBlank();

                returnEvents.send(new ProducerRecord<>(returns, delivered, returnEvent(delivered, returnId, ReturnStatus.AUTHORIZED, 1))).get();
                await().atMost(Duration.ofSeconds(30)).until(() -> returnScans(kafka, registry, scans).size() == 1);
                returnEvents.send(new ProducerRecord<>(returns, delivered, returnEvent(delivered, returnId, ReturnStatus.IN_TRANSIT, 2))).get();
                await().atMost(Duration.ofSeconds(30)).until(() -> returnScans(kafka, registry, scans).size() == 2);
                returnEvents.send(new ProducerRecord<>(returns, delivered, returnEvent(delivered, returnId, ReturnStatus.REFUNDED, 4))).get();

                List<ReturnScan> sent = returnScans(kafka, registry, scans);
                ReturnScan shippedBack = sent.get(0);
                assertThat(shippedBack.getScanId()).isEqualTo(returnId + "/SHIPPED_BACK");
                assertThat(shippedBack.getType()).isEqualTo(ReturnScanType.SHIPPED_BACK);
                assertThat(shippedBack.getReturnId()).isEqualTo(returnId);
                assertThat(shippedBack.getCarrier()).isNotBlank();
                assertThat(shippedBack.getTrackingNumber()).startsWith("RT");
                ReturnScan received = sent.get(1);
                assertThat(received.getScanId()).isEqualTo(returnId + "/RECEIVED");
                assertThat(received.getType()).isEqualTo(ReturnScanType.RECEIVED);
                assertThat(received.getWarehouseId()).isEqualTo("RTN-1");
                assertThat(received.getLines()).containsExactly(new ReturnItem("B00X4WHP5E", 1, ItemCondition.SELLABLE));
                // nothing more: no scan for the refunded return, no request for the cancelled order
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> returnScans(kafka, registry, scans).size() == 2 && api.calls.size() == 1);
                assertThat(simulator.returnScansSent()).isEqualTo(2);
            }
        }
    }

    private static List<ReturnScan> returnScans(TestKafka kafka, SchemaRegistryClient registry, String topic) {
        return kafka.readCommitted(topic, new StringDeserializer(), new AvroDeserializer<>(ReturnScan.class, registry))
                .stream().map(ConsumerRecord::value).toList();
    }

    private static FulfillmentEvent event(String orderId, FulfillmentStatus status, int sequence) {
        return FulfillmentEvent.newBuilder()
                .setOrderId(orderId).setStatus(status).setSequence(sequence).setOccurredAt(Instant.now())
                .setWarehouseId("SEA-1")
                .setWorkOrder(status != FulfillmentStatus.PLACED ? null : new WorkOrder(
                        List.of(new WorkOrderItem("B00X4WHP5E", "Kindle Paperwhite", 1), new WorkOrderItem("B07FZ8S74R", "Echo Dot", 2)),
                        ShippingSpeed.STANDARD, LocalDate.now().plusDays(5), SEATTLE))
                .build();
    }

    private static ReturnEvent returnEvent(String orderId, String returnId, ReturnStatus status, int sequence) {
        return ReturnEvent.newBuilder()
                .setReturnId(returnId).setOrderId(orderId).setRequestId("r-1").setStatus(status).setSequence(sequence)
                .setOccurredAt(Instant.now()).setItems(List.of(new ReturnItem("B00X4WHP5E", 1, null)))
                .setReason(ReturnReason.DAMAGED)
                .build();
    }
}

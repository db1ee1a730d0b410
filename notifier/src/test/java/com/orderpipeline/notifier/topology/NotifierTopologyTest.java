package com.orderpipeline.notifier.topology;

import static com.orderpipeline.notifier.Mails.authorized;
import static com.orderpipeline.notifier.Mails.inTransit;
import static com.orderpipeline.notifier.Mails.order;
import static com.orderpipeline.notifier.Mails.orderId;
import static com.orderpipeline.notifier.Mails.outForDelivery;
import static com.orderpipeline.notifier.Mails.refund;
import static com.orderpipeline.notifier.Mails.step;
import static com.orderpipeline.notifier.Mails.trackingNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.notifier.avro.NotifiedOrder;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.notifier.mail.MailRenderer;
import com.orderpipeline.notifier.mail.Templates;
import com.orderpipeline.notifier.metrics.NotifierMetrics;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.ReturnEvent;
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
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier's decisions on TopologyTestDriver: each kind of mail from its event (exact subject, the order ID,
 * the tracking link, amounts in the order's currency), one mail per event however often it comes, none without
 * a contact address, and events that come before their order.
 */
@ExtendWith(SharedKafka.class)
class NotifierTopologyTest {
    private static final TopicNames TOPICS = TopicNames.suffixed("notifier-topology-test");
    private static final String OUTBOX = "notifier.outbox.notifier-topology-test";
    private static final String TRACKING = "https://shop.example/orders";
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String ADA = "ada@example.com";

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderPlaced> placed;
    private TestInputTopic<String, FulfillmentEvent> fulfillment;
    private TestInputTopic<String, CarrierEvent> carrier;
    private TestInputTopic<String, ReturnEvent> returns;
    private TestInputTopic<String, RefundIssued> refunds;
    private TestOutputTopic<String, OutgoingMail> outbox;

    @BeforeEach
    void startDriver() {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(TOPICS, registry, AvroSerdeConfig.defaults());
        StoreSerdes serdes = StoreSerdes.avro(registry, AvroSerdeConfig.defaults());
        NotifierMetrics metrics = new NotifierMetrics(new SimpleMeterRegistry());
        Properties properties = DeadLetterHandlers.counted(new StreamsSettings("notifier-topology-test", stateDir,
                Duration.ofMillis(100), 0, 1024 * 1024, Optional.empty())
                .properties(KafkaSettings.of("localhost:9"), TOPICS.deadLetter()), metrics);
        driver = new TopologyTestDriver(NotifierTopology.build(new NotifierSettings(OUTBOX,
                new MailRenderer(Templates.builtIn(), TRACKING)), topics, serdes, metrics), properties, T0);
        placed = driver.createInputTopic(TOPICS.ordersPlaced(), new StringSerializer(), topics.ordersPlaced().valueSerde().serializer());
        fulfillment = driver.createInputTopic(TOPICS.ordersFulfillment(), new StringSerializer(),
                topics.ordersFulfillment().valueSerde().serializer());
        carrier = driver.createInputTopic(TOPICS.carrierEvents(), new StringSerializer(),
                topics.carrierEvents().valueSerde().serializer());
        returns = driver.createInputTopic(TOPICS.ordersReturns(), new StringSerializer(),
                topics.ordersReturns().valueSerde().serializer());
        refunds = driver.createInputTopic(TOPICS.paymentsRefunds(), new StringSerializer(),
                topics.paymentsRefunds().valueSerde().serializer());
        outbox = driver.createOutputTopic(OUTBOX, new StringDeserializer(), serdes.mails().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void confirmsAnOrderWithItsOrderIdTotalAndTrackingLink() {
        String id = orderId(1);

        placed.pipeInput(id, order(id, ADA, T0), T0);

        OutgoingMail mail = onlyMail();
        assertThat(mail.getMailId()).isEqualTo(id + ".confirmation.placed");
        assertThat(mail.getTo()).isEqualTo(ADA);
        assertThat(mail.getKind()).isEqualTo("confirmation");
        assertThat(mail.getSubject()).isEqualTo("Your order " + id + " is confirmed");
        assertThat(mail.getText()).contains("Order ID: " + id, "Total: $329.97", "2 × Kindle Paperwhite  $149.99 each",
                "Placed on: 3 December 2026", "Expected by: 10 December 2026", TRACKING + "/track/" + id);
        assertThat(mail.getHtml()).contains(id, "$329.97", "href=\"" + TRACKING + "/track/" + id + "\"",
                "2 × Kindle Paperwhite  $149.99 each<br>1 × Case  $29.99 each");
    }

    @Test
    void formatsTheAmountsInTheOrdersOwnCurrency() {
        String id = orderId(2);

        placed.pipeInput(id, order(id, ADA, "EUR", T0), T0);
        refunds.pipeInput(id, refund(id, "EUR", T0.plusSeconds(60)), T0.plusSeconds(60));

        List<OutgoingMail> mails = outbox.readValuesToList();
        assertThat(mails.get(0).getText()).contains("Total: 329,97 €", "149,99 € each");
        assertThat(mails.get(1).getSubject()).isEqualTo("Your refund of 149,99 € for order " + id);
        assertThat(mails.get(1).getText()).contains("refund of 149,99 € for your return " + id + "-R1",
                "1 × Kindle Paperwhite");
        assertThat(outbox.isEmpty()).isTrue();
    }

    @Test
    void tellsOfTheShipmentWithCarrierTrackingNumberAndLink() {
        String id = placedOrder(3);

        fulfillment.pipeInput(id, step(id, FulfillmentStatus.PICKED, 2, T0.plusSeconds(10)), T0.plusSeconds(10));
        fulfillment.pipeInput(id, step(id, FulfillmentStatus.SHIPPED, 4, T0.plusSeconds(30)), T0.plusSeconds(30));

        OutgoingMail mail = onlyMail();
        assertThat(mail.getMailId()).isEqualTo(id + ".shipped.4");
        assertThat(mail.getSubject()).isEqualTo("Your order " + id + " has shipped");
        assertThat(mail.getText()).contains("Carrier: UPS", "Tracking number: " + trackingNumber(id),
                TRACKING + "/track/" + id);
        assertThat(mail.getHtml()).contains(trackingNumber(id), "href=\"" + TRACKING + "/track/" + id + "\"");
    }

    @Test
    void tellsOfTheDayOfDeliveryFromTheCarrierAndOfTheDeliveryItself() {
        String id = placedOrder(4);

        carrier.pipeInput(id, inTransit("ev-1", id, T0.plusSeconds(40)), T0.plusSeconds(40));
        carrier.pipeInput(id, outForDelivery("ev-2", id, T0.plusSeconds(50)), T0.plusSeconds(50));
        fulfillment.pipeInput(id, step(id, FulfillmentStatus.DELIVERED, 5, Instant.parse("2026-12-09T15:00:00Z")),
                T0.plusSeconds(60));

        List<OutgoingMail> mails = outbox.readValuesToList();
        assertThat(mails).extracting(OutgoingMail::getMailId, OutgoingMail::getSubject).containsExactly(
                tuple(id + ".out-for-delivery.ev-2", "Your order " + id + " is out for delivery"),
                tuple(id + ".delivered.5", "Your order " + id + " has been delivered"));
        assertThat(mails.get(0).getText()).contains("out for delivery today with UPS", "Last seen: Seattle, WA");
        assertThat(mails.get(1).getText()).contains("delivered on 9 December 2026");
    }

    @Test
    void tellsOfTheCancellationWithItsReason() {
        String id = placedOrder(5);

        fulfillment.pipeInput(id, step(id, FulfillmentStatus.CANCELLED, 2, T0.plusSeconds(20)), T0.plusSeconds(20));

        OutgoingMail mail = onlyMail();
        assertThat(mail.getSubject()).isEqualTo("Your order " + id + " has been cancelled");
        assertThat(mail.getText()).contains("cancelled on 3 December 2026: you asked us to cancel it.");
    }

    @Test
    void authorizesAReturnWithItsIdAndWhatToSendBack() {
        String id = placedOrder(6);

        returns.pipeInput(id, authorized(id, T0.plusSeconds(90)), T0.plusSeconds(90));

        OutgoingMail mail = onlyMail();
        assertThat(mail.getSubject()).isEqualTo("Your return " + id + "-R1 is authorized");
        assertThat(mail.getText()).contains("return " + id + "-R1 of order " + id, "reason: no longer needed",
                "Please send back:\n1 × Kindle Paperwhite");
    }

    @Test
    void tellsOfTheRefundWithItsAmount() {
        String id = placedOrder(7);

        refunds.pipeInput(id, refund(id, "USD", T0.plusSeconds(120)), T0.plusSeconds(120));

        OutgoingMail mail = onlyMail();
        assertThat(mail.getMailId()).isEqualTo(id + ".refund-issued." + id + "-R1-F1");
        assertThat(mail.getSubject()).isEqualTo("Your refund of $149.99 for order " + id);
    }

    @Test
    void aReplayOfEveryTopicDecidesNothingTwice() {
        String id = orderId(8);
        for (int round = 0; round < 2; round++) {
            placed.pipeInput(id, order(id, ADA, T0), T0);
            fulfillment.pipeInput(id, step(id, FulfillmentStatus.SHIPPED, 4, T0.plusSeconds(30)), T0.plusSeconds(30));
            carrier.pipeInput(id, outForDelivery("ev-2", id, T0.plusSeconds(50)), T0.plusSeconds(50));
            fulfillment.pipeInput(id, step(id, FulfillmentStatus.DELIVERED, 5, T0.plusSeconds(60)), T0.plusSeconds(60));
            returns.pipeInput(id, authorized(id, T0.plusSeconds(90)), T0.plusSeconds(90));
            refunds.pipeInput(id, refund(id, "USD", T0.plusSeconds(120)), T0.plusSeconds(120));
        }

        assertThat(outbox.readValuesToList()).extracting(OutgoingMail::getKind).containsExactly("confirmation",
                "shipped", "out-for-delivery", "delivered", "return-authorized", "refund-issued");
    }

    @Test
    void anOrderWithoutContactAddressGetsNoMail() {
        String id = orderId(9);

        placed.pipeInput(id, order(id, null, T0), T0);
        fulfillment.pipeInput(id, step(id, FulfillmentStatus.SHIPPED, 4, T0.plusSeconds(30)), T0.plusSeconds(30));
        refunds.pipeInput(id, refund(id, "USD", T0.plusSeconds(120)), T0.plusSeconds(120));

        assertThat(outbox.isEmpty()).isTrue();
    }

    @Test
    void anEventBeforeItsOrderWaitsForIt() {
        String id = orderId(10);

        fulfillment.pipeInput(id, step(id, FulfillmentStatus.SHIPPED, 4, T0.plusSeconds(30)), T0.plusSeconds(30));
        assertThat(outbox.isEmpty()).isTrue();
        KeyValueStore<String, NotifiedOrder> store = driver.getKeyValueStore(NotifierTopology.ORDERS_STORE);
        assertThat(store.get(id).getParked()).hasSize(1);

        placed.pipeInput(id, order(id, ADA, T0), T0.plusSeconds(31));

        assertThat(outbox.readValuesToList()).extracting(OutgoingMail::getKind).containsExactly("confirmation", "shipped");
        assertThat(store.get(id).getParked()).isEmpty();
    }

    @Test
    void anEventThatCallsForNoMailSendsNone() {
        String id = placedOrder(11);

        fulfillment.pipeInput(id, step(id, FulfillmentStatus.PACKED, 3, T0.plusSeconds(10)), T0.plusSeconds(10));
        carrier.pipeInput(id, inTransit("ev-1", id, T0.plusSeconds(20)), T0.plusSeconds(20));

        assertThat(outbox.isEmpty()).isTrue();
    }

    /** An order placed with Ada's address, its confirmation already read from the outbox. */
    private String placedOrder(long n) {
        String id = orderId(n);
        placed.pipeInput(id, order(id, ADA, T0), T0);
        assertThat(outbox.readValue().getKind()).isEqualTo("confirmation");
        return id;
    }

    private OutgoingMail onlyMail() {
        OutgoingMail mail = outbox.readValue();
        assertThat(outbox.isEmpty()).as("no other mail").isTrue();
        return mail;
    }
}

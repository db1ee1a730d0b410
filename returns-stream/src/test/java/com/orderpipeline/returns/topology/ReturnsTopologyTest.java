package com.orderpipeline.returns.topology;

import static com.orderpipeline.returns.Returns.CASE;
import static com.orderpipeline.returns.Returns.CASE_PRICE;
import static com.orderpipeline.returns.Returns.KINDLE;
import static com.orderpipeline.returns.Returns.KINDLE_PRICE;
import static com.orderpipeline.returns.Returns.TOTAL;
import static com.orderpipeline.returns.Returns.digital;
import static com.orderpipeline.returns.Returns.digitalId;
import static com.orderpipeline.returns.Returns.fulfillment;
import static com.orderpipeline.returns.Returns.item;
import static com.orderpipeline.returns.Returns.line;
import static com.orderpipeline.returns.Returns.physical;
import static com.orderpipeline.returns.Returns.physicalId;
import static com.orderpipeline.returns.Returns.received;
import static com.orderpipeline.returns.Returns.request;
import static com.orderpipeline.returns.Returns.shippedBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.returns.metrics.ReturnsMetrics;
import com.orderpipeline.returns.rules.ReturnPolicy;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import com.orderpipeline.runtime.streams.StreamsSettings;
import com.orderpipeline.schemas.avro.DeclineReason;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RefundSummary;
import com.orderpipeline.schemas.avro.RefundedItem;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.avro.ReturnScanRejectionReason;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.topics.TopicCatalog;
import com.orderpipeline.schemas.topics.TopicNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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

/**
 * Returns on TopologyTestDriver: every request check, every step of the table, the refund policy, the ship-by
 * expiry and the dead letters, each outcome asserted in full, then that nothing else came out.
 */
@ExtendWith(SharedKafka.class)
class ReturnsTopologyTest {
    private static final TopicNames TOPICS = TopicNames.suffixed("returns-topology-test");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant DELIVERED_AT = T0.plus(Duration.ofDays(3));
    private static final Instant ASKED_AT = DELIVERED_AT.plus(Duration.ofDays(2));
    private static final ReturnPolicy POLICY = ReturnPolicy.defaults();

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderPlaced> placed;
    private TestInputTopic<String, FulfillmentEvent> fulfillment;
    private TestInputTopic<String, ReturnRequested> requests;
    private TestInputTopic<String, ReturnScan> scans;
    private TestOutputTopic<String, ReturnEvent> events;
    private TestOutputTopic<String, RefundIssued> refunds;
    private TestOutputTopic<String, ReturnScanRejected> rejections;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        startDriver(StreamsConfig.EXACTLY_ONCE_V2);
    }

    private void startDriver(String processingGuarantee) {
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));
        TopicCatalog topics = TopicCatalog.create(TOPICS, registry, AvroSerdeConfig.defaults());
        ReturnsMetrics metrics = new ReturnsMetrics(new SimpleMeterRegistry());
        Properties properties = DeadLetterHandlers.counted(new StreamsSettings("returns-topology-test", stateDir,
                Duration.ofMillis(100), 0, 1024 * 1024, Optional.empty())
                .properties(KafkaSettings.of("localhost:9"), TOPICS.deadLetter()), metrics);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        driver = new TopologyTestDriver(ReturnsTopology.build(new ReturnsSettings(POLICY), topics,
                StoreSerdes.avro(registry, AvroSerdeConfig.defaults()), metrics), properties, T0);
        placed = driver.createInputTopic(TOPICS.ordersPlaced(), new StringSerializer(), topics.ordersPlaced().valueSerde().serializer());
        fulfillment = driver.createInputTopic(TOPICS.ordersFulfillment(), new StringSerializer(),
                topics.ordersFulfillment().valueSerde().serializer());
        requests = driver.createInputTopic(TOPICS.returnsRequests(), new StringSerializer(),
                topics.returnsRequests().valueSerde().serializer());
        scans = driver.createInputTopic(TOPICS.returnsScans(), new StringSerializer(), topics.returnsScans().valueSerde().serializer());
        events = driver.createOutputTopic(TOPICS.ordersReturns(), new StringDeserializer(),
                topics.ordersReturns().valueSerde().deserializer());
        refunds = driver.createOutputTopic(TOPICS.paymentsRefunds(), new StringDeserializer(),
                topics.paymentsRefunds().valueSerde().deserializer());
        rejections = driver.createOutputTopic(TOPICS.returnsRejected(), new StringDeserializer(),
                topics.returnsRejected().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // --- requests ---------------------------------------------------------------------------------------------

    @Test
    void authorizesTheFirstReturnOfADeliveredOrderAsR1() {
        String orderId = delivered(1);

        ask("q-1", orderId, ASKED_AT, item(KINDLE, 1));

        assertThat(events.readValuesToList()).containsExactly(ReturnEvent.newBuilder()
                .setReturnId(orderId + "-R1").setOrderId(orderId).setRequestId("q-1").setStatus(ReturnStatus.AUTHORIZED)
                .setSequence(1).setOccurredAt(ASKED_AT).setItems(List.of(item(KINDLE, 1)))
                .setReason(ReturnReason.NO_LONGER_NEEDED).build());
        assertNothingElse();
    }

    @Test
    void authorizesPartialReturnsUntilTheyCoverWhatWasDeliveredThenDeclinesQuantityExceeded() {
        String orderId = delivered(1);

        ask("q-1", orderId, ASKED_AT, item(KINDLE, 1));
        ask("q-2", orderId, ASKED_AT.plusSeconds(60), item(KINDLE, 1), item(CASE, 1));
        ask("q-3", orderId, ASKED_AT.plusSeconds(120), item(KINDLE, 1));

        List<ReturnEvent> decided = events.readValuesToList();
        assertThat(decided).extracting(ReturnEvent::getReturnId, ReturnEvent::getStatus).containsExactly(
                tuple(orderId + "-R1", ReturnStatus.AUTHORIZED),
                tuple(orderId + "-R2", ReturnStatus.AUTHORIZED),
                tuple(null, ReturnStatus.DECLINED));
        assertThat(decided.get(2).getDeclineReason()).isEqualTo(DeclineReason.QUANTITY_EXCEEDED);
        assertThat(decided.get(2).getMessage()).isEqualTo("1 of SKU " + KINDLE + " asked back, but order " + orderId
                + " has 2 of it, 0 not yet covered by its returns");
        assertNothingElse();
    }

    @Test
    void declinesEachRequestItsChecksRefuseWithTheReasonAndWhy() {
        String cancelled = physicalId(2);
        placed.pipeInput(cancelled, physical(cancelled, T0), T0);
        fulfillment.pipeInput(cancelled, fulfillment(cancelled, FulfillmentStatus.CANCELLED, 2, T0.plusSeconds(60)), T0.plusSeconds(60));
        String shipped = physicalId(3);
        placed.pipeInput(shipped, physical(shipped, T0), T0);
        fulfillment.pipeInput(shipped, fulfillment(shipped, FulfillmentStatus.SHIPPED, 4, T0.plusSeconds(90)), T0.plusSeconds(90));
        String ebook = digitalId(4);
        placed.pipeInput(ebook, digital(ebook, T0), T0);
        fulfillment.pipeInput(ebook, fulfillment(ebook, FulfillmentStatus.DELIVERED, 2, T0), T0);
        String orderId = delivered(1);
        Instant tooLate = DELIVERED_AT.plus(POLICY.window()).plusSeconds(1);

        ask("q-unknown", physicalId(99), ASKED_AT, item(KINDLE, 1));
        ask("q-digital", ebook, ASKED_AT, item("EBOOK-1", 1));
        ask("q-cancelled", cancelled, ASKED_AT, item(KINDLE, 1));
        ask("q-shipped", shipped, ASKED_AT, item(KINDLE, 1));
        ask("q-not-in-order", orderId, ASKED_AT, item("B99", 1));
        ask("q-too-many", orderId, ASKED_AT, item(KINDLE, 1), item(KINDLE, 2));
        ask("q-too-late", orderId, tooLate, item(KINDLE, 1));

        List<ReturnEvent> declined = events.readValuesToList();
        assertThat(declined.get(0)).isEqualTo(ReturnEvent.newBuilder()
                .setOrderId(physicalId(99)).setRequestId("q-unknown").setStatus(ReturnStatus.DECLINED).setSequence(1)
                .setOccurredAt(ASKED_AT).setItems(List.of(item(KINDLE, 1))).setReason(ReturnReason.NO_LONGER_NEEDED)
                .setDeclineReason(DeclineReason.UNKNOWN_ORDER).setMessage("No order " + physicalId(99) + " is known").build());
        assertThat(declined).allSatisfy(event -> {
            assertThat(event.getStatus()).isEqualTo(ReturnStatus.DECLINED);
            assertThat(event.getReturnId()).isNull();
            assertThat(event.getSequence()).isEqualTo(1);
        }).extracting(ReturnEvent::getRequestId, ReturnEvent::getDeclineReason, ReturnEvent::getMessage).containsExactly(
                tuple("q-unknown", DeclineReason.UNKNOWN_ORDER, "No order " + physicalId(99) + " is known"),
                tuple("q-digital", DeclineReason.DIGITAL_ORDER,
                        "Order " + ebook + " is digital: nothing of it can be sent back"),
                tuple("q-cancelled", DeclineReason.CANCELLED_ORDER,
                        "Order " + cancelled + " was cancelled: nothing of it was delivered"),
                tuple("q-shipped", DeclineReason.NOT_DELIVERED,
                        "Order " + shipped + " is SHIPPED, not delivered; a return can be asked for once it is"),
                tuple("q-not-in-order", DeclineReason.NOT_IN_ORDER,
                        "SKU B99 is not in order " + orderId),
                tuple("q-too-many", DeclineReason.QUANTITY_EXCEEDED,
                        "3 of SKU " + KINDLE + " asked back, but order " + orderId + " has 2 of it, 2 not yet covered by its returns"),
                tuple("q-too-late", DeclineReason.WINDOW_CLOSED,
                        "Order " + orderId + " was delivered on " + DELIVERED_AT + "; returns close 30 days after delivery"));
        assertNothingElse();
    }

    @Test
    void aReDeliveredRequestOrFulfillmentEventChangesNothing() {
        String orderId = delivered(1);
        ask("q-1", orderId, ASKED_AT, item(KINDLE, 1));
        events.readValuesToList();

        ask("q-1", orderId, ASKED_AT.plusSeconds(5), item(KINDLE, 1));
        fulfillment.pipeInput(orderId, fulfillment(orderId, FulfillmentStatus.SHIPPED, 4, T0.plusSeconds(100)), ASKED_AT);
        ask("q-2", orderId, ASKED_AT.plusSeconds(10), item(KINDLE, 1));

        assertThat(events.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getRequestId()).isEqualTo("q-2");
            assertThat(event.getReturnId()).as("still delivered, so authorized").isEqualTo(orderId + "-R2");
        });
        assertNothingElse();
    }

    // --- the lifecycle and the refund ------------------------------------------------------------------------

    @Test
    void refundsWhatCameBackInARefundedConditionAtItsUnitPriceInTheOrdersCurrency() {
        String orderId = delivered(1);
        String returnId = orderId + "-R1";
        ask("q-1", orderId, ASKED_AT, item(KINDLE, 2), item(CASE, 1));
        Instant shippedAt = ASKED_AT.plus(Duration.ofDays(1));
        Instant receivedAt = ASKED_AT.plus(Duration.ofDays(3));

        scans.pipeInput(orderId, shippedBack("s-1", orderId, returnId, shippedAt), shippedAt);
        List<ReturnItem> lines = List.of(line(KINDLE, 1, ItemCondition.SELLABLE), line(KINDLE, 1, ItemCondition.MISSING),
                line(CASE, 1, ItemCondition.DAMAGED));
        scans.pipeInput(orderId, received("s-2", orderId, returnId, receivedAt, lines.toArray(ReturnItem[]::new)), receivedAt);

        List<ReturnEvent> steps = events.readValuesToList();
        assertThat(steps).extracting(ReturnEvent::getStatus, ReturnEvent::getSequence).containsExactly(
                tuple(ReturnStatus.AUTHORIZED, 1),
                tuple(ReturnStatus.IN_TRANSIT, 2),
                tuple(ReturnStatus.RECEIVED, 3),
                tuple(ReturnStatus.REFUNDED, 4));
        assertThat(steps.get(1).getCarrier()).isEqualTo("UPS");
        assertThat(steps.get(1).getTrackingNumber()).isEqualTo("1ZRET" + returnId.replace("-", ""));
        assertThat(steps.get(1).getOccurredAt()).isEqualTo(shippedAt);
        assertThat(steps.get(2).getItems()).isEqualTo(lines);
        assertThat(steps.get(2).getOccurredAt()).isEqualTo(receivedAt);
        long amount = KINDLE_PRICE + CASE_PRICE;
        assertThat(steps.get(3).getRefund()).isEqualTo(new RefundSummary(returnId + "-F1", amount, "USD"));
        assertThat(refunds.readValuesToList()).containsExactly(new RefundIssued(returnId + "-F1", orderId, returnId, amount,
                "USD", List.of(new RefundedItem(KINDLE, 1, KINDLE_PRICE, ItemCondition.SELLABLE),
                        new RefundedItem(CASE, 1, CASE_PRICE, ItemCondition.DAMAGED)), receivedAt));
        assertNothingElse();
    }

    @Test
    void closesAReturnReceivedWithNothingRefundableAndIssuesNoRefund() {
        String orderId = delivered(1);
        String returnId = orderId + "-R1";
        ask("q-1", orderId, ASKED_AT, item(CASE, 1));
        Instant receivedAt = ASKED_AT.plus(Duration.ofDays(2));

        scans.pipeInput(orderId, received("s-1", orderId, returnId, receivedAt, line(CASE, 1, ItemCondition.MISSING)), receivedAt);

        assertThat(events.readValuesToList()).extracting(ReturnEvent::getStatus, ReturnEvent::getMessage).containsExactly(
                tuple(ReturnStatus.AUTHORIZED, null),
                tuple(ReturnStatus.RECEIVED, null),
                tuple(ReturnStatus.CLOSED,
                        "Nothing of return " + returnId + " is refundable: every line came back MISSING"));
        assertNothingElse();
    }

    @Test
    void refundsOfAWholeOrderInTwoReturnsAddUpToItsTotalExactly() {
        String orderId = delivered(1);
        ask("q-1", orderId, ASKED_AT, item(KINDLE, 1));
        ask("q-2", orderId, ASKED_AT, item(KINDLE, 1), item(CASE, 1));
        Instant at = ASKED_AT.plus(Duration.ofDays(2));
        scans.pipeInput(orderId, received("s-1", orderId, orderId + "-R1", at, line(KINDLE, 1, ItemCondition.SELLABLE)), at);
        scans.pipeInput(orderId, received("s-2", orderId, orderId + "-R2", at, line(KINDLE, 1, ItemCondition.WRONG_ITEM),
                line(CASE, 1, ItemCondition.SELLABLE)), at);

        assertThat(refunds.readValuesToList()).extracting(RefundIssued::getReturnId, RefundIssued::getAmount).containsExactly(
                tuple(orderId + "-R1", KINDLE_PRICE), tuple(orderId + "-R2", KINDLE_PRICE + CASE_PRICE));
        assertThat(KINDLE_PRICE + KINDLE_PRICE + CASE_PRICE).isEqualTo(TOTAL);
        assertThat(events.readValuesToList()).extracting(ReturnEvent::getReturnId, ReturnEvent::getStatus).containsExactly(
                tuple(orderId + "-R1", ReturnStatus.AUTHORIZED), tuple(orderId + "-R2", ReturnStatus.AUTHORIZED),
                tuple(orderId + "-R1", ReturnStatus.RECEIVED), tuple(orderId + "-R1", ReturnStatus.REFUNDED),
                tuple(orderId + "-R2", ReturnStatus.RECEIVED), tuple(orderId + "-R2", ReturnStatus.REFUNDED));
        assertNothingElse();
    }

    @Test
    void rejectsScansItCannotApplyWithTheReturnsStatusAndIgnoresARedeliveredOne() {
        String orderId = delivered(1);
        String returnId = orderId + "-R1";
        ask("q-1", orderId, ASKED_AT, item(KINDLE, 1));
        Instant at = ASKED_AT.plusSeconds(3600);
        ReturnScan noCarrier = ReturnScan.newBuilder(shippedBack("s-1", orderId, returnId, at)).setCarrier(null).build();
        ReturnScan noWarehouse = ReturnScan.newBuilder(received("s-2", orderId, returnId, at, line(KINDLE, 1, ItemCondition.SELLABLE)))
                .setWarehouseId(null).build();
        List<ReturnScan> refused = List.of(
                shippedBack("s-0", orderId, orderId + "-R9", at),
                noCarrier,
                noWarehouse,
                received("s-3", orderId, returnId, at, line(CASE, 1, ItemCondition.SELLABLE)),
                received("s-4", orderId, returnId, at, line(KINDLE, 2, ItemCondition.SELLABLE)),
                received("s-5", orderId, returnId, at),
                ReturnScan.newBuilder(shippedBack("s-6", orderId, returnId, at)).setType(ReturnScanType.UNKNOWN).build());
        refused.forEach(scan -> scans.pipeInput(orderId, scan, at));
        scans.pipeInput(orderId, shippedBack("s-7", orderId, returnId, at), at);
        scans.pipeInput(orderId, shippedBack("s-7", orderId, returnId, at), at);
        scans.pipeInput(orderId, shippedBack("s-8", orderId, returnId, at), at);

        List<ReturnScanRejected> rejected = rejections.readValuesToList();
        assertThat(rejected).extracting(rejection -> rejection.getScan().getScanId(), ReturnScanRejected::getReason,
                ReturnScanRejected::getReturnStatus).containsExactly(
                tuple("s-0", ReturnScanRejectionReason.UNKNOWN_RETURN, null),
                tuple("s-1", ReturnScanRejectionReason.MISSING_SHIPMENT_DETAILS, ReturnStatus.AUTHORIZED),
                tuple("s-2", ReturnScanRejectionReason.MISSING_SHIPMENT_DETAILS, ReturnStatus.AUTHORIZED),
                tuple("s-3", ReturnScanRejectionReason.LINES_NOT_IN_RETURN, ReturnStatus.AUTHORIZED),
                tuple("s-4", ReturnScanRejectionReason.LINES_NOT_IN_RETURN, ReturnStatus.AUTHORIZED),
                tuple("s-5", ReturnScanRejectionReason.LINES_NOT_IN_RETURN, ReturnStatus.AUTHORIZED),
                tuple("s-6", ReturnScanRejectionReason.INVALID_TRANSITION, ReturnStatus.AUTHORIZED),
                tuple("s-8", ReturnScanRejectionReason.INVALID_TRANSITION, ReturnStatus.IN_TRANSIT));
        assertThat(rejected).extracting(ReturnScanRejected::getMessage).containsExactly(
                "Order " + orderId + " has no return " + orderId + "-R9",
                "A SHIPPED_BACK scan needs a carrier and a tracking number; this one has no carrier and a tracking number",
                "A RECEIVED scan needs the warehouseId of the warehouse that received the return",
                "SKU " + CASE + " is not in return " + returnId + " ([" + KINDLE + "])",
                "2 of SKU " + KINDLE + " came back, but return " + returnId + " has 1",
                "A RECEIVED scan lists what came back, line by line; this one has no lines",
                "The scan's type is one this version of returns-stream does not know; send SHIPPED_BACK or RECEIVED",
                "Return " + returnId + " is already IN_TRANSIT");
        assertThat(events.readValuesToList()).extracting(ReturnEvent::getStatus)
                .containsExactly(ReturnStatus.AUTHORIZED, ReturnStatus.IN_TRANSIT);
        assertNothingElse();
    }

    @Test
    void receivesAReturnHandedInAtTheWarehouseStraightFromAuthorizedAndRefusesScansAfterItsEnd() {
        String orderId = delivered(1);
        String returnId = orderId + "-R1";
        ask("q-1", orderId, ASKED_AT, item(KINDLE, 1));
        Instant at = ASKED_AT.plusSeconds(3600);

        scans.pipeInput(orderId, received("s-1", orderId, returnId, at, line(KINDLE, 1, ItemCondition.SELLABLE)), at);
        scans.pipeInput(orderId, shippedBack("s-2", orderId, returnId, at), at);
        scans.pipeInput(orderId, received("s-3", orderId, returnId, at, line(KINDLE, 1, ItemCondition.SELLABLE)), at);

        assertThat(events.readValuesToList()).extracting(ReturnEvent::getStatus)
                .containsExactly(ReturnStatus.AUTHORIZED, ReturnStatus.RECEIVED, ReturnStatus.REFUNDED);
        assertThat(refunds.readValuesToList()).singleElement().extracting(RefundIssued::getAmount).isEqualTo(KINDLE_PRICE);
        assertThat(rejections.readValuesToList()).extracting(ReturnScanRejected::getMessage).containsExactly(
                "Return " + returnId + " is REFUNDED; SHIPPED_BACK would be a step backwards",
                "Return " + returnId + " is already REFUNDED");
        assertNothingElse();
    }

    // --- the ship-by deadline --------------------------------------------------------------------------------

    @Test
    void closesAReturnNotShippedBackInTimeAndFreesItsItemsForANewRequest() {
        String orderId = delivered(1);
        String other = delivered(2);
        ask("q-1", orderId, ASKED_AT, item(KINDLE, 2));
        ask("q-2", other, ASKED_AT, item(KINDLE, 1));
        scans.pipeInput(other, shippedBack("s-1", other, other + "-R1", ASKED_AT.plusSeconds(60)), ASKED_AT.plusSeconds(60));
        events.readValuesToList();
        Instant deadline = ASKED_AT.plus(POLICY.shipBy());

        String late = physicalId(3);
        placed.pipeInput(late, physical(late, deadline.minusSeconds(1)), deadline.minusSeconds(1));
        assertThat(events.readValuesToList()).as("not before its deadline").isEmpty();
        placed.pipeInput(late, physical(late, deadline.plusSeconds(60)), deadline.plusSeconds(60));

        assertThat(events.readValuesToList()).singleElement().isEqualTo(ReturnEvent.newBuilder()
                .setReturnId(orderId + "-R1").setOrderId(orderId).setRequestId("q-1").setStatus(ReturnStatus.CLOSED)
                .setSequence(2).setOccurredAt(deadline).setItems(List.of(item(KINDLE, 2)))
                .setReason(ReturnReason.NO_LONGER_NEEDED)
                .setMessage("Return " + orderId + "-R1 was not shipped back within 14 days of its authorization").build());
        ask("q-3", orderId, deadline.plusSeconds(120), item(KINDLE, 2));
        assertThat(events.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getStatus()).isEqualTo(ReturnStatus.AUTHORIZED);
            assertThat(event.getReturnId()).isEqualTo(orderId + "-R2");
        });
        assertNothingElse();
    }

    // --- dead letters ----------------------------------------------------------------------------------------

    @Test
    void sendsARequestItCannotJudgeToTheDeadLettersWithTheReasonAndGoesOn() {
        // TopologyTestDriver loses dead letters under exactly-once (they are sent in the open transaction)
        driver.close();
        startDriver(StreamsConfig.AT_LEAST_ONCE);
        String orderId = delivered(1);

        ask("q-empty", orderId, ASKED_AT);
        ask("q-zero", orderId, ASKED_AT, item(KINDLE, 0));
        requests.pipeInput(physicalId(5), request("q-key", orderId, ASKED_AT, item(KINDLE, 1)), ASKED_AT);
        ask("q-1", orderId, ASKED_AT, item(KINDLE, 1));

        assertThat(deadLetters.readRecordsToList()).extracting(letter -> new String(
                letter.headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8)).containsExactly(
                "Return request q-empty for order " + orderId + " asks for no items",
                "Return request q-zero for order " + orderId + " has a line of SKU '" + KINDLE + "' and quantity 0;"
                        + " each line needs a SKU and a quantity of at least 1",
                "Record key '" + physicalId(5) + "' is not the order ID '" + orderId + "' of its value; records are keyed by order ID");
        assertThat(events.readValuesToList()).singleElement().extracting(ReturnEvent::getReturnId).isEqualTo(orderId + "-R1");
        assertNothingElse();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A physical order (two Kindles and a case) placed at T0 and delivered at DELIVERED_AT. */
    private String delivered(long n) {
        String orderId = physicalId(n);
        placed.pipeInput(orderId, physical(orderId, T0), T0);
        for (FulfillmentStatus status : List.of(FulfillmentStatus.PLACED, FulfillmentStatus.PICKED,
                FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED)) {
            int sequence = status.ordinal() + 1;
            Instant at = status == FulfillmentStatus.DELIVERED ? DELIVERED_AT : T0.plusSeconds(sequence * 60L);
            fulfillment.pipeInput(orderId, fulfillment(orderId, status, sequence, at), at);
        }
        return orderId;
    }

    private void ask(String requestId, String orderId, Instant at, ReturnItem... items) {
        requests.pipeInput(orderId, request(requestId, orderId, at, items), at);
    }

    private void assertNothingElse() {
        assertThat(events.readValuesToList()).as("return events").isEmpty();
        assertThat(refunds.readValuesToList()).as("refunds").isEmpty();
        assertThat(rejections.readValuesToList()).as("rejected scans").isEmpty();
        assertThat(deadLetters.readRecordsToList()).as("dead letters").isEmpty();
    }
}

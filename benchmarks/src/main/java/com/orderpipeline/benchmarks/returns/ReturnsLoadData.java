package com.orderpipeline.benchmarks.returns;

import com.orderpipeline.benchmarks.load.AckedSends;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.Payment;
import com.orderpipeline.schemas.avro.PaymentMethod;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.avro.WorkOrder;
import com.orderpipeline.schemas.avro.WorkOrderItem;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.schemas.topics.Topic;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The returns load run's input: physical orders of a Kindle and a case, paid by card in USD; their fulfillment
 * events PLACED to DELIVERED on {@code orders.fulfillment} as fulfillment-stream writes them; one return request of
 * the Kindle per order a day after its delivery; and its return scans, SHIPPED_BACK a day after the request and
 * RECEIVED (sellable, or damaged for every other order, both refunded) a day after that. Well inside the return
 * window (30 days) and the ship-by period (14 days), so that every return is authorized and refunded.
 *
 * <p>Every record is stamped with its event time, and each topic is written in waves (every order's PLACED, then
 * every PICKED, ...): Kafka Streams takes the records of a task's four input partitions in timestamp order, so
 * the processor sees each order placed and delivered before its return is asked for. The whole history lies in the
 * last five days, inside the broker's default retention of seven.
 */
final class ReturnsLoadData {
    /** PLACED, PICKED, PACKED, SHIPPED and DELIVERED. */
    static final int FULFILLMENT_EVENTS_PER_ORDER = FulfillmentSteps.FORWARD.size();
    /** SHIPPED_BACK and RECEIVED. */
    static final int SCANS_PER_ORDER = 2;
    static final String WAREHOUSE = "SEA-1";
    private static final String KINDLE = "B00X4WHP5E";
    /** What each order is refunded: the Kindle came back, sellable or damaged. */
    static final long KINDLE_PRICE = 14_999L;
    private static final String CASE = "B07K1RZWMC";
    private static final long CASE_PRICE = 2_999L;
    private static final String CARRIER = "UPS";
    private static final Duration STEP = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private ReturnsLoadData() {
    }

    /** Writes the orders, their fulfillment, return requests and return scans; fails unless all were acknowledged. */
    static void preload(String bootstrap, TopicCatalog topics, int orders) {
        AckedSends sends = new AckedSends();
        Instant base = Instant.now().minus(Duration.ofDays(5));
        send(bootstrap, topics.ordersPlaced(), sends, orders, i -> order(i, placedAt(base, i)));
        for (FulfillmentStatus status : FulfillmentSteps.FORWARD) {
            send(bootstrap, topics.ordersFulfillment(), sends, orders, i -> fulfillment(i, status, placedAt(base, i)));
        }
        send(bootstrap, topics.returnsRequests(), sends, orders, i -> request(i, requestedAt(base, i)));
        send(bootstrap, topics.returnsScans(), sends, orders, i -> shippedBack(i, requestedAt(base, i).plus(DAY)));
        send(bootstrap, topics.returnsScans(), sends, orders,
                i -> received(i, requestedAt(base, i).plus(DAY.multipliedBy(2))));
        sends.requireAll();
    }

    /** One record per order, {@code record(i)} for order i, keyed by the order ID and stamped with its event time. */
    private static <V> void send(String bootstrap, Topic<String, V> topic, AckedSends sends, int orders,
                                 IntFunction<Stamped<V>> record) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(AckedSends.producerConfig(bootstrap),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (int i = 0; i < orders; i++) {
                Stamped<V> stamped = record.apply(i);
                producer.send(new ProducerRecord<>(topic.name(), null, stamped.at().toEpochMilli(), orderId(i),
                        stamped.value()), sends);
            }
        }
    }

    /** A value and the time it happened at, which becomes its record's timestamp. */
    private record Stamped<V>(V value, Instant at) {
    }

    private static Instant placedAt(Instant base, int i) {
        return base.plusMillis(10L * i);
    }

    /** A day after the delivery, which is a day after the order was placed. */
    private static Instant requestedAt(Instant base, int i) {
        return placedAt(base, i).plus(DAY.multipliedBy(2));
    }

    static String orderId(int i) {
        return OrderId.of("114", 1_000_000L + i).canonical();
    }

    private static String returnId(int i) {
        return orderId(i) + "-R1";
    }

    private static Stamped<OrderPlaced> order(int i, Instant placedAt) {
        return new Stamped<>(new OrderPlaced(orderId(i), "C-" + i, placedAt, Channel.PHYSICAL,
                List.of(new LineItem(KINDLE, "Kindle Paperwhite", 1, KINDLE_PRICE),
                        new LineItem(CASE, "Kindle Paperwhite case", 1, CASE_PRICE)),
                "USD", KINDLE_PRICE + CASE_PRICE, ShippingSpeed.STANDARD, LocalDate.now().minusDays(2), address(),
                null, new Payment(PaymentMethod.CARD, "Visa ending in 4242")), placedAt);
    }

    /**
     * The order's fulfillment event of {@code status}, as fulfillment-stream writes it: PLACED with the work order
     * at the order's time, each scan's step an hour apart, DELIVERED a day after the order; the shipment's
     * details from SHIPPED on.
     */
    private static Stamped<FulfillmentEvent> fulfillment(int i, FulfillmentStatus status, Instant placedAt) {
        int step = FulfillmentSteps.FORWARD.indexOf(status);
        boolean placed = status == FulfillmentStatus.PLACED;
        boolean shipped = step >= FulfillmentSteps.FORWARD.indexOf(FulfillmentStatus.SHIPPED);
        Instant at = status == FulfillmentStatus.DELIVERED ? placedAt.plus(DAY) : placedAt.plus(STEP.multipliedBy(step));
        String orderId = orderId(i);
        return new Stamped<>(new FulfillmentEvent(orderId, status, FulfillmentSteps.previous(status), step + 1, at,
                WAREHOUSE, shipped ? CARRIER : null, shipped ? "1Z" + i : null, placed ? null : orderId + "-" + status,
                placed ? workOrder() : null, null), at);
    }

    private static WorkOrder workOrder() {
        return new WorkOrder(List.of(new WorkOrderItem(KINDLE, "Kindle Paperwhite", 1),
                new WorkOrderItem(CASE, "Kindle Paperwhite case", 1)), ShippingSpeed.STANDARD,
                LocalDate.now().minusDays(2), address());
    }

    private static Stamped<ReturnRequested> request(int i, Instant at) {
        return new Stamped<>(new ReturnRequested("RQ-" + i, orderId(i), List.of(new ReturnItem(KINDLE, 1, null)),
                ReturnReason.NO_LONGER_NEEDED, null, RequestedBy.CUSTOMER, at), at);
    }

    private static Stamped<ReturnScan> shippedBack(int i, Instant at) {
        return new Stamped<>(new ReturnScan(returnId(i) + "-SHIPPED_BACK", returnId(i), orderId(i),
                ReturnScanType.SHIPPED_BACK, null, at, CARRIER, "1ZRET" + i, List.of()), at);
    }

    private static Stamped<ReturnScan> received(int i, Instant at) {
        ItemCondition condition = i % 2 == 0 ? ItemCondition.SELLABLE : ItemCondition.DAMAGED;
        return new Stamped<>(new ReturnScan(returnId(i) + "-RECEIVED", returnId(i), orderId(i), ReturnScanType.RECEIVED,
                WAREHOUSE, at, null, null, List.of(new ReturnItem(KINDLE, 1, condition))), at);
    }

    private static Address address() {
        return new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US");
    }
}

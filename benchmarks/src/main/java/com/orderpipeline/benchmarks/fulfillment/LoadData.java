package com.orderpipeline.benchmarks.fulfillment;

import com.orderpipeline.benchmarks.load.AckedSends;
import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The load run's input: physical orders to one warehouse and, after all of them, their scans in waves (every
 * PICKED, then every PACKED, ...) as a warehouse would send them, each record stamped with its event time.
 */
final class LoadData {
    static final String WAREHOUSE = "SEA-1";

    private LoadData() {
    }

    /** Writes the orders and their scans; fails unless the broker acknowledged every one of them. */
    static void preload(String bootstrap, TopicCatalog topics, int orders) {
        AckedSends failed = new AckedSends();
        Instant base = Instant.now().minus(Duration.ofHours(2));
        Map<String, Object> config = AckedSends.producerConfig(bootstrap);
        try (KafkaProducer<String, OrderPlaced> placed = new KafkaProducer<>(config, new StringSerializer(),
                topics.ordersPlaced().valueSerde().serializer());
             KafkaProducer<String, WarehouseScan> scans = new KafkaProducer<>(config, new StringSerializer(),
                     topics.fulfillmentScans().valueSerde().serializer())) {
            for (int i = 0; i < orders; i++) {
                OrderPlaced order = order(i, base.plusMillis(10L * i));
                placed.send(new ProducerRecord<>(topics.ordersPlaced().name(), null,
                        order.getPlacedAt().toEpochMilli(), order.getOrderId(), order), failed);
            }
            placed.flush();
            for (ScanType type : FulfillmentSteps.SCANS) {
                for (int i = 0; i < orders; i++) {
                    String orderId = orderId(i);
                    Instant at = base.plusMillis(10L * i).plus(Duration.ofMinutes(1 + type.ordinal()));
                    boolean shipped = type == ScanType.SHIPPED;
                    WarehouseScan scan = new WarehouseScan(orderId + "-" + type, orderId, type, WAREHOUSE, at,
                            shipped ? "UPS" : null, shipped ? "1Z" + i : null, null);
                    scans.send(new ProducerRecord<>(topics.fulfillmentScans().name(), null, at.toEpochMilli(), orderId,
                            scan), failed);
                }
            }
            scans.flush();
        }
        failed.requireAll();
    }

    private static String orderId(int i) {
        return OrderId.of("114", 1_000_000L + i).canonical();
    }

    private static OrderPlaced order(int i, Instant placedAt) {
        return new OrderPlaced(orderId(i), "C-" + i, placedAt, Channel.PHYSICAL,
                List.of(new LineItem("B00X4WHP5E", "Kindle Paperwhite", 1, 14_999L)), "USD", 14_999L,
                ShippingSpeed.STANDARD, LocalDate.now().plusDays(3),
                new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US"), null, null);
    }
}

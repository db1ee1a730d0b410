package com.orderpipeline.schemas.topics;

import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.CarrierEvent;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.IdempotentOrder;
import com.orderpipeline.schemas.avro.OrderIdBlockClaim;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RequestRejected;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one catalogue of the pipeline's topics: name, key serde and value serde of each. Keys are order IDs as
 * UTF-8 strings (the prefix for {@code order-ids.blocks}, the Idempotency-Key for {@code order-ids.idempotency}); values are Avro in the Confluent wire format, except
 * the dead letters, which keep the raw bytes that could not be read.
 */
public record TopicCatalog(
        Topic<String, OrderPlaced> ordersPlaced,
        Topic<String, WarehouseScan> fulfillmentScans,
        Topic<String, FulfillmentEvent> ordersFulfillment,
        Topic<String, ScanRejected> fulfillmentRejected,
        Topic<String, OrderTracking> ordersTracking,
        Topic<byte[], byte[]> deadLetter,
        Topic<String, OrderIdBlockClaim> orderIdBlocks,
        Topic<String, IdempotentOrder> orderIdIdempotency,
        Topic<String, CancellationRequested> ordersRequests,
        Topic<String, RequestRejected> ordersRequestsRejected,
        Topic<String, ReturnRequested> returnsRequests,
        Topic<String, ReturnScan> returnsScans,
        Topic<String, ReturnScanRejected> returnsRejected,
        Topic<String, ReturnEvent> ordersReturns,
        Topic<String, RefundIssued> paymentsRefunds,
        Topic<String, CarrierEvent> carrierEvents) {

    public static TopicCatalog create(TopicNames names, SchemaRegistryClient registry, AvroSerdeConfig config) {
        Serde<String> keys = Serdes.String();
        return new TopicCatalog(
                new Topic<>(names.ordersPlaced(), keys, avro(OrderPlaced.class, registry, config)),
                new Topic<>(names.fulfillmentScans(), keys, avro(WarehouseScan.class, registry, config)),
                new Topic<>(names.ordersFulfillment(), keys, avro(FulfillmentEvent.class, registry, config)),
                new Topic<>(names.fulfillmentRejected(), keys, avro(ScanRejected.class, registry, config)),
                new Topic<>(names.ordersTracking(), keys, avro(OrderTracking.class, registry, config)),
                new Topic<>(names.deadLetter(), Serdes.ByteArray(), Serdes.ByteArray()),
                new Topic<>(names.orderIdBlocks(), keys, avro(OrderIdBlockClaim.class, registry, config)),
                new Topic<>(names.orderIdIdempotency(), keys, avro(IdempotentOrder.class, registry, config)),
                new Topic<>(names.ordersRequests(), keys, avro(CancellationRequested.class, registry, config)),
                new Topic<>(names.ordersRequestsRejected(), keys, avro(RequestRejected.class, registry, config)),
                new Topic<>(names.returnsRequests(), keys, avro(ReturnRequested.class, registry, config)),
                new Topic<>(names.returnsScans(), keys, avro(ReturnScan.class, registry, config)),
                new Topic<>(names.returnsRejected(), keys, avro(ReturnScanRejected.class, registry, config)),
                new Topic<>(names.ordersReturns(), keys, avro(ReturnEvent.class, registry, config)),
                new Topic<>(names.paymentsRefunds(), keys, avro(RefundIssued.class, registry, config)),
                new Topic<>(names.carrierEvents(), keys, avro(CarrierEvent.class, registry, config)));
    }

    /** Every topic, in the order of SPEC.md. */
    public List<Topic<?, ?>> all() {
        return List.of(ordersPlaced, fulfillmentScans, ordersFulfillment, fulfillmentRejected, ordersTracking,
                deadLetter, orderIdBlocks, orderIdIdempotency, ordersRequests, ordersRequestsRejected, returnsRequests,
                returnsScans, returnsRejected, ordersReturns, paymentsRefunds, carrierEvents);
    }

    private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, SchemaRegistryClient registry,
                                                           AvroSerdeConfig config) {
        return AvroSerde.forValues(type, registry, config);
    }
}

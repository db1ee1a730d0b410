package com.orderpipeline.returns.topology;

import com.orderpipeline.returns.state.OrderReturns;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serde of the {@value ReturnsTopology#ORDERS_STORE} store's values: Avro in the Confluent wire format, as on
 * the topics, so a state written by an older version of the app is read into today's classes and the changelog
 * is readable with any Confluent deserializer.
 */
public record StoreSerdes(Serde<OrderReturns> orders) {

    public static StoreSerdes avro(SchemaRegistryClient registry, AvroSerdeConfig config) {
        return new StoreSerdes(AvroSerde.forValues(OrderReturns.class, registry, config));
    }
}

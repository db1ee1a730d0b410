package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.fulfillment.state.ParkedScans;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the state stores' values. Avro in the Confluent wire format, as on the topics: each stored value
 * names its writer schema (registered under {@code <changelog topic>-value}), so a state written by an older
 * version of the app is read into today's classes, and the changelogs are readable with any Confluent
 * deserializer.
 */
public record StoreSerdes(Serde<OrderState> orders, Serde<ParkedScans> parkedScans) {

    public static StoreSerdes avro(SchemaRegistryClient registry, AvroSerdeConfig config) {
        return new StoreSerdes(AvroSerde.forValues(OrderState.class, registry, config),
                AvroSerde.forValues(ParkedScans.class, registry, config));
    }
}

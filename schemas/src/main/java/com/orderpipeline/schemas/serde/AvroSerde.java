package com.orderpipeline.schemas.serde;

import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A Kafka {@link Serde} for one generated Avro class in the Confluent wire format. */
public final class AvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        super(serializer, deserializer);
    }

    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, SchemaRegistryClient registry,
                                                                    AvroSerdeConfig config) {
        return new AvroSerde<>(new AvroSerializer<>(type, registry, config, false), new AvroDeserializer<>(type, registry));
    }

    public static <T extends SpecificRecord> AvroSerde<T> forKeys(Class<T> type, SchemaRegistryClient registry,
                                                                  AvroSerdeConfig config) {
        return new AvroSerde<>(new AvroSerializer<>(type, registry, config, true), new AvroDeserializer<>(type, registry));
    }
}

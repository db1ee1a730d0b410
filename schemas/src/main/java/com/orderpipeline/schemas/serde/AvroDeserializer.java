package com.orderpipeline.schemas.serde;

import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format records into a generated class. The writer's schema comes from the registry by
 * the id in the record and is resolved against the class's schema, so a record written with an older (or
 * newer, compatible) version of the schema reads into today's class.
 *
 * <p>Bytes that can never be read (no magic byte, a schema id the registry does not know, data that does not
 * match the schema) throw {@link SerializationException}; a registry that cannot answer now throws
 * {@link RegistryUnavailableException}, which is retriable.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final Schema classSchema;
    private final SpecificData model;
    private final SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        TrustedPackages.trustProjectPackages();
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.classSchema = model.getSchema(type);
        this.registry = registry;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(topic, data);
        SpecificDatumReader<T> reader = readersBySchemaId.computeIfAbsent(schemaId, id -> reader(topic, id));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(
                    data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null));
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new SerializationException("Could not read a " + type.getSimpleName() + " from topic '" + topic
                    + "' written with schema id " + schemaId + ": " + e, e);
        }
    }

    private SpecificDatumReader<T> reader(String topic, int schemaId) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isRetriable()) {
                throw new RegistryUnavailableException("Could not fetch schema id " + schemaId + " for a record on topic '"
                        + topic + "'; the record is kept and read again once the registry answers: " + e.getMessage(), e);
            }
            throw new SerializationException("Record on topic '" + topic + "' names schema id " + schemaId
                    + ", which the registry could not give: " + e.getMessage(), e);
        }
        return new SpecificDatumReader<>(writerSchema, classSchema, model);
    }
}

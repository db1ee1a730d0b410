package com.orderpipeline.schemas.serde;

import com.orderpipeline.schemas.registry.RegisteredSchema;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format under the TopicNameStrategy subject
 * ({@code <topic>-value} or {@code <topic>-key}).
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Class<T> type;
    private final Schema classSchema;
    private final SchemaRegistryClient registry;
    private final AvroSerdeConfig config;
    private final boolean forKeys;
    private final Map<String, WritePlan> plansBySubject = new ConcurrentHashMap<>();

    /** The schema id to frame records with, and the schema they must be written in under that id. */
    private record WritePlan(int schemaId, Schema targetSchema, boolean sameAsClass) {
    }

    public AvroSerializer(Class<T> type, SchemaRegistryClient registry, AvroSerdeConfig config, boolean forKeys) {
        TrustedPackages.trustProjectPackages();
        this.type = type;
        this.classSchema = SpecificData.getForClass(type).getSchema(type);
        this.registry = registry;
        this.config = config;
        this.forKeys = forKeys;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        String subject = Subjects.subject(topic, forKeys);
        WritePlan plan = plansBySubject.computeIfAbsent(subject, this::plan);
        try {
            byte[] avro = plan.sameAsClass() ? encodeAsClass(record) : encodeAs(plan.targetSchema(), record);
            ByteBuffer framed = ByteBuffer.allocate(WireFormat.HEADER_SIZE + avro.length);
            WireFormat.writeHeader(framed, plan.schemaId());
            return framed.put(avro).array();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not write a " + type.getSimpleName() + " to topic '" + topic
                    + "' with schema id " + plan.schemaId() + ": " + e.getMessage(), e);
        }
    }

    private WritePlan plan(String subject) {
        try {
            if (config.autoRegister()) {
                return new WritePlan(registry.register(subject, classSchema), classSchema, true);
            }
            if (config.useLatestVersion()) {
                RegisteredSchema latest = registry.latest(subject);
                return new WritePlan(latest.id(), latest.schema(), latest.schema().equals(classSchema));
            }
            RegisteredSchema own = registry.lookup(subject, classSchema).orElseThrow(() -> new SerializationException(
                    "The schema of " + type.getName() + " is not registered under subject '" + subject
                            + "' and auto-registration is off: register it first"));
            return new WritePlan(own.id(), classSchema, true);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not find the schema id for subject '" + subject + "': "
                    + e.getMessage(), e);
        }
    }

    private byte[] encodeAsClass(T record) throws IOException {
        return encode(new SpecificDatumWriter<>(classSchema, SpecificData.getForClass(type)), record);
    }

    /**
     * Writes the record in another schema by resolving it field by field, by name: fields the target lacks are
     * dropped and fields the class lacks take their defaults, as Avro's schema resolution defines.
     */
    private byte[] encodeAs(Schema target, T record) throws IOException {
        byte[] asClass = encodeAsClass(record);
        GenericDatumReader<GenericRecord> resolver = new GenericDatumReader<>(classSchema, target);
        GenericRecord resolved = resolver.read(null, DecoderFactory.get().binaryDecoder(asClass, null));
        return encode(new GenericDatumWriter<>(target), resolved);
    }

    private static <D> byte[] encode(DatumWriter<D> writer, D datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}

package com.orderpipeline.schemas.serde;

import com.orderpipeline.schemas.registry.RegisteredSchema;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
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
 * ({@code <topic>-value} or {@code <topic>-key}). A registry that cannot answer now throws the retriable
 * {@link RegistryUnavailableException}; the schema id is looked up again on the next record.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Class<T> type;
    private final Schema classSchema;
    private final SpecificDatumWriter<T> classWriter;
    private final SchemaRegistryClient registry;
    private final AvroSerdeConfig config;
    private final boolean forKeys;
    private final Map<String, WritePlan> plansByTopic = new ConcurrentHashMap<>();
    /**
     * The size of the last record written, so the next one's buffer rarely has to grow. Only a hint: threads
     * sharing the serializer may see each other's values late, which costs at most one more copy of a buffer.
     */
    private int lastSize = 64;

    /**
     * The schema id to frame records with and, when the subject's schema is not the class's own, how to resolve
     * a record into it. Built once per topic; the writers and readers in it are thread-safe.
     */
    private record WritePlan(int schemaId, GenericDatumReader<GenericRecord> resolver,
                             GenericDatumWriter<GenericRecord> targetWriter) {
        boolean sameAsClass() {
            return resolver == null;
        }
    }

    public AvroSerializer(Class<T> type, SchemaRegistryClient registry, AvroSerdeConfig config, boolean forKeys) {
        TrustedPackages.trustProjectPackages();
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.classSchema = model.getSchema(type);
        this.classWriter = new SpecificDatumWriter<>(classSchema, model);
        this.registry = registry;
        this.config = config;
        this.forKeys = forKeys;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        WritePlan plan = plansByTopic.computeIfAbsent(topic, this::plan);
        try {
            FramedOutput out = new FramedOutput(lastSize + 16);
            WireFormat.writeHeader(out, plan.schemaId());
            if (plan.sameAsClass()) {
                encode(classWriter, record, out);
            } else {
                encode(plan.targetWriter(), resolve(plan, record), out);
            }
            lastSize = out.size();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not write a " + type.getSimpleName() + " to topic '" + topic
                    + "' with schema id " + plan.schemaId() + ": " + e.getMessage(), e);
        }
    }

    private WritePlan plan(String topic) {
        String subject = Subjects.subject(topic, forKeys);
        try {
            if (config.autoRegister()) {
                return new WritePlan(registry.register(subject, classSchema), null, null);
            }
            if (config.useLatestVersion()) {
                RegisteredSchema latest = registry.latest(subject);
                Schema target = latest.schema();
                return target.equals(classSchema) ? new WritePlan(latest.id(), null, null)
                        : new WritePlan(latest.id(), new GenericDatumReader<>(classSchema, target),
                        new GenericDatumWriter<>(target));
            }
            RegisteredSchema own = registry.lookup(subject, classSchema).orElseThrow(() -> new SerializationException(
                    "The schema of " + type.getName() + " is not registered under subject '" + subject
                            + "' and auto-registration is off: register it first"));
            return new WritePlan(own.id(), null, null);
        } catch (SchemaRegistryException e) {
            if (e.isRetriable()) {
                throw new RegistryUnavailableException("Could not find the schema id for subject '" + subject
                        + "' now; nothing was written: " + e.getMessage(), e);
            }
            throw new SerializationException("Could not find the schema id for subject '" + subject + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * The record in the subject's schema, resolved field by field, by name: fields the target lacks are dropped
     * and fields the class lacks take their defaults, as Avro's schema resolution defines.
     */
    private GenericRecord resolve(WritePlan plan, T record) throws IOException {
        FramedOutput asClass = new FramedOutput(lastSize + 16);
        encode(classWriter, record, asClass);
        return plan.resolver().read(null, DecoderFactory.get().binaryDecoder(asClass.buffer(), 0, asClass.size(), null));
    }

    private static <D> void encode(DatumWriter<D> writer, D datum, FramedOutput out) throws IOException {
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
    }

    /**
     * The wire-format record being written: the header, then the Avro data, in one growing array that is copied
     * once when done. Unlike {@link java.io.ByteArrayOutputStream}, not synchronized: it lives in one call.
     */
    private static final class FramedOutput extends OutputStream {
        private byte[] buf;
        private int count;

        FramedOutput(int capacity) {
            buf = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensureCapacity(count + 1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensureCapacity(count + length);
            System.arraycopy(bytes, offset, buf, count, length);
            count += length;
        }

        int size() {
            return count;
        }

        byte[] buffer() {
            return buf;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        private void ensureCapacity(int needed) {
            if (needed > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
            }
        }
    }
}

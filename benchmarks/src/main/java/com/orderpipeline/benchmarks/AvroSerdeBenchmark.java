package com.orderpipeline.benchmarks;

import com.orderpipeline.embedded.testing.TemporaryKafka;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The project's Confluent-wire-format serde on a {@code FulfillmentEvent} (the record fulfillment-stream writes for
 * every scan), against Avro itself: {@code avroWrite} and {@code avroRead} encode and decode the same record with a
 * plain {@code SpecificDatumWriter}/{@code SpecificDatumReader} made once, no framing, no registry. The ratio
 * {@code serialize / avroWrite} is what the wire format and the schema-id bookkeeping cost on top of Avro's own
 * encoding; the registry is asked once, at the first record, so it is not in the loop.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AvroSerde -f 1 -wi 3 -i 5 -w 2s -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AvroSerdeBenchmark {
    private static final String TOPIC = "orders.fulfillment";
    private static final FulfillmentEvent EVENT = new FulfillmentEvent("114-3941689-8772232", FulfillmentStatus.SHIPPED,
            FulfillmentStatus.PACKED, 4, Instant.parse("2026-11-27T10:15:30.123Z"), "SEA-1", "UPS",
            "1Z1143941689877223", "114-3941689-8772232-SHIPPED", null, null);

    private TemporaryKafka kafka;
    private Serializer<FulfillmentEvent> serializer;
    private Deserializer<FulfillmentEvent> deserializer;
    private SpecificDatumWriter<FulfillmentEvent> avroWriter;
    private SpecificDatumReader<FulfillmentEvent> avroReader;
    private byte[] framed;
    private byte[] avro;

    @Setup(Level.Trial)
    public void start() throws IOException {
        kafka = TemporaryKafka.start("serde-benchmark-");
        AvroSerde<FulfillmentEvent> serde = AvroSerde.forValues(FulfillmentEvent.class,
                new SchemaRegistryClient(RegistryClientConfig.of(kafka.registryUrl())), AvroSerdeConfig.defaults());
        serializer = serde.serializer();
        deserializer = serde.deserializer();
        // after the serde, which trusts the project's packages for Avro's class loading
        avroWriter = new SpecificDatumWriter<>(FulfillmentEvent.class);
        avroReader = new SpecificDatumReader<>(FulfillmentEvent.class);
        framed = serializer.serialize(TOPIC, EVENT);
        avro = avroWrite();
        if (!Arrays.equals(avro, Arrays.copyOfRange(framed, WireFormat.HEADER_SIZE, framed.length))
                || !deserializer.deserialize(TOPIC, framed).equals(EVENT)) {
            throw new IllegalStateException("The serde and plain Avro disagree on the record; nothing to compare");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        kafka.close();
    }

    @Benchmark
    public byte[] avroWrite() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        avroWriter.write(EVENT, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, EVENT);
    }

    @Benchmark
    public FulfillmentEvent avroRead() throws IOException {
        return avroReader.read(null, DecoderFactory.get().binaryDecoder(avro, null));
    }

    @Benchmark
    public FulfillmentEvent deserialize() {
        return deserializer.deserialize(TOPIC, framed);
    }
}

package com.orderpipeline.embedded.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import com.orderpipeline.schemas.serde.AvroSerde;
import com.orderpipeline.schemas.serde.AvroSerdeConfig;
import com.orderpipeline.schemas.serde.AvroSerializer;
import com.orderpipeline.schemas.serde.RegistryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafka.class)
class AvroSerdeIT {
    private final SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));

    /** The schema of WarehouseScan before {@code location} was added: an older version of the contract. */
    private static final Schema SCAN_V0 = new Schema.Parser().parse("""
            {"type": "record", "name": "WarehouseScan", "namespace": "com.orderpipeline.schemas.avro", "fields": [
              {"name": "scanId", "type": "string"},
              {"name": "orderId", "type": "string"},
              {"name": "type", "type": {"type": "enum", "name": "ScanType", "symbols": ["PICKED", "PACKED", "SHIPPED", "DELIVERED"]}},
              {"name": "warehouseId", "type": "string"},
              {"name": "scannedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "carrier", "type": ["null", "string"], "default": null},
              {"name": "trackingNumber", "type": ["null", "string"], "default": null}
            ]}""");

    @Test
    void writesTheExactConfluentWireBytesForAKnownRecordAndId(TestInfo test) {
        String topic = topic(test);
        WarehouseScan scan = scan("s1", "o1", ScanType.PACKED, "W1", Instant.ofEpochMilli(1000));
        AvroSerializer<WarehouseScan> serializer = new AvroSerializer<>(WarehouseScan.class, registry, AvroSerdeConfig.defaults(), false);

        byte[] bytes = serializer.serialize(topic, scan);

        int id = registry.lookup(topic + "-value", WarehouseScan.getClassSchema()).orElseThrow().id();
        byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(id).array();
        byte[] avro = {
            0x04, 's', '1',              // scanId: length 2 (zig-zag 4), "s1"
            0x04, 'o', '1',              // orderId
            0x02,                        // type: enum index 1, PACKED
            0x04, 'W', '1',              // warehouseId
            (byte) 0xD0, 0x0F,           // scannedAt: 1000 ms, zig-zag 2000 as a varint
            0x00, 0x00, 0x00             // carrier, trackingNumber, location: union branch 0, null
        };
        assertThat(bytes).startsWith(header).endsWith(avro).hasSize(header.length + avro.length);
    }

    @Test
    void roundTripsThroughTheEmbeddedRegistryUnderTheTopicNameSubject(TestInfo test) {
        String topic = topic(test);
        AvroSerde<WarehouseScan> serde = AvroSerde.forValues(WarehouseScan.class, registry, AvroSerdeConfig.defaults());
        WarehouseScan scan = scan("s2", "114-3941689-8772232", ScanType.SHIPPED, "SEA-1", Instant.parse("2026-11-27T10:15:30.123Z"));
        scan.setCarrier("UPS");
        scan.setTrackingNumber("1Z999AA10123456784");

        WarehouseScan back = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, scan));

        assertThat(back).isEqualTo(scan);
        assertThat(registry.subjects()).contains(topic + "-value");
        assertThat(registry.latest(topic + "-value").schema()).isEqualTo(WarehouseScan.getClassSchema());
    }

    @Test
    void writesRecordsOfAnySizeOneAfterAnother(TestInfo test) {
        String topic = topic(test);
        AvroSerde<WarehouseScan> serde = AvroSerde.forValues(WarehouseScan.class, registry, AvroSerdeConfig.defaults());
        WarehouseScan small = scan("s", "o", ScanType.PICKED, "W", Instant.EPOCH);
        WarehouseScan large = scan("l".repeat(5_000), "o", ScanType.PICKED, "W", Instant.EPOCH);

        // the serializer sizes each buffer from the record before: large after small grows it, small after large not
        for (WarehouseScan scan : List.of(small, large, small, large)) {
            byte[] framed = serde.serializer().serialize(topic, scan);
            assertThat(serde.deserializer().deserialize(topic, framed)).isEqualTo(scan);
            assertThat(framed[0]).isZero();
        }
    }

    @Test
    void readsARecordWrittenWithAnOlderSchemaIntoTodaysClass(TestInfo test) throws IOException {
        String topic = topic(test);
        int oldId = registry.register(topic + "-value", SCAN_V0);
        GenericRecord old = new GenericData.Record(SCAN_V0);
        old.put("scanId", "s3");
        old.put("orderId", "o3");
        old.put("type", new GenericData.EnumSymbol(SCAN_V0.getField("type").schema(), "PICKED"));
        old.put("warehouseId", "W1");
        old.put("scannedAt", 5_000L);

        WarehouseScan read = new AvroDeserializer<>(WarehouseScan.class, registry).deserialize(topic, frame(oldId, SCAN_V0, old));

        assertThat(read.getScanId()).isEqualTo("s3");
        assertThat(read.getType()).isEqualTo(ScanType.PICKED);
        assertThat(read.getScannedAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(read.getLocation()).as("a field the old schema lacks takes its default").isNull();
    }

    @Test
    void withAutoRegistrationOffWritesInTheLatestRegisteredSchema(TestInfo test) throws IOException {
        String topic = topic(test);
        int oldId = registry.register(topic + "-value", SCAN_V0);
        AvroSerializer<WarehouseScan> serializer = new AvroSerializer<>(WarehouseScan.class, registry,
                AvroSerdeConfig.latestRegistered(), false);
        WarehouseScan scan = scan("s4", "o4", ScanType.DELIVERED, "W9", Instant.ofEpochMilli(42));
        scan.setLocation("dock 4");

        byte[] bytes = serializer.serialize(topic, scan);

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(oldId);
        GenericRecord asOld = new GenericDatumReader<GenericRecord>(SCAN_V0)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(asOld.get("scanId")).hasToString("s4");
        assertThat(asOld.getSchema().getField("location")).isNull();
        assertThat(registry.versions(topic + "-value")).as("nothing was registered").containsExactly(1);
    }

    @Test
    void withAutoRegistrationOffRefusesASubjectWithoutSchemaAndSaysWhy(TestInfo test) {
        String topic = topic(test);
        AvroSerializer<WarehouseScan> serializer = new AvroSerializer<>(WarehouseScan.class, registry,
                new AvroSerdeConfig(false, false), false);

        assertThatThrownBy(() -> serializer.serialize(topic, scan("s5", "o5", ScanType.PICKED, "W1", Instant.EPOCH)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject '" + topic + "-value'")
                .hasMessageContaining("auto-registration is off");
    }

    @Test
    void refusesAnUnknownSchemaIdWithTheRegistrysAnswer(TestInfo test) {
        byte[] unknownId = {0, 0x7f, 0x00, 0x00, 0x01, 0x02};
        AvroDeserializer<WarehouseScan> deserializer = new AvroDeserializer<>(WarehouseScan.class, registry);

        assertThatThrownBy(() -> deserializer.deserialize(topic(test), unknownId))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("schema id 2130706433")
                .hasMessageContaining("40403");
    }

    @Test
    void tellsARegistryThatCannotBeReachedApartFromBytesThatCannotBeRead(TestInfo test) throws IOException {
        String topic = topic(test);
        byte[] good = AvroSerde.forValues(WarehouseScan.class, registry, AvroSerdeConfig.defaults()).serializer()
                .serialize(topic, scan("s9", "o9", ScanType.PICKED, "W1", Instant.EPOCH));
        SchemaRegistryClient unreachable = new SchemaRegistryClient(RegistryClientConfig.of("http://127.0.0.1:" + closedPort()));

        assertThatThrownBy(() -> new AvroDeserializer<>(WarehouseScan.class, unreachable).deserialize(topic, good))
                .isInstanceOf(RegistryUnavailableException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("could not be reached")
                .hasMessageContaining("read again once the registry answers");
        assertThatThrownBy(() -> new AvroSerializer<>(WarehouseScan.class, unreachable, AvroSerdeConfig.defaults(), false)
                .serialize(topic, scan("s10", "o10", ScanType.PICKED, "W1", Instant.EPOCH)))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("nothing was written");
        // once the registry answers, the same bytes read as they should
        assertThat(new AvroDeserializer<>(WarehouseScan.class, registry).deserialize(topic, good).getScanId()).isEqualTo("s9");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void refusesBytesThatAreNotInTheWireFormat(TestInfo test) {
        AvroDeserializer<WarehouseScan> deserializer = new AvroDeserializer<>(WarehouseScan.class, registry);

        assertThatThrownBy(() -> deserializer.deserialize(topic(test), "{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("starts with byte 0x7b, not the magic byte 0x00");
        assertThatThrownBy(() -> deserializer.deserialize(topic(test), new byte[]{0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("2 bytes, too short");
    }

    @Test
    void refusesTruncatedAvroDataNamingTopicAndSchemaId(TestInfo test) {
        String topic = topic(test);
        AvroSerde<WarehouseScan> serde = AvroSerde.forValues(WarehouseScan.class, registry, AvroSerdeConfig.defaults());
        byte[] whole = serde.serializer().serialize(topic, scan("s6", "o6", ScanType.PICKED, "W1", Instant.EPOCH));
        byte[] truncated = java.util.Arrays.copyOf(whole, 8);

        assertThatThrownBy(() -> serde.deserializer().deserialize(topic, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic '" + topic + "'")
                .hasMessageContaining("schema id");
    }

    @Test
    void producesAndConsumesThroughTheEmbeddedBroker(TestInfo test) throws Exception {
        String topic = topic(test);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        AvroSerde<WarehouseScan> serde = AvroSerde.forValues(WarehouseScan.class, registry, AvroSerdeConfig.defaults());
        List<WarehouseScan> sent = new ArrayList<>();
        try (KafkaProducer<String, WarehouseScan> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), serde.serializer())) {
            for (int i = 0; i < 20; i++) {
                WarehouseScan scan = scan("scan-" + i, "order-" + i, ScanType.PICKED, "W1", Instant.ofEpochMilli(i));
                producer.send(new ProducerRecord<>(topic, scan.getOrderId(), scan)).get(30, TimeUnit.SECONDS);
                sent.add(scan);
            }
        }

        List<WarehouseScan> received = new ArrayList<>();
        try (KafkaConsumer<String, WarehouseScan> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static WarehouseScan scan(String scanId, String orderId, ScanType type, String warehouse, Instant at) {
        return WarehouseScan.newBuilder().setScanId(scanId).setOrderId(orderId).setType(type)
                .setWarehouseId(warehouse).setScannedAt(at).build();
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String topic(TestInfo test) {
        return "serde-" + test.getTestMethod().orElseThrow().getName();
    }
}

package com.orderpipeline.embedded.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.registry.CompatibilityLevel;
import com.orderpipeline.schemas.registry.CompatibilityResult;
import com.orderpipeline.schemas.registry.RegistryClientConfig;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ServerSocket;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedKafka.class)
class SchemaRegistryClientIT {
    private final SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.of(SharedKafka.registryUrl()));

    private static final Schema V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Parcel", "namespace": "client.check", "fields": [
              {"name": "id", "type": "string"}]}""");
    private static final Schema V2_COMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "Parcel", "namespace": "client.check", "fields": [
              {"name": "id", "type": "string"}, {"name": "weight", "type": ["null", "int"], "default": null}]}""");
    private static final Schema V2_BREAKING = new Schema.Parser().parse("""
            {"type": "record", "name": "Parcel", "namespace": "client.check", "fields": [
              {"name": "id", "type": "string"}, {"name": "weight", "type": "int"}]}""");

    @Test
    void registersLooksUpAndFetchesSchemas(TestInfo test) {
        String subject = subject(test);

        int id = client.register(subject, V1);

        assertThat(client.schemaById(id)).isEqualTo(V1);
        assertThat(client.lookup(subject, V1)).hasValueSatisfying(found -> {
            assertThat(found.id()).isEqualTo(id);
            assertThat(found.version()).isEqualTo(1);
        });
        assertThat(client.lookup(subject, V2_COMPATIBLE)).isEmpty();
        assertThat(client.latest(subject).schema()).isEqualTo(V1);
        assertThat(client.versions(subject)).containsExactly(1);
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void checksCompatibilityAndConfiguration(TestInfo test) {
        String subject = subject(test);
        client.register(subject, V1);

        CompatibilityResult compatible = client.checkCompatibility(subject, V2_COMPATIBLE);
        CompatibilityResult breaking = client.checkCompatibility(subject, V2_BREAKING);

        assertThat(compatible.compatible()).isTrue();
        assertThat(breaking.compatible()).isFalse();
        assertThat(breaking.messages()).anySatisfy(m -> assertThat(m).contains("weight"));
        assertThat(client.subjectCompatibility(subject)).isEmpty();
        client.setSubjectCompatibility(subject, CompatibilityLevel.NONE);
        assertThat(client.subjectCompatibility(subject)).hasValue(CompatibilityLevel.NONE);
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void anIncompatibleSchemaFailsNamingRegistrySubjectAndAnswer(TestInfo test) {
        String subject = subject(test);
        client.register(subject, V1);

        assertThatThrownBy(() -> client.register(subject, V2_BREAKING))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.subject()).hasValue(subject);
                    assertThat(e.registryUrl()).isEqualTo(SharedKafka.registryUrl());
                })
                .hasMessageContaining(SharedKafka.registryUrl())
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("subject '" + subject + "'")
                .hasMessageContaining("incompatible");
    }

    @Test
    void anUnknownSubjectFailsWithItsErrorCode(TestInfo test) {
        assertThatThrownBy(() -> client.latest(subject(test)))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND))
                .hasMessageContaining("error_code 40401");
    }

    @Test
    void anUnreachableRegistryFailsSayingWhichOneAndWhy() throws IOException {
        String nobody = "http://localhost:" + freePort();
        SchemaRegistryClient unreachable = new SchemaRegistryClient(RegistryClientConfig.of(nobody));

        assertThatThrownBy(() -> unreachable.register("orders.placed-value", WarehouseScan.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isZero())
                .hasMessageContaining(nobody)
                .hasMessageContaining("could not be reached")
                .hasMessageContaining("subject 'orders.placed-value'");
    }

    @Test
    void triesTheNextUrlWhenOneCannotBeReached(TestInfo test) throws IOException {
        String nobody = "http://localhost:" + freePort();
        SchemaRegistryClient failover = new SchemaRegistryClient(
                RegistryClientConfig.of(nobody + "," + SharedKafka.registryUrl()));

        int id = failover.register(subject(test), V1);

        assertThat(client.schemaById(id)).isEqualTo(V1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String subject(TestInfo test) {
        return "client-" + test.getTestMethod().orElseThrow().getName() + "-value";
    }
}

package com.orderpipeline.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.embedded.testing.SharedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry's REST API, call by call, against what Confluent Schema Registry answers: status, error_code,
 * body and Content-Type. The registry is shared by the whole test JVM, so every test uses its own subjects and
 * its own record names (and so its own schema ids).
 */
@ExtendWith(SharedKafka.class)
class SchemaRegistryApiIT {
    private static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private String registryUrl;
    private String namespace;

    @BeforeEach
    void useTheSharedRegistry() {
        registryUrl = SharedKafka.registryUrl();
        namespace = "test.n" + UUID.randomUUID().toString().replace("-", "");
    }

    // --- register, lookup and read -------------------------------------------------------------------------

    @Test
    void registersASchemaAndAnswersWithItsIdOnly() {
        String subject = subject("orders");

        Answer answer = post("/subjects/" + subject + "/versions", schemaRequest(orderV1()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(answer.json().size()).isEqualTo(1);
        assertThat(answer.json().path("id").isInt()).isTrue();
        assertThat(answer.json().path("id").asInt()).isPositive();
    }

    @Test
    void answersTheSameIdWithoutANewVersionWhenTheSameSchemaIsRegisteredAgain() {
        String subject = subject("orders");
        int id = register(subject, orderV1());

        Answer again = post("/subjects/" + subject + "/versions", schemaRequest(reformatted(orderV1())));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(json(Map.of("id", id)));
        assertThat(get("/subjects/" + subject + "/versions").json()).isEqualTo(json(List.of(1)));
    }

    @Test
    void givesTheSameSchemaTheSameIdUnderAnotherSubject() {
        String orders = subject("orders");
        String archive = subject("archive");
        int id = register(orders, orderV1());

        int idInArchive = register(archive, orderV1());

        assertThat(idInArchive).isEqualTo(id);
        Answer versions = get("/schemas/ids/" + id + "/versions");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(versions.json()).containsExactlyInAnyOrder(
                json(Map.of("subject", orders, "version", 1)), json(Map.of("subject", archive, "version", 1)));
        assertThat(get("/schemas/ids/" + id + "/subjects").json())
                .containsExactlyInAnyOrder(JSON.getNodeFactory().textNode(orders), JSON.getNodeFactory().textNode(archive));
    }

    @Test
    void looksUpARegisteredSchemaUnderItsSubject() {
        String subject = subject("orders");
        register(subject, orderV1());
        int id = register(subject, orderV2WithDefault());

        Answer found = post("/subjects/" + subject, schemaRequest(reformatted(orderV2WithDefault())));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(found.json()).isEqualTo(json(Map.of(
                "subject", subject, "version", 2, "id", id, "schema", canonical(orderV2WithDefault()))));
    }

    @Test
    void answers40401ForALookupInAnUnknownSubjectAnd40403ForASchemaNotInTheSubject() {
        String subject = subject("orders");
        String unknown = subject("unknown");
        register(subject, orderV1());

        assertError(post("/subjects/" + unknown, schemaRequest(orderV1())), 404, 40401,
                "Subject '" + unknown + "' not found.");
        assertError(post("/subjects/" + subject, schemaRequest(orderV2WithDefault())), 404, 40403, "Schema not found");
    }

    @Test
    void servesASchemaByIdAndAnswers40403ForAnUnknownId() {
        int id = register(subject("orders"), orderV1());
        int unknownId = Integer.MAX_VALUE - 7;

        Answer found = get("/schemas/ids/" + id);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(found.json()).isEqualTo(json(Map.of("schema", canonical(orderV1()))));
        assertError(get("/schemas/ids/" + unknownId), 404, 40403, "Schema " + unknownId + " not found");
        assertError(get("/schemas/ids/" + unknownId + "/versions"), 404, 40403, "Schema not found");
    }

    @Test
    void listsSubjectsAndTheirVersions() {
        String subject = subject("orders");
        String unknown = subject("unknown");
        register(subject, orderV1());
        register(subject, orderV2WithDefault());

        Answer subjects = get("/subjects");
        Answer versions = get("/subjects/" + subject + "/versions");

        assertThat(subjects.status()).isEqualTo(200);
        assertThat(subjects.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(subjects.json()).contains(JSON.getNodeFactory().textNode(subject))
                .doesNotContain(JSON.getNodeFactory().textNode(unknown));
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(versions.json()).isEqualTo(json(List.of(1, 2)));
        assertError(get("/subjects/" + unknown + "/versions"), 404, 40401, "Subject '" + unknown + "' not found.");
    }

    @Test
    void servesAVersionByNumberAndAsLatest() {
        String subject = subject("orders");
        int firstId = register(subject, orderV1());
        int secondId = register(subject, orderV2WithDefault());

        Answer first = get("/subjects/" + subject + "/versions/1");
        Answer latest = get("/subjects/" + subject + "/versions/latest");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(first.json()).isEqualTo(json(Map.of(
                "subject", subject, "version", 1, "id", firstId, "schema", canonical(orderV1()))));
        assertThat(latest.json()).isEqualTo(json(Map.of(
                "subject", subject, "version", 2, "id", secondId, "schema", canonical(orderV2WithDefault()))));
    }

    @Test
    void answers40402ForAnUnknownVersionAnd42202ForAVersionThatIsNotANumber() {
        String subject = subject("orders");
        register(subject, orderV1());

        assertError(get("/subjects/" + subject + "/versions/3"), 404, 40402, "Version 3 not found.");
        assertError(get("/subjects/" + subject + "/versions/abc"), 422, 42202, "The specified version 'abc' is not a"
                + " valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        assertError(get("/subjects/" + subject("unknown") + "/versions/abc"), 422, 42202, null);
    }

    @Test
    void servesTheRawSchemaOfAVersion() {
        String subject = subject("orders");
        register(subject, orderV1());

        Answer raw = get("/subjects/" + subject + "/versions/1/schema");
        Answer rawLatest = get("/subjects/" + subject + "/versions/latest/schema");

        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(raw.body()).isEqualTo(canonical(orderV1()));
        assertThat(rawLatest.body()).isEqualTo(canonical(orderV1()));
    }

    // --- compatibility ----------------------------------------------------------------------------------------

    @Test
    void checksCompatibilityAgainstTheLatestVersion() {
        String subject = subject("orders");
        register(subject, orderV1());
        String path = "/compatibility/subjects/" + subject + "/versions/latest";

        Answer compatible = post(path, schemaRequest(orderV2WithDefault()));
        Answer incompatible = post(path, schemaRequest(orderV2NoDefault()));

        assertThat(compatible.status()).isEqualTo(200);
        assertThat(compatible.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(compatible.json()).isEqualTo(json(Map.of("is_compatible", true)));
        assertThat(incompatible.status()).isEqualTo(200);
        assertThat(incompatible.json()).isEqualTo(json(Map.of("is_compatible", false)));
    }

    @Test
    void explainsAnIncompatibilityWhenAskedToBeVerbose() {
        String subject = subject("orders");
        register(subject, orderV1());
        String path = "/compatibility/subjects/" + subject + "/versions/latest?verbose=true";

        Answer compatible = post(path, schemaRequest(orderV2WithDefault()));
        Answer incompatible = post(path, schemaRequest(orderV2NoDefault()));

        assertThat(compatible.json()).isEqualTo(json(Map.of("is_compatible", true, "messages", List.of())));
        assertThat(incompatible.status()).isEqualTo(200);
        assertThat(incompatible.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(strings(incompatible.json().path("messages"))).containsExactly(
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'amount' at path '/fields/1'"
                        + " in the new schema has no default value and is missing in the old schema',"
                        + " additionalInfo:'amount'}",
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + canonical(orderV1()) + "'}",
                "{validateFields: 'false', compatibility: 'BACKWARD'}");
    }

    @Test
    void answersCompatibleForTheLatestVersionOfAnUnknownSubjectAnd40402ForANumberedOne() {
        String unknown = subject("unknown");

        assertThat(post("/compatibility/subjects/" + unknown + "/versions/latest", schemaRequest(orderV1())).json())
                .isEqualTo(json(Map.of("is_compatible", true)));
        assertError(post("/compatibility/subjects/" + unknown + "/versions/1", schemaRequest(orderV1())),
                404, 40402, "Version 1 not found.");
    }

    @Test
    void rejectsAnIncompatibleSchemaWithHttp409UnderBackward() {
        String subject = subject("orders");
        register(subject, orderV1());

        Answer answer = post("/subjects/" + subject + "/versions", schemaRequest(orderV2NoDefault()));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(answer.json().path("error_code").asInt()).isEqualTo(409);
        assertThat(answer.json().path("message").asText()).isEqualTo("Schema being registered is incompatible with an"
                + " earlier schema for subject \"" + subject + "\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE',"
                + " description:'The field 'amount' at path '/fields/1' in the new schema has no default value and is"
                + " missing in the old schema', additionalInfo:'amount'}, {oldSchemaVersion: 1}, {oldSchema: '"
                + canonical(orderV1()) + "'}, {validateFields: 'false', compatibility: 'BACKWARD'}]");
        assertThat(get("/subjects/" + subject + "/versions").json()).isEqualTo(json(List.of(1)));
    }

    @Test
    void rejectsSchemaTextThatIsNotAvroWith42201() {
        String subject = subject("orders");

        Answer notAvro = post("/subjects/" + subject + "/versions",
                schemaRequest("{\"type\":\"record\",\"name\":\"NoFields\"}"));
        Answer notJson = post("/subjects/" + subject + "/versions", schemaRequest("this is not a schema"));

        assertError(notAvro, 422, 42201, null);
        assertThat(notAvro.json().path("message").asText()).startsWith("Invalid schema ");
        assertError(notJson, 422, 42201, null);
        assertError(get("/subjects/" + subject + "/versions"), 404, 40401, null);
    }

    @Test
    void acceptsAnySchemaUnderNone() {
        String subject = subject("orders");
        putConfig("/config/" + subject, "NONE");
        register(subject, orderV1());

        Answer retyped = post("/subjects/" + subject + "/versions", schemaRequest(orderRetyped()));

        assertThat(retyped.status()).isEqualTo(200);
        assertThat(get("/subjects/" + subject + "/versions").json()).isEqualTo(json(List.of(1, 2)));
    }

    @Test
    void acceptsUnderForwardOnlyWhatTheOldSchemaCanRead() {
        String subject = subject("orders");
        putConfig("/config/" + subject, "FORWARD");
        register(subject, orderV1());

        Answer addedWithoutDefault = post("/subjects/" + subject + "/versions", schemaRequest(orderV2NoDefault()));
        Answer retyped = post("/subjects/" + subject + "/versions", schemaRequest(orderRetyped()));

        assertThat(addedWithoutDefault.status()).isEqualTo(200);
        assertError(retyped, 409, 409, null);
        assertThat(retyped.json().path("message").asText())
                .contains("{errorType:'TYPE_MISMATCH', description:'The type (path '/fields/0/type') of a field in"
                        + " the old schema does not match with the new schema'")
                .endsWith("{validateFields: 'false', compatibility: 'FORWARD'}]");
    }

    @Test
    void requiresBothDirectionsUnderFull() {
        String subject = subject("orders");
        putConfig("/config/" + subject, "FULL");
        register(subject, orderV1());

        Answer addedWithoutDefault = post("/subjects/" + subject + "/versions", schemaRequest(orderV2NoDefault()));
        Answer addedWithDefault = post("/subjects/" + subject + "/versions", schemaRequest(orderV2WithDefault()));

        assertError(addedWithoutDefault, 409, 409, null);
        assertThat(addedWithoutDefault.json().path("message").asText())
                .endsWith("{validateFields: 'false', compatibility: 'FULL'}]");
        assertThat(addedWithDefault.status()).isEqualTo(200);
    }

    @Test
    void checksEveryEarlierVersionUnderBackwardTransitiveButOnlyTheLatestUnderBackward() {
        // v1 {f:int}, v2 {} and v3 {f:string = ""}: v3 reads data of v2 but not of v1
        String withInt = record("Counter", "{\"name\":\"f\",\"type\":\"int\"}");
        String empty = record("Counter");
        String withString = record("Counter", "{\"name\":\"f\",\"type\":\"string\",\"default\":\"\"}");
        String backward = subject("backward");
        String transitive = subject("transitive");
        putConfig("/config/" + backward, "BACKWARD");
        putConfig("/config/" + transitive, "BACKWARD_TRANSITIVE");
        for (String subject : List.of(backward, transitive)) {
            register(subject, withInt);
            register(subject, empty);
        }

        Answer underBackward = post("/subjects/" + backward + "/versions", schemaRequest(withString));
        Answer underTransitive = post("/subjects/" + transitive + "/versions", schemaRequest(withString));

        assertThat(underBackward.status()).isEqualTo(200);
        assertError(underTransitive, 409, 409, null);
        assertThat(underTransitive.json().path("message").asText())
                .contains("{oldSchemaVersion: 1}")
                .endsWith("{validateFields: 'false', compatibility: 'BACKWARD_TRANSITIVE'}]");
        assertThat(post("/compatibility/subjects/" + transitive + "/versions/latest", schemaRequest(withString)).json())
                .as("against the latest version only").isEqualTo(json(Map.of("is_compatible", true)));
        assertThat(post("/compatibility/subjects/" + transitive + "/versions", schemaRequest(withString)).json())
                .as("against all versions, as registering checks").isEqualTo(json(Map.of("is_compatible", false)));
    }

    // --- config -----------------------------------------------------------------------------------------------

    @Test
    void readsAndChangesTheGlobalCompatibilityLevel() {
        // a registry of its own (own topic, same broker), so the shared one keeps its global level
        Map<String, Object> kafka = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
        try (EmbeddedSchemaRegistry own = EmbeddedSchemaRegistry.start(kafka, "_schemas-config-" + UUID.randomUUID(),
                (short) 1, "localhost", 0)) {
            String url = own.url();

            Answer initial = send(url, "GET", "/config", null, null);
            Answer changed = send(url, "PUT", "/config", json(Map.of("compatibility", "FULL")).toString(), REGISTRY_JSON);
            Answer after = send(url, "GET", "/config", null, null);

            assertThat(initial.status()).isEqualTo(200);
            assertThat(initial.contentType()).isEqualTo(REGISTRY_JSON);
            assertThat(initial.json()).isEqualTo(json(Map.of("compatibilityLevel", "BACKWARD")));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.contentType()).isEqualTo(REGISTRY_JSON);
            assertThat(changed.json()).isEqualTo(json(Map.of("compatibility", "FULL")));
            assertThat(after.json()).isEqualTo(json(Map.of("compatibilityLevel", "FULL")));
            assertError(send(url, "PUT", "/config", json(Map.of("compatibility", "SIDEWAYS")).toString(), REGISTRY_JSON),
                    422, 42203, null);
        }
    }

    @Test
    void answers40408ForASubjectWithoutALevelOfItsOwnAndTheLevelOnceSet() {
        String subject = subject("orders");

        Answer unset = get("/config/" + subject);
        Answer withGlobal = get("/config/" + subject + "?defaultToGlobal=true");
        Answer put = put("/config/" + subject, json(Map.of("compatibility", "FULL_TRANSITIVE")));
        Answer set = get("/config/" + subject);

        assertError(unset, 404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
        assertThat(withGlobal.status()).isEqualTo(200);
        assertThat(withGlobal.json().path("compatibilityLevel").asText()).isNotEmpty();
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(put.json()).isEqualTo(json(Map.of("compatibility", "FULL_TRANSITIVE")));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json()).isEqualTo(json(Map.of("compatibilityLevel", "FULL_TRANSITIVE")));
    }

    @Test
    void rejectsAnUnknownCompatibilityLevelWith42203() {
        String subject = subject("orders");

        Answer answer = put("/config/" + subject, json(Map.of("compatibility", "SIDEWAYS")));

        assertError(answer, 422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full,"
                + " backward_transitive, forward_transitive, and full_transitive");
        assertError(get("/config/" + subject), 404, 40408, null);
    }

    @Test
    void removesASubjectLevelAndAnswers40401WhenThereIsNone() {
        String subject = subject("orders");
        putConfig("/config/" + subject, "NONE");

        Answer removed = delete("/config/" + subject);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json()).isEqualTo(json(Map.of("compatibilityLevel", "NONE")));
        assertError(get("/config/" + subject), 404, 40408, null);
        assertError(delete("/config/" + subject), 404, 40401, "Subject '" + subject + "' not found.");
    }

    // --- delete -----------------------------------------------------------------------------------------------

    @Test
    void deletesASubjectSoftlyAndThenPermanently() {
        String subject = subject("orders");
        int id = register(subject, orderV1());
        register(subject, orderV2WithDefault());

        Answer soft = delete("/subjects/" + subject);

        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(soft.json()).isEqualTo(json(List.of(1, 2)));
        assertThat(get("/subjects").json()).doesNotContain(JSON.getNodeFactory().textNode(subject));
        assertThat(get("/subjects?deleted=true").json()).contains(JSON.getNodeFactory().textNode(subject));
        assertError(get("/subjects/" + subject + "/versions"), 404, 40401, null);
        assertThat(get("/subjects/" + subject + "/versions?deleted=true").json()).isEqualTo(json(List.of(1, 2)));
        assertThat(get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertError(delete("/subjects/" + subject), 404, 40404,
                "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");

        Answer permanent = delete("/subjects/" + subject + "?permanent=true");

        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.json()).isEqualTo(json(List.of(1, 2)));
        assertThat(get("/subjects?deleted=true").json()).doesNotContain(JSON.getNodeFactory().textNode(subject));
        assertError(get("/schemas/ids/" + id), 404, 40403, "Schema " + id + " not found");
    }

    @Test
    void answers40405WhenASubjectIsDeletedPermanentlyWithoutBeingSoftDeletedFirst() {
        String subject = subject("orders");
        register(subject, orderV1());

        Answer answer = delete("/subjects/" + subject + "?permanent=true");

        assertError(answer, 404, 40405, "Subject '" + subject + "' was not deleted first before being permanently deleted");
        assertThat(get("/subjects/" + subject + "/versions").json()).isEqualTo(json(List.of(1)));
    }

    @Test
    void deletesASingleVersion() {
        String subject = subject("orders");
        register(subject, orderV1());
        register(subject, orderV2WithDefault());

        Answer deleted = delete("/subjects/" + subject + "/versions/1");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().asInt()).isEqualTo(1);
        assertThat(get("/subjects/" + subject + "/versions").json()).isEqualTo(json(List.of(2)));
        assertError(delete("/subjects/" + subject + "/versions/2?permanent=true"), 404, 40407, null);
        assertThat(delete("/subjects/" + subject + "/versions/1?permanent=true").json().asInt()).isEqualTo(1);
    }

    // --- HTTP-level answers -----------------------------------------------------------------------------------

    @Test
    void answersAnUnknownPathWithAJson404() {
        Answer answer = get("/no/such/path");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(answer.json()).isEqualTo(json(Map.of("error_code", 404, "message", "HTTP 404 Not Found")));
    }

    @Test
    void answers405ForAKnownPathWithAnotherMethod() {
        Answer answer = send(registryUrl, "PUT", "/subjects", "{}", REGISTRY_JSON);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(answer.json()).isEqualTo(json(Map.of("error_code", 405, "message", "HTTP 405 Method Not Allowed")));
    }

    @Test
    void answers415ForARequestBodyThatIsNotJson() {
        String subject = subject("orders");

        Answer answer = send(registryUrl, "POST", "/subjects/" + subject + "/versions",
                schemaRequest(orderV1()).toString(), "text/plain");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).isEqualTo(REGISTRY_JSON);
        assertThat(answer.json()).isEqualTo(json(Map.of("error_code", 415, "message", "HTTP 415 Unsupported Media Type")));
        assertError(get("/subjects/" + subject + "/versions"), 404, 40401, null);
    }

    @Test
    void acceptsThePlainJsonContentTypeToo() {
        Answer answer = send(registryUrl, "POST", "/subjects/" + subject("orders") + "/versions",
                schemaRequest(orderV1()).toString(), "application/json");

        assertThat(answer.status()).isEqualTo(200);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status + "): " + body, e);
            }
        }
    }

    private String subject(String name) {
        return name + "-" + UUID.randomUUID() + "-value";
    }

    private String record(String name, String... fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\",\"fields\":["
                + String.join(",", fields) + "]}";
    }

    private String orderV1() {
        return record("Order", "{\"name\":\"id\",\"type\":\"string\"}");
    }

    /** V1 plus a field with a default: compatible with V1 at every level. */
    private String orderV2WithDefault() {
        return record("Order", "{\"name\":\"id\",\"type\":\"string\"}", "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
    }

    /** V1 plus a field without a default: FORWARD but not BACKWARD compatible with V1. */
    private String orderV2NoDefault() {
        return record("Order", "{\"name\":\"id\",\"type\":\"string\"}", "{\"name\":\"amount\",\"type\":\"int\"}");
    }

    /** V1 with its field retyped: compatible with nothing. */
    private String orderRetyped() {
        return record("Order", "{\"name\":\"id\",\"type\":\"int\"}");
    }

    /** The same schema spelled with other whitespace and key order. */
    private static String reformatted(String schema) {
        try {
            JsonNode tree = JSON.readTree(schema);
            ObjectNode reordered = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            tree.fieldNames().forEachRemaining(names::add);
            Collections.reverse(names);
            names.forEach(name -> reordered.set(name, tree.get(name)));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reordered);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(String schema) {
        return new Schema.Parser().parse(schema).toString();
    }

    private static ObjectNode schemaRequest(String schema) {
        return JSON.createObjectNode().put("schema", schema);
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private int register(String subject, String schema) {
        Answer answer = post("/subjects/" + subject + "/versions", schemaRequest(schema));
        assertThat(answer.status()).as("registering under %s: %s", subject, answer.body()).isEqualTo(200);
        return answer.json().path("id").asInt();
    }

    private void putConfig(String path, String level) {
        Answer answer = put(path, json(Map.of("compatibility", level)));
        assertThat(answer.status()).as("PUT %s: %s", path, answer.body()).isEqualTo(200);
    }

    private static void assertError(Answer answer, int status, int errorCode, String message) {
        assertThat(answer.status()).as("HTTP status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo(REGISTRY_JSON);
        JsonNode body = answer.json();
        assertThat(body.path("error_code").asInt()).as("error_code of %s", answer.body()).isEqualTo(errorCode);
        assertThat(body.path("message").isTextual()).as("message of %s", answer.body()).isTrue();
        assertThat(body.size()).as("fields of %s", answer.body()).isEqualTo(2);
        if (message != null) {
            assertThat(body.path("message").asText()).isEqualTo(message);
        }
    }

    private Answer get(String path) {
        return send(registryUrl, "GET", path, null, null);
    }

    private Answer post(String path, JsonNode body) {
        return send(registryUrl, "POST", path, body.toString(), REGISTRY_JSON);
    }

    private Answer put(String path, JsonNode body) {
        return send(registryUrl, "PUT", path, body.toString(), REGISTRY_JSON);
    }

    private Answer delete(String path) {
        return send(registryUrl, "DELETE", path, null, null);
    }

    private static Answer send(String baseUrl, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", REGISTRY_JSON + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

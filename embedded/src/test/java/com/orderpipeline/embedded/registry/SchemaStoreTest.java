package com.orderpipeline.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The registry's rules on an in-memory log: what Confluent Schema Registry answers for the same calls. */
class SchemaStoreTest {

    private static final String V1 = record("{\"name\":\"id\",\"type\":\"string\"}");
    private static final String V1_SPACED = "{ \"type\" : \"record\", \"name\" : \"Order\", \"namespace\" : \"test\","
            + " \"fields\" : [ { \"name\" : \"id\", \"type\" : \"string\" } ] }";
    /** V1 plus a field with a default: BACKWARD, FORWARD and FULL compatible with V1. */
    private static final String V2_WITH_DEFAULT = record("{\"name\":\"id\",\"type\":\"string\"}",
            "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
    /** V1 plus a field without a default: FORWARD but not BACKWARD compatible with V1. */
    private static final String V2_NO_DEFAULT = record("{\"name\":\"id\",\"type\":\"string\"}",
            "{\"name\":\"amount\",\"type\":\"int\"}");
    /** V1 with the field of another type: compatible with nothing. */
    private static final String V2_RETYPED = record("{\"name\":\"id\",\"type\":\"int\"}");

    private final InMemoryLog log = new InMemoryLog();
    private final SchemaStore store = new SchemaStore(log);

    @Test
    void registersTheFirstSchemaAsVersionOneWithIdOne() {
        int id = store.register("orders-value", V1);

        assertThat(id).isEqualTo(1);
        assertThat(store.versions("orders-value", false)).containsExactly(1);
        assertThat(store.version("orders-value", "1", false)).isEqualTo(new SchemaStore.Version("orders-value", 1, 1, false));
        assertThat(store.schemaById(1)).isEqualTo(SchemaStore.canonical(V1));
    }

    @Test
    void returnsTheSameIdWithoutANewVersionWhenTheSameSchemaIsRegisteredAgainInAnotherSpelling() {
        int first = store.register("orders-value", V1);
        int logSize = log.records.size();

        int again = store.register("orders-value", V1_SPACED);

        assertThat(again).isEqualTo(first);
        assertThat(store.versions("orders-value", false)).containsExactly(1);
        assertThat(log.records).hasSize(logSize);
    }

    @Test
    void givesTheSameSchemaTheSameIdUnderAnotherSubject() {
        int first = store.register("orders-value", V1);
        store.register("payments-value", V2_RETYPED);

        int second = store.register("archive-value", V1_SPACED);

        assertThat(second).isEqualTo(first);
        assertThat(store.versionsOfId(first, false)).extracting(SchemaStore.Version::subject)
                .containsExactly("archive-value", "orders-value");
    }

    @Test
    void handsOutTheNextIdForEachNewSchema() {
        assertThat(store.register("a-value", V1)).isEqualTo(1);
        assertThat(store.register("a-value", V2_WITH_DEFAULT)).isEqualTo(2);
        assertThat(store.register("b-value", V2_RETYPED)).isEqualTo(3);
        assertThat(store.versions("a-value", false)).containsExactly(1, 2);
    }

    @Test
    void rejectsABackwardIncompatibleSchemaWithConfluentsDetails() {
        store.register("orders-value", V1);

        assertRegistryError(() -> store.register("orders-value", V2_NO_DEFAULT), 409, 409)
                .hasMessage("Schema being registered is incompatible with an earlier schema for subject"
                        + " \"orders-value\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE',"
                        + " description:'The field 'amount' at path '/fields/1' in the new schema has no default value"
                        + " and is missing in the old schema', additionalInfo:'amount'}, {oldSchemaVersion: 1},"
                        + " {oldSchema: '" + SchemaStore.canonical(V1) + "'},"
                        + " {validateFields: 'false', compatibility: 'BACKWARD'}]");
        assertThat(store.versions("orders-value", false)).containsExactly(1);
    }

    @Test
    void acceptsAnySchemaUnderNone() {
        store.setLevel("orders-value", CompatibilityLevel.NONE);
        store.register("orders-value", V1);

        assertThat(store.register("orders-value", V2_RETYPED)).isEqualTo(2);
    }

    @Test
    void acceptsUnderForwardWhatOnlyTheOldSchemaCanRead() {
        store.setLevel("orders-value", CompatibilityLevel.FORWARD);
        store.register("orders-value", V1);

        assertThat(store.register("orders-value", V2_NO_DEFAULT)).isEqualTo(2);
        assertRegistryError(() -> store.register("orders-value", V2_RETYPED), 409, 409)
                .hasMessageContaining("{errorType:'TYPE_MISMATCH', description:'The type (path '/fields/0/type') of a"
                        + " field in the old schema does not match with the new schema'")
                .hasMessageContaining("compatibility: 'FORWARD'");
    }

    @Test
    void requiresBothDirectionsUnderFull() {
        store.setLevel("orders-value", CompatibilityLevel.FULL);
        store.register("orders-value", V1);

        assertRegistryError(() -> store.register("orders-value", V2_NO_DEFAULT), 409, 409)
                .hasMessageContaining("in the new schema has no default value and is missing in the old schema")
                .hasMessageContaining("compatibility: 'FULL'");
        assertThat(store.register("orders-value", V2_WITH_DEFAULT)).isEqualTo(2);
    }

    @Test
    void checksEveryEarlierVersionOnlyUnderATransitiveLevel() {
        // v1 {f:int}, v2 {} and v3 {f:string = ""}: v3 reads v2's data but not v1's
        String withInt = record("{\"name\":\"f\",\"type\":\"int\"}");
        String empty = record();
        String withString = record("{\"name\":\"f\",\"type\":\"string\",\"default\":\"\"}");
        for (String subject : List.of("plain-value", "transitive-value")) {
            store.register(subject, withInt);
            store.register(subject, empty);
        }
        store.setLevel("transitive-value", CompatibilityLevel.BACKWARD_TRANSITIVE);

        assertThat(store.register("plain-value", withString)).isPositive();
        assertRegistryError(() -> store.register("transitive-value", withString), 409, 409)
                .hasMessageContaining("{oldSchemaVersion: 1}")
                .hasMessageContaining("compatibility: 'BACKWARD_TRANSITIVE'");
        assertThat(store.checkCompatibility("transitive-value", "latest", withString, false)).isEmpty();
        assertThat(store.checkCompatibility("transitive-value", "1", withString, false)).isNotEmpty();
        assertThat(store.checkCompatibility("transitive-value", null, withString, false)).isNotEmpty();
    }

    @Test
    void checksCompatibilityOfASubjectWithoutVersionsAsCompatibleOnlyForLatest() {
        assertThat(store.checkCompatibility("nothing-value", "latest", V1, true)).isEmpty();
        assertThat(store.checkCompatibility("nothing-value", null, V1, true)).isEmpty();
        assertRegistryError(() -> store.checkCompatibility("nothing-value", "1", V1, true), 404, 40402)
                .hasMessage("Version 1 not found.");
    }

    @Test
    void reportsAnInvalidCandidateAsIncompatibleOnlyWhenVerbose() {
        store.register("orders-value", V1);

        assertThat(store.checkCompatibility("orders-value", "latest", "{\"type\":\"nope\"}", true))
                .singleElement().asString().startsWith("Invalid schema {\"type\":\"nope\"}");
        assertRegistryError(() -> store.checkCompatibility("orders-value", "latest", "{\"type\":\"nope\"}", false),
                422, 42201);
    }

    @Test
    void rejectsSchemaTextThatIsNotAvro() {
        assertRegistryError(() -> store.register("orders-value", "{\"type\":\"record\",\"name\":\"X\"}"), 422, 42201)
                .hasMessageStartingWith("Invalid schema {\"type\":\"record\",\"name\":\"X\"}");
        assertRegistryError(() -> store.register("orders-value", "not json"), 422, 42201);
        assertRegistryError(() -> store.register("orders-value", " "), 422, 42201).hasMessage("Empty schema");
        assertThat(store.subjects(true)).isEmpty();
    }

    @Test
    void acceptsAFieldDefaultOfTheWrongTypeLikeConfluentsDefaultSettings() {
        String badDefault = record("{\"name\":\"count\",\"type\":\"int\",\"default\":\"many\"}");

        assertThat(store.register("orders-value", badDefault)).isEqualTo(1);
    }

    @Test
    void checksTheVersionTextBeforeTheSubject() {
        assertRegistryError(() -> store.version("missing-value", "abc", false), 422, 42202)
                .hasMessage("The specified version 'abc' is not a valid version id. Allowed values are between"
                        + " [1, 2^31-1] and the string \"latest\"");
        assertRegistryError(() -> store.version("missing-value", "0", false), 422, 42202);
        assertRegistryError(() -> store.version("missing-value", "latest", false), 404, 40401)
                .hasMessage("Subject 'missing-value' not found.");
    }

    @Test
    void findsVersionsByNumberLatestAndMinusOne() {
        store.register("orders-value", V1);
        store.register("orders-value", V2_WITH_DEFAULT);

        assertThat(store.version("orders-value", "1", false).id()).isEqualTo(1);
        assertThat(store.version("orders-value", "latest", false).version()).isEqualTo(2);
        assertThat(store.version("orders-value", " LATEST ", false).version()).isEqualTo(2);
        assertThat(store.version("orders-value", "-1", false).version()).isEqualTo(2);
        assertRegistryError(() -> store.version("orders-value", "3", false), 404, 40402).hasMessage("Version 3 not found.");
    }

    @Test
    void looksUpASchemaOnlyInItsSubject() {
        store.register("orders-value", V1);
        store.register("other-value", V2_RETYPED);

        assertThat(store.lookup("orders-value", V1_SPACED, false)).isEqualTo(new SchemaStore.Version("orders-value", 1, 1, false));
        assertRegistryError(() -> store.lookup("orders-value", V2_RETYPED, false), 404, 40403).hasMessage("Schema not found");
        assertRegistryError(() -> store.lookup("missing-value", V1, false), 404, 40401);
    }

    @Test
    void softDeletesASubjectThenDeletesItPermanently() {
        store.register("orders-value", V1);
        store.register("orders-value", V2_WITH_DEFAULT);

        assertRegistryError(() -> store.deleteSubject("orders-value", true), 404, 40405)
                .hasMessage("Subject 'orders-value' was not deleted first before being permanently deleted");
        assertThat(store.deleteSubject("orders-value", false)).containsExactly(1, 2);
        assertThat(store.subjects(false)).isEmpty();
        assertThat(store.subjects(true)).containsExactly("orders-value");
        assertThat(store.versions("orders-value", true)).containsExactly(1, 2);
        assertRegistryError(() -> store.versions("orders-value", false), 404, 40401);
        assertRegistryError(() -> store.deleteSubject("orders-value", false), 404, 40404)
                .hasMessage("Subject 'orders-value' was soft deleted.Set permanent=true to delete permanently");
        assertThat(store.schemaById(1)).isNotNull();

        assertThat(store.deleteSubject("orders-value", true)).containsExactly(1, 2);
        assertThat(store.subjects(true)).isEmpty();
        assertRegistryError(() -> store.schemaById(1), 404, 40403).hasMessage("Schema 1 not found");
        assertRegistryError(() -> store.deleteSubject("orders-value", true), 404, 40401);
    }

    @Test
    void forgetsTheSubjectLevelWhenTheSubjectIsSoftDeleted() {
        store.setLevel("orders-value", CompatibilityLevel.NONE);
        store.register("orders-value", V1);

        store.deleteSubject("orders-value", false);

        assertThat(store.subjectLevel("orders-value")).isEmpty();
    }

    @Test
    void reusesTheIdOfASoftDeletedSchemaAndRemovesItsOldVersion() {
        store.register("orders-value", V1);
        store.deleteSubject("orders-value", false);

        int id = store.register("orders-value", V1);

        assertThat(id).isEqualTo(1);
        assertThat(store.versions("orders-value", true)).containsExactly(2);
        assertThat(store.version("orders-value", "latest", false)).isEqualTo(new SchemaStore.Version("orders-value", 2, 1, false));
    }

    @Test
    void givesAPermanentlyDeletedSchemaANewIdAndNeverReusesAnId() {
        store.register("orders-value", V1);
        store.deleteSubject("orders-value", false);
        store.deleteSubject("orders-value", true);

        assertThat(store.register("orders-value", V1)).isEqualTo(2);
        assertThat(store.versions("orders-value", false)).containsExactly(1);
        assertThat(store.register("other-value", V2_RETYPED)).isEqualTo(3);
    }

    @Test
    void softDeletesAVersionThenDeletesItPermanently() {
        store.register("orders-value", V1);
        store.register("orders-value", V2_WITH_DEFAULT);

        assertRegistryError(() -> store.deleteVersion("orders-value", "1", true), 404, 40407)
                .hasMessage("Subject 'orders-value' Version 1 was not deleted first before being permanently deleted");
        assertThat(store.deleteVersion("orders-value", "1", false)).isEqualTo(1);
        assertRegistryError(() -> store.deleteVersion("orders-value", "1", false), 404, 40406)
                .hasMessage("Subject 'orders-value' Version 1 was soft deleted.Set permanent=true to delete permanently");
        assertThat(store.versions("orders-value", false)).containsExactly(2);
        assertThat(store.version("orders-value", "1", true).deleted()).isTrue();
        assertRegistryError(() -> store.version("orders-value", "1", false), 404, 40402);

        assertThat(store.deleteVersion("orders-value", "1", true)).isEqualTo(1);
        assertThat(store.versions("orders-value", true)).containsExactly(2);
        assertRegistryError(() -> store.deleteVersion("orders-value", "7", false), 404, 40402);
        assertRegistryError(() -> store.deleteVersion("missing-value", "1", false), 404, 40401);
    }

    @Test
    void keepsGlobalAndSubjectLevelsApart() {
        assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(store.subjectLevel("orders-value")).isEmpty();

        store.setLevel(null, CompatibilityLevel.FULL);
        store.setLevel("orders-value", CompatibilityLevel.NONE);

        assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(store.subjectLevel("orders-value")).contains(CompatibilityLevel.NONE);
        assertThat(store.clearSubjectLevel("orders-value")).isEqualTo(CompatibilityLevel.NONE);
        assertRegistryError(() -> store.clearSubjectLevel("orders-value"), 404, 40401);
        assertThat(store.clearGlobalLevel()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void rebuildsIdenticalStateByReplayingItsLog() {
        store.register("orders-value", V1);
        store.register("orders-value", V2_WITH_DEFAULT);
        store.register("payments-value", V1);
        store.setLevel("payments-value", CompatibilityLevel.NONE);
        store.register("payments-value", V2_RETYPED);
        store.register("refunds-value", V2_NO_DEFAULT);
        store.deleteVersion("orders-value", "1", false);
        store.deleteSubject("refunds-value", false);
        store.deleteSubject("refunds-value", true);
        store.register("shipments-value", V1);
        store.deleteSubject("shipments-value", false);
        store.setLevel(null, CompatibilityLevel.FORWARD);
        store.setLevel("orders-value", CompatibilityLevel.FULL_TRANSITIVE);

        SchemaStore replayed = new SchemaStore(log);

        assertThat(snapshot(replayed)).isEqualTo(snapshot(store));
        assertThat(replayed.register("new-value", record("{\"name\":\"x\",\"type\":\"long\"}")))
                .isEqualTo(store.register("new-value", record("{\"name\":\"x\",\"type\":\"long\"}")))
                .isEqualTo(5);
    }

    /** Everything a client can read from the store. */
    private static Map<String, Object> snapshot(SchemaStore store) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("global", store.globalLevel());
        state.put("subjects", store.subjects(false));
        state.put("subjectsWithDeleted", store.subjects(true));
        for (String subject : store.subjects(true)) {
            state.put(subject + " level", store.subjectLevel(subject));
            for (int version : store.versions(subject, true)) {
                SchemaStore.Version v = store.version(subject, String.valueOf(version), true);
                state.put(subject + " v" + version, v + " " + store.schemaById(v.id()));
            }
        }
        for (int id = 1; id <= 10; id++) {
            try {
                state.put("id " + id, store.schemaById(id) + " " + store.versionsOfId(id, true));
            } catch (RegistryError e) {
                state.put("id " + id, e.errorCode());
            }
        }
        return state;
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRegistryError(
            ThrowingCallable call, int status, int errorCode) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(RegistryError.class, e -> {
                    assertThat(e.httpStatus()).as("HTTP status").isEqualTo(status);
                    assertThat(e.errorCode()).as("error_code").isEqualTo(errorCode);
                });
    }

    private static String record(String... fields) {
        return "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"test\",\"fields\":[" + String.join(",", fields) + "]}";
    }

    /** The log as a list; replay feeds what was appended, as the Kafka topic would before compaction. */
    private static final class InMemoryLog implements SchemaLog {
        final List<SchemaLogRecord> records = new ArrayList<>();

        @Override
        public void replay(Consumer<SchemaLogRecord> consumer) {
            List.copyOf(records).forEach(consumer);
        }

        @Override
        public void append(SchemaLogRecord record) {
            records.add(record);
        }

        @Override
        public void close() {
        }
    }
}

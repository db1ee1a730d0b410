package com.orderpipeline.embedded.registry;

import com.orderpipeline.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The compatibility check of Confluent Schema Registry for Avro, with its exact messages, as the registry returns
 * them in a 409's {@code details} and in {@code messages} of a verbose compatibility check.
 *
 * <p>Like Confluent's {@code CompatibilityChecker}: the non-transitive levels check against the latest earlier
 * version only, the transitive ones against every earlier version from the newest back, stopping at the first
 * incompatible one. The messages of that version are one {@code {errorType:..., description:..., additionalInfo:...}}
 * line per Avro incompatibility, then {@code {oldSchemaVersion: N}} and {@code {oldSchema: '...'}}, and last
 * {@code {validateFields: 'false', compatibility: 'LEVEL'}}.
 */
final class ConfluentCompatibility {
    private static final int MAX_SCHEMA_SIZE_FOR_LOGGING = 10 * 1024;
    private static final String NEW = "new";
    private static final String OLD = "old";

    /** An earlier version of the subject: its number, stored (canonical) text and parsed schema. */
    record Earlier(int version, String schemaText, Schema schema) {
    }

    private ConfluentCompatibility() {
    }

    /**
     * @param earlierOldestFirst the versions to check against, oldest first
     * @return Confluent's messages; empty when the candidate is compatible
     */
    static List<String> check(CompatibilityLevel level, Schema candidate, List<Earlier> earlierOldestFirst) {
        if (level == CompatibilityLevel.NONE || earlierOldestFirst.isEmpty()) {
            return List.of();
        }
        List<Earlier> newestFirst = new ArrayList<>(earlierOldestFirst);
        java.util.Collections.reverse(newestFirst);
        if (!transitive(level)) {
            newestFirst = newestFirst.subList(0, 1);
        }
        for (Earlier earlier : newestFirst) {
            List<String> messages = validate(level, candidate, earlier);
            if (!messages.isEmpty()) {
                messages.add("{validateFields: 'false', compatibility: '" + level.name() + "'}");
                return messages;
            }
        }
        return List.of();
    }

    private static boolean transitive(CompatibilityLevel level) {
        return level == CompatibilityLevel.BACKWARD_TRANSITIVE || level == CompatibilityLevel.FORWARD_TRANSITIVE
                || level == CompatibilityLevel.FULL_TRANSITIVE;
    }

    private static List<String> validate(CompatibilityLevel level, Schema candidate, Earlier earlier) {
        return switch (level) {
            // canReadStrategy: the new schema reads data written with the old one
            case BACKWARD, BACKWARD_TRANSITIVE -> messages(candidate, earlier.schema(), NEW, OLD, earlier, true);
            // canBeReadStrategy: the old schema reads data written with the new one
            case FORWARD, FORWARD_TRANSITIVE -> messages(earlier.schema(), candidate, OLD, NEW, earlier, true);
            // mutualReadStrategy: both, the old reader first and without the old schema appended
            case FULL, FULL_TRANSITIVE -> {
                List<String> result = messages(earlier.schema(), candidate, OLD, NEW, earlier, false);
                result.addAll(messages(candidate, earlier.schema(), NEW, OLD, earlier, true));
                yield result;
            }
            case NONE -> new ArrayList<>();
        };
    }

    private static List<String> messages(Schema reader, Schema writer, String readerName, String writerName,
                                         Earlier earlier, boolean appendOldSchema) {
        List<String> messages = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            messages.add(difference(incompatibility, readerName, writerName));
        }
        if (!messages.isEmpty() && appendOldSchema) {
            messages.add("{oldSchemaVersion: " + earlier.version() + "}");
            String old = earlier.schemaText();
            messages.add(old.length() <= MAX_SCHEMA_SIZE_FOR_LOGGING
                    ? "{oldSchema: '" + old + "'}"
                    : "{oldSchema: <truncated> '" + old.substring(0, MAX_SCHEMA_SIZE_FOR_LOGGING) + "...'}");
        }
        return messages;
    }

    /** Confluent's {@code io.confluent.kafka.schemaregistry.avro.Difference}, with reader and writer named. */
    private static String difference(Incompatibility incompatibility, String reader, String writer) {
        String path = incompatibility.getLocation();
        String info = incompatibility.getMessage();
        String description = switch (incompatibility.getType()) {
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + info
                    + "' at path '" + path + "' in the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                    + path + "' in the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + info + "' at path '" + path + "' in the "
                    + reader + " schema has no default value and is missing in the " + writer + " schema";
            default -> "";
        };
        return "{errorType:'" + incompatibility.getType() + "', description:'" + description
                + "', additionalInfo:'" + info + "'}";
    }
}

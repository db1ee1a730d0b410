package com.orderpipeline.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The compatibility levels of Confluent Schema Registry, checked with Avro's own {@link SchemaCompatibility}.
 *
 * <p>BACKWARD: the new schema reads data written with the previous one. FORWARD: the previous schema reads
 * data written with the new one. FULL: both. The _TRANSITIVE forms check against every earlier version
 * instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Parses a level name as the registry's REST API spells it, any case; empty for an unknown name. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks a candidate schema against the versions already registered, oldest first.
     *
     * @return one readable line per incompatibility; empty when the candidate is compatible
     */
    public List<String> check(Schema candidate, List<Schema> previousOldestFirst) {
        if (this == NONE || previousOldestFirst.isEmpty()) {
            return List.of();
        }
        List<Schema> against = transitive
                ? previousOldestFirst
                : List.of(previousOldestFirst.get(previousOldestFirst.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema previous : against) {
            if (newReadsOld) {
                problems.addAll(incompatibilities(candidate, previous, "the new schema cannot read data written with an earlier one"));
            }
            if (oldReadsNew) {
                problems.addAll(incompatibilities(previous, candidate, "an earlier schema cannot read data written with the new one"));
            }
        }
        return problems;
    }

    private static List<String> incompatibilities(Schema reader, Schema writer, String direction) {
        List<String> lines = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            lines.add(describe(incompatibility, reader, direction));
        }
        return lines;
    }

    private static String describe(Incompatibility incompatibility, Schema reader, String direction) {
        String field = SchemaPaths.fieldPath(reader, incompatibility.getLocation());
        return String.format("%s at %s (%s): %s; %s",
                incompatibility.getType(),
                field.isEmpty() ? "the top level" : "field '" + field + "'",
                incompatibility.getLocation(),
                incompatibility.getMessage(),
                direction);
    }
}

package com.orderpipeline.embedded.registry;

import com.orderpipeline.schemas.registry.CompatibilityLevel;

/**
 * One record of the registry's log topic. Keys and values follow the JSON layout of Confluent Schema
 * Registry's {@code _schemas} topic, so the log reads the same to anyone who knows that format.
 */
sealed interface SchemaLogRecord {

    /** A version of a subject; with {@code schema == null} the version is permanently removed. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements SchemaLogRecord {
    }

    /** The compatibility level of a subject, or the global one when {@code subject == null}; a null level clears it. */
    record Config(String subject, CompatibilityLevel level) implements SchemaLogRecord {
    }
}

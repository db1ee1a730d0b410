package com.orderpipeline.schemas.serde;

import java.util.Map;

/**
 * How the serializer finds the schema id it writes.
 *
 * @param autoRegister     register the record class's schema under the subject when it is not there yet
 *                         (Confluent's {@code auto.register.schemas}, on by default)
 * @param useLatestVersion with auto-registration off, write records in the subject's latest registered
 *                         schema (Confluent's {@code use.latest.version}); otherwise the class's own schema
 *                         must already be registered
 */
public record AvroSerdeConfig(boolean autoRegister, boolean useLatestVersion) {
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";

    public static AvroSerdeConfig defaults() {
        return new AvroSerdeConfig(true, false);
    }

    /** Auto-registration off: writes with the latest version registered under the subject. */
    public static AvroSerdeConfig latestRegistered() {
        return new AvroSerdeConfig(false, true);
    }

    /** Reads Confluent's property names, so one configuration serves both serializers. */
    public static AvroSerdeConfig fromProperties(Map<String, ?> properties) {
        boolean autoRegister = flag(properties, AUTO_REGISTER_SCHEMAS, true);
        return new AvroSerdeConfig(autoRegister, flag(properties, USE_LATEST_VERSION, !autoRegister));
    }

    private static boolean flag(Map<String, ?> properties, String name, boolean fallback) {
        Object value = properties.get(name);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(text);
    }
}

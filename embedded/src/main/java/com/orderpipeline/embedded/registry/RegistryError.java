package com.orderpipeline.embedded.registry;

/**
 * An error answer of the registry, with the HTTP status and {@code error_code} Confluent Schema Registry gives
 * for the same case, so clients written against Confluent's registry react to it the same way.
 */
final class RegistryError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    private RegistryError(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(int version) {
        return new RegistryError(404, 40402, "Version " + version + " not found.");
    }

    static RegistryError schemaNotFound() {
        return new RegistryError(404, 40403, "Schema not found");
    }

    static RegistryError schemaIdNotFound(int id) {
        return new RegistryError(404, 40403, "Schema " + id + " not found");
    }

    static RegistryError subjectSoftDeleted(String subject) {
        return new RegistryError(404, 40404,
                "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryError subjectNotSoftDeleted(String subject) {
        return new RegistryError(404, 40405,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryError versionSoftDeleted(String subject, String version) {
        return new RegistryError(404, 40406, "Subject '" + subject + "' Version " + version
                + " was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryError versionNotSoftDeleted(String subject, int version) {
        return new RegistryError(404, 40407, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    static RegistryError subjectConfigNotFound(String subject) {
        return new RegistryError(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryError invalidSchema(String schema, String detail) {
        return new RegistryError(422, 42201, "Invalid schema " + schema + " with refs [] of type AVRO, details: "
                + detail);
    }

    static RegistryError invalidSchema(String detail) {
        return new RegistryError(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryError emptySchema() {
        return new RegistryError(422, 42201, "Empty schema");
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel() {
        return new RegistryError(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward,"
                + " full, backward_transitive, forward_transitive, and full_transitive");
    }

    /**
     * HTTP 409 with error_code 409, as Confluent Schema Registry answers up to 8.1.1 and as the project spec says
     * (8.1.2 and later answer error_code 40901 with the same status and message).
     */
    static RegistryError incompatible(String subject, java.util.List<String> details) {
        return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for"
                + " subject \"" + subject + "\", details: " + details);
    }

    static RegistryError unsupportedSchemaType(String type) {
        return new RegistryError(422, 42201, "Invalid schema type " + type + " (only AVRO is supported here)");
    }

    static RegistryError badRequest(String detail) {
        return new RegistryError(400, 400, detail);
    }

    static RegistryError unsupportedMediaType() {
        return new RegistryError(415, 415, "HTTP 415 Unsupported Media Type");
    }

    static RegistryError storeError(String detail, Throwable cause) {
        RegistryError error = new RegistryError(500, 50001, "Error in the backend data store: " + detail);
        error.initCause(cause);
        return error;
    }

    static RegistryError notFoundPath() {
        return new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    static RegistryError methodNotAllowed() {
        return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
    }
}

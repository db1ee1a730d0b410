package com.orderpipeline.schemas.registry;

import java.util.Optional;

/**
 * A failed call to a schema registry. The message names the registry, the subject (where there is one) and
 * what the registry answered, so that an operator can act on it without a debugger.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Confluent's error_code for a subject that does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent's error_code for a version that does not exist in a subject. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent's error_code for a schema (by id, or by content in a subject) that does not exist. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent's error_code for a subject with no subject-level compatibility configured. */
    public static final int SUBJECT_CONFIG_NOT_FOUND = 40408;
    /** Confluent's error_code for a schema that is not valid. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent's error_code (and HTTP status) for a schema incompatible with earlier versions. */
    public static final int INCOMPATIBLE_SCHEMA = 409;

    private final String registryUrl;
    private final String subject;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String registryUrl, String subject, int httpStatus, int errorCode,
                                   String message, Throwable cause) {
        super(message, cause);
        this.registryUrl = registryUrl;
        this.subject = subject;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** The HTTP status the registry answered, or 0 when it could not be reached at all. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error_code} of the registry's answer, or 0 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /**
     * Whether asking again later may succeed: the registry could not be reached or timed out (no status), or
     * answered 408, 429 or a 5xx. A 4xx other than those (an unknown schema id, an invalid schema) will not
     * change by asking again.
     */
    public boolean isRetriable() {
        return httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }

    /** Whether the failure is a registry call that may succeed if asked again later (see {@link #isRetriable()}). */
    public static boolean isRetriableFailure(RuntimeException failure) {
        return failure instanceof SchemaRegistryException e && e.isRetriable();
    }
}

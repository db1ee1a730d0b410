package com.orderpipeline.schemas.serde;

import com.orderpipeline.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not answer (unreachable, timing out, or a 5xx), so a record could not be read or
 * written now; the record itself may be perfectly good. A Kafka {@link RetriableException}, unlike the
 * {@link org.apache.kafka.common.errors.SerializationException} of bytes that can never be read, so that error
 * handlers retry it instead of sending the record to the dead letters.
 */
public final class RegistryUnavailableException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, SchemaRegistryException cause) {
        super(message, cause);
    }
}

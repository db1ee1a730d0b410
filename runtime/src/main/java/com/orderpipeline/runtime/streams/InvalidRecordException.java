package com.orderpipeline.runtime.streams;

/**
 * A record the state machine cannot act on at all (its key and order ID differ, a physical order has no
 * address, ...). Thrown rather than answered, so Kafka Streams' processing exception handler sends the record
 * to the dead letters with this message and processing goes on.
 */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }
}

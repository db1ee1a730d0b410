package com.orderpipeline.orderid.blocks;

/** No sequence number can be handed out now: the next block could not be claimed from Kafka. */
public class SequenceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SequenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.orderpipeline.runtime.streams;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure worth waiting out (a schema registry or broker that cannot answer now) from one that will
 * happen again however long one waits (bytes that can never be read, a record the rules cannot act on).
 */
public final class Retriable {
    private Retriable() {
    }

    /** Whether the failure, or anything that caused it, is one of Kafka's {@link RetriableException}s. */
    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}

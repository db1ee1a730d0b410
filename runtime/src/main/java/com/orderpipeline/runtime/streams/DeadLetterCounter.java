package com.orderpipeline.runtime.streams;

/** Told of each record sent to the dead-letter topic. Called on the stream thread; must be quick and not throw. */
public interface DeadLetterCounter {

    /** Why a record became a dead letter. */
    enum Cause {
        /** Its key or value could not be read: bad magic byte, unknown schema id, garbage. */
        DESERIALIZATION,
        /** The processor could not act on it, or failed on it. */
        PROCESSING
    }

    void deadLettered(Cause cause);
}

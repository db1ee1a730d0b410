package com.orderpipeline.embedded.registry;

import java.util.function.Consumer;

/** Where the registry keeps its state: every change is appended before it is applied or answered. */
interface SchemaLog extends AutoCloseable {

    /** Feeds every record already in the log, oldest first, to the consumer. */
    void replay(Consumer<SchemaLogRecord> consumer);

    /** Appends a record durably; returns only once it is stored. */
    void append(SchemaLogRecord record);

    @Override
    void close();
}

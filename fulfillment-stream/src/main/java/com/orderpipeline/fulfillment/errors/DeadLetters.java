package com.orderpipeline.fulfillment.errors;

import com.orderpipeline.runtime.streams.DeadLetterCounter;
import com.orderpipeline.runtime.streams.DeadLetterHandlers;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams' own dead-letter queue (the {@code errors.dead.letter.queue.topic.name} the shared
 * {@code StreamsSettings} configure), with each dead letter counted. The handlers are the shared
 * {@link DeadLetterHandlers}: a record that can never be read or acted on goes, raw, to the dead-letter topic in
 * the same transaction as the rest of the task's output, with headers naming its source topic, partition,
 * offset, the exception and this application, and processing goes on; a registry or broker that cannot answer
 * is waited out instead.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** Installs the counting handlers in Streams properties that already name the dead-letter topic. */
    public static Properties counted(Properties streamsProperties, DeadLetterCounter counter) {
        Properties properties = new Properties();
        properties.putAll(streamsProperties);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Deserialization.class);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class);
        properties.put(DeadLetterHandlers.COUNTER_CONFIG, counter);
        return properties;
    }
}

package com.orderpipeline.fulfillment.errors;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' own dead-letter queue (the {@code errors.dead.letter.queue.topic.name} the shared
 * {@code StreamsSettings} configure), with each dead letter counted. The handlers are Kafka's log-and-continue
 * ones: the record's raw key and value go to the dead-letter topic, in the same transaction as the rest of the
 * task's output, with headers naming its source topic, partition, offset and the exception; processing goes on.
 */
public final class DeadLetters {
    /** The Streams property that carries the counter to the handlers Kafka Streams instantiates. */
    static final String COUNTER_CONFIG = "fulfillment.dead.letter.counter";

    private DeadLetters() {
    }

    /** Installs the counting handlers in Streams properties that already name the dead-letter topic. */
    public static Properties counted(Properties streamsProperties, DeadLetterCounter counter) {
        Properties properties = new Properties();
        properties.putAll(streamsProperties);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeserializationHandler.class);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, CountingProcessingHandler.class);
        properties.put(COUNTER_CONFIG, counter);
        return properties;
    }

    private static DeadLetterCounter counter(Map<String, ?> configs) {
        Object counter = configs.get(COUNTER_CONFIG);
        return counter instanceof DeadLetterCounter given ? given : cause -> {
        };
    }

    /** Log, dead-letter and count a record that cannot be deserialized. */
    public static final class CountingDeserializationHandler extends LogAndContinueExceptionHandler {
        private DeadLetterCounter counter;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            counter = counter(configs);
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                    ConsumerRecord<byte[], byte[]> record,
                                                                    Exception exception) {
            DeserializationExceptionHandler.Response response = super.handleError(context, record, exception);
            counter.deadLettered(DeadLetterCounter.Cause.DESERIALIZATION);
            return response;
        }
    }

    /** Log, dead-letter and count a record whose processing threw. */
    public static final class CountingProcessingHandler extends LogAndContinueProcessingExceptionHandler {
        private DeadLetterCounter counter;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            counter = counter(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                               Exception exception) {
            ProcessingExceptionHandler.Response response = super.handleError(context, record, exception);
            counter.deadLettered(DeadLetterCounter.Cause.PROCESSING);
            return response;
        }
    }
}

package com.orderpipeline.runtime.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error handlers of every stream app. Only a record that can never be read or acted on is a dead letter:
 * its raw key and value go to the dead-letter topic ({@code errors.dead.letter.queue.topic.name}), in the same
 * transaction as the rest of the task's output, with Kafka Streams' headers naming its source topic, partition,
 * offset and the exception, plus {@value #APPLICATION_HEADER} naming the application that dead-lettered it;
 * processing goes on. A retriable failure (the schema registry or a broker cannot answer now) fails the stream
 * thread instead, so that nothing is committed past the record; {@link StreamsRunner} replaces the thread after
 * a backoff and the record is read again from the last commit.
 */
public final class DeadLetterHandlers {
    /** The header naming the {@code application.id} that sent the record to the dead letters. */
    public static final String APPLICATION_HEADER = "pipeline.errors.application.id";
    /** The Streams property that may carry a {@link DeadLetterCounter} to the handlers Kafka Streams creates. */
    public static final String COUNTER_CONFIG = "pipeline.dead.letter.counter";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /**
     * A copy of Streams properties (which already name the dead-letter topic and these handlers, as
     * {@link StreamsSettings#properties} does) that carries {@code counter} to the handlers, so that every dead
     * letter is counted.
     */
    public static Properties counted(Properties streamsProperties, DeadLetterCounter counter) {
        Properties properties = new Properties();
        properties.putAll(streamsProperties);
        properties.put(COUNTER_CONFIG, counter);
        return properties;
    }

    /** What both handlers read from the Streams configuration. */
    private record Setup(byte[] applicationId, DeadLetterCounter counter) {
        static Setup of(Map<String, ?> configs) {
            Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
            Object counter = configs.get(COUNTER_CONFIG);
            return new Setup(String.valueOf(applicationId).getBytes(StandardCharsets.UTF_8),
                    counter instanceof DeadLetterCounter given ? given : cause -> { });
        }

        void deadLettered(List<ProducerRecord<byte[], byte[]>> deadLetters, DeadLetterCounter.Cause cause) {
            deadLetters.forEach(record -> record.headers().add(APPLICATION_HEADER, applicationId));
            counter.deadLettered(cause);
        }
    }

    private static void logRetry(String what, ErrorHandlerContext context, Exception exception) {
        LOG.warn("Could not {} the record at {}-{}@{} for a reason that may pass ({}); failing the stream thread so "
                        + "that the record is read again after a backoff, not dead-lettered",
                what, context.topic(), context.partition(), context.offset(), exception.getMessage());
    }

    /** Dead-letters a record that cannot be deserialized; fails the thread when the cause is retriable. */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private Setup setup;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            setup = Setup.of(configs);
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                    ConsumerRecord<byte[], byte[]> record,
                                                                    Exception exception) {
            if (Retriable.is(exception)) {
                logRetry("read", context, exception);
                return DeserializationExceptionHandler.Response.fail();
            }
            DeserializationExceptionHandler.Response response = super.handleError(context, record, exception);
            setup.deadLettered(response.deadLetterQueueRecords(), DeadLetterCounter.Cause.DESERIALIZATION);
            return response;
        }
    }

    /** Dead-letters a record whose processing threw; fails the thread when the cause is retriable. */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private Setup setup;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            setup = Setup.of(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                               Exception exception) {
            if (Retriable.is(exception)) {
                logRetry("process", context, exception);
                return ProcessingExceptionHandler.Response.fail();
            }
            ProcessingExceptionHandler.Response response = super.handleError(context, record, exception);
            setup.deadLettered(response.deadLetterQueueRecords(), DeadLetterCounter.Cause.PROCESSING);
            return response;
        }
    }
}

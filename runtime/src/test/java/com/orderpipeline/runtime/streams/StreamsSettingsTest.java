package com.orderpipeline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
    private static final StreamsSettings SETTINGS = StreamsSettings.fromEnv(new Env(Map.of()), "fulfillment-stream");

    @Test
    void runsExactlyOnceWithTheDeadLetterTopicAndBigProducerBatches() {
        Properties properties = SETTINGS.properties(KafkaSettings.fromEnv(new Env(Map.of())), "pipeline.dead-letter");

        assertThat(properties)
                .containsEntry("application.id", "fulfillment-stream")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("commit.interval.ms", 100L)
                .containsEntry("errors.dead.letter.queue.topic.name", "pipeline.dead-letter")
                .containsEntry("processing.exception.handler.global.enabled", true)
                .containsEntry("producer.batch.size", 64 * 1024)
                .doesNotContainKey("batch.size");
    }

    @Test
    void anOperatorsBatchSizeWinsWithOrWithoutTheProducerPrefix() {
        Properties plain = SETTINGS.properties(KafkaSettings.fromEnv(new Env(Map.of("KAFKA_BATCH_SIZE", "16384"))),
                "pipeline.dead-letter");
        Properties prefixed = SETTINGS.properties(
                KafkaSettings.fromEnv(new Env(Map.of("KAFKA_PRODUCER_BATCH_SIZE", "65536"))), "pipeline.dead-letter");

        assertThat(plain).containsEntry("batch.size", "16384").doesNotContainKey("producer.batch.size");
        assertThat(prefixed).containsEntry("producer.batch.size", "65536");
    }
}

package com.orderpipeline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void joinsAsAStaticMemberWhoseIdSurvivesARestartOnTheSameStateDirectory(@TempDir Path stateDir) {
        StreamsSettings settings = StreamsSettings.fromEnv(new Env(Map.of("STATE_DIR", stateDir.toString())), "tracking-stream");
        KafkaSettings kafka = KafkaSettings.fromEnv(new Env(Map.of()));

        Object first = settings.properties(kafka, "dead").get("main.consumer.group.instance.id");
        Object again = settings.properties(kafka, "dead").get("main.consumer.group.instance.id");
        Object elsewhere = settings.withStateDir(stateDir.resolve("other")).properties(kafka, "dead")
                .get("main.consumer.group.instance.id");

        assertThat(first).asString().startsWith("tracking-stream-");
        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isNotNull().isNotEqualTo(first);
        assertThat(settings.properties(kafka, "dead")).containsEntry("main.consumer.session.timeout.ms", 10_000);
    }

    @Test
    void leavesGroupSettingsTheOperatorGaveAlone(@TempDir Path stateDir) {
        StreamsSettings settings = StreamsSettings.fromEnv(new Env(Map.of("STATE_DIR", stateDir.toString())), "app");
        Properties operators = settings.properties(KafkaSettings.fromEnv(new Env(Map.of(
                "KAFKA_GROUP_INSTANCE_ID", "node-7", "KAFKA_SESSION_TIMEOUT_MS", "45000"))), "dead");
        Properties dynamic = StreamsSettings.fromEnv(new Env(Map.of("STATE_DIR", stateDir.toString(),
                "STATIC_MEMBERSHIP", "false")), "app").properties(KafkaSettings.fromEnv(new Env(Map.of())), "dead");

        assertThat(operators).containsEntry("group.instance.id", "node-7").containsEntry("session.timeout.ms", "45000")
                .doesNotContainKeys("main.consumer.group.instance.id", "main.consumer.session.timeout.ms");
        assertThat(dynamic).doesNotContainKeys("main.consumer.group.instance.id", "group.instance.id");
    }
}

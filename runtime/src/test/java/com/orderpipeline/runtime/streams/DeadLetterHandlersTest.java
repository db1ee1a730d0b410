package com.orderpipeline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.runtime.config.Env;
import com.orderpipeline.runtime.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared handlers on a small topology whose value deserializer and processor fail as told by the value:
 * {@code garbage} cannot be read, {@code registry-down} finds the registry unreachable, {@code bug} throws in
 * the processor, {@code broker-slow} times out in it.
 */
class DeadLetterHandlersTest {
    private static final String DEAD_LETTERS = "dead-letters";

    @TempDir
    Path stateDir;
    private final List<DeadLetterCounter.Cause> counted = new ArrayList<>();

    @Test
    void sendsBytesThatCannotBeReadToTheDeadLettersNamingTheApplicationAndGoesOn() {
        // at least once: TopologyTestDriver 4.4 drops a dead letter sent before the first record is processed under
        // exactly-once (see FulfillmentTopologyTest); the handler does the same either way
        try (TopologyTestDriver driver = driver(StreamsConfig.AT_LEAST_ONCE)) {
            input(driver).pipeInput("k1", "garbage");
            input(driver).pipeInput("k2", "fine");

            assertThat(output(driver).readValuesToList()).containsExactly("FINE");
            List<TestRecord<String, String>> dead = deadLetters(driver).readRecordsToList();
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo("garbage");
                assertThat(header(record, DeadLetterHandlers.APPLICATION_HEADER)).isEqualTo("dead-letter-test");
                assertThat(header(record, "__streams.errors.topic")).isEqualTo("in");
                assertThat(header(record, "__streams.errors.exception")).isEqualTo(SerializationException.class.getName());
            });
            assertThat(counted).containsExactly(DeadLetterCounter.Cause.DESERIALIZATION);
        }
    }

    @Test
    void failsTheThreadInsteadOfDeadLetteringWhenTheRegistryCannotBeReached() {
        try (TopologyTestDriver driver = driver(StreamsConfig.EXACTLY_ONCE_V2)) {
            assertThatThrownBy(() -> input(driver).pipeInput("k1", "registry-down"))
                    .isInstanceOf(StreamsException.class)
                    .hasRootCauseInstanceOf(RetriableException.class);

            assertThat(deadLetters(driver).isEmpty()).isTrue();
            assertThat(output(driver).isEmpty()).isTrue();
            assertThat(counted).isEmpty();
        }
    }

    @Test
    void sendsARecordWhoseProcessingFailsToTheDeadLettersButRetriesATimeout() {
        try (TopologyTestDriver driver = driver(StreamsConfig.EXACTLY_ONCE_V2)) {
            input(driver).pipeInput("k1", "bug");
            assertThatThrownBy(() -> input(driver).pipeInput("k2", "broker-slow"))
                    .isInstanceOf(StreamsException.class)
                    .hasRootCauseInstanceOf(RetriableException.class);

            assertThat(deadLetters(driver).readValuesToList()).containsExactly("bug");
            assertThat(counted).containsExactly(DeadLetterCounter.Cause.PROCESSING);
        }
    }

    private TopologyTestDriver driver(String processingGuarantee) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.serdeFrom(new StringSerializer(), new Failing())))
                .mapValues(DeadLetterHandlersTest::process)
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        StreamsSettings settings = StreamsSettings.fromEnv(new Env(Map.of("STATE_DIR", stateDir.toString())),
                "dead-letter-test");
        Properties properties = settings.properties(KafkaSettings.fromEnv(new Env(Map.of())), DEAD_LETTERS);
        properties.put(DeadLetterHandlers.COUNTER_CONFIG, (DeadLetterCounter) counted::add);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        return new TopologyTestDriver(builder.build(), properties);
    }

    private static String process(String value) {
        return switch (value) {
            case "bug" -> throw new IllegalStateException("a bug");
            case "broker-slow" -> throw new org.apache.kafka.common.errors.TimeoutException("the broker is slow");
            default -> value.toUpperCase();
        };
    }

    /** Reads values as strings, failing as the value says. */
    private static final class Failing implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String value = new StringDeserializer().deserialize(topic, data);
            return switch (value) {
                case "garbage" -> throw new SerializationException("not in the wire format");
                case "registry-down" -> throw new RetriableException("the registry could not be reached") { };
                default -> value;
            };
        }
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver) {
        return driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    }

    private static TestOutputTopic<String, String> output(TopologyTestDriver driver) {
        return driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    private static TestOutputTopic<String, String> deadLetters(TopologyTestDriver driver) {
        return driver.createOutputTopic(DEAD_LETTERS, new StringDeserializer(), new StringDeserializer());
    }

    private static String header(TestRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

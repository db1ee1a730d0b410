package com.orderpipeline.tracking.query;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestPipeline;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades, on the shared embedded broker: an instance that restores answers stored by an older release (another
 * format) or none at all (views stored before answers were kept) answers what it would have rendered from the view,
 * and stores the answer anew at the view's next change.
 */
@ExtendWith(SharedKafka.class)
class StoredAnswersIT {
    private static final Instant PLACED_AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final LocalDate PROMISED = LocalDate.ofInstant(PLACED_AT, ZoneOffset.UTC).plusDays(4);
    private static final String OLDER_FORMAT = Orders.physicalId(3_001);
    private static final String NONE_STORED = Orders.physicalId(3_002);

    private static TestPipeline pipeline;

    @BeforeAll
    static void placeOrders() {
        pipeline = new TestPipeline("answers", 2);
        pipeline.place(Orders.placed(OLDER_FORMAT, PLACED_AT, PROMISED));
        pipeline.place(Orders.placed(NONE_STORED, PLACED_AT, PROMISED));
    }

    @AfterAll
    static void closePipeline() {
        pipeline.close();
    }

    @Test
    void answersStoredInAnotherFormatOrNotAtAllAreRenderedFromTheViewUntilItsNextChange(@TempDir Path before,
                                                                                          @TempDir Path after) {
        TrackingStreamConfig config = pipeline.config("tracking-upgrade", before, 0);
        Map<String, String> answered;
        try (TrackingStreamApp first = TrackingStreamApp.start(config, Clock.systemUTC())) {
            answered = Map.of(OLDER_FORMAT, answerOf(first, OLDER_FORMAT), NONE_STORED, answerOf(first, NONE_STORED));
        }
        String changelog = config.streams().applicationId() + "-" + TrackingTopology.VIEW_JSON_STORE + "-changelog";
        overwrite(changelog, OLDER_FORMAT, olderRelease(OLDER_FORMAT));
        overwrite(changelog, NONE_STORED, null);

        // a new state directory: the stores are restored from their changelogs, the answers as overwritten above
        try (TrackingStreamApp upgraded = TrackingStreamApp.start(pipeline.config("tracking-upgrade", after, 0),
                Clock.systemUTC())) {
            assertThat(upgraded.awaitRunning(Duration.ofSeconds(60))).isTrue();
            for (String order : List.of(OLDER_FORMAT, NONE_STORED)) {
                // while its store is restored, an answer is served from the restoring copy and marked stale
                HttpResponse<String> response = await().atMost(Duration.ofSeconds(60))
                        .until(() -> Http.get(base(upgraded) + "/orders/" + order), r -> r.statusCode() == 200
                                && r.headers().firstValue("Tracking-Stale").orElse("").equals("false"));
                assertThat(response.body()).as(order).isEqualTo(answered.get(order));
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
                assertThat(response.headers().firstValue("Tracking-Stale")).hasValue("false");
            }

            pipeline.advance(Orders.step(NONE_STORED, PICKED, 2, PLACED_AT.plusSeconds(60)));
            await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(base(upgraded) + "/orders/" + NONE_STORED).body(),
                    body -> body.contains("\"status\":\"PICKED\""));
        }
    }

    private static String answerOf(TrackingStreamApp app, String order) {
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
        return await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(base(app) + "/orders/" + order),
                r -> r.statusCode() == 200).body();
    }

    /** What a release that rendered answers differently could have stored: another tag, another answer. */
    private static byte[] olderRelease(String order) {
        byte[] json = ("{\"orderId\":\"" + order + "\",\"status\":\"DELIVERED\"}").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + json.length).putInt(StoredAnswers.FORMAT - 1).put(json).array();
    }

    private static void overwrite(String topic, String order, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, order, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not write to " + topic, e);
        }
    }

    private static String base(TrackingStreamApp app) {
        return "http://localhost:" + app.httpPort();
    }
}

package com.orderpipeline.tracking.topology;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.runtime.http.Json;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.query.AnswerJson;
import com.orderpipeline.tracking.query.Lookup;
import com.orderpipeline.tracking.query.StoredAnswers;
import com.orderpipeline.tracking.query.TrackingView;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.testing.TrackingDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor stores every new version of a view also as the answer of {@code GET /orders/{id}}. */
class StoredAnswersTopologyTest {
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");
    private static final AnswerJson ANSWERS = new AnswerJson(Json.mapper());

    @TempDir
    Path stateDir;
    private TrackingDriver pipeline;

    @BeforeEach
    void startDriver() {
        pipeline = new TrackingDriver("answers", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), PLACED_AT, view -> { });
    }

    @AfterEach
    void closeDriver() {
        pipeline.close();
    }

    @Test
    void everyNewVersionOfAViewIsStoredAsTheAnswerOfItsLookup() {
        String order = Orders.physicalId(41);
        String digital = Orders.digitalId(42);

        pipeline.placed.pipeInput(order, Orders.placed(order, PLACED_AT, PROMISED), PLACED_AT);
        pipeline.placed.pipeInput(digital, Orders.placedDigital(digital, PLACED_AT, PROMISED), PLACED_AT);
        assertAnswersAreTheViews(order, digital);

        pipeline.fulfillment.pipeInput(order, Orders.step(order, PICKED, 2, PLACED_AT.plusSeconds(60)), PLACED_AT.plusSeconds(60));
        pipeline.returns.pipeInput(order, Returns.declined(order, "req-1", PLACED_AT.plusSeconds(120), Returns.BOOK, 3),
                PLACED_AT.plusSeconds(120));
        assertAnswersAreTheViews(order, digital);
        assertThat(answerOf(order)).contains("\"status\":\"PICKED\"", "\"status\":\"" + ReturnStatus.DECLINED + "\"");

        // late by the wall clock, with no event: the punctuator writes the view and its answer
        pipeline.driver.advanceWallClockTime(Duration.between(PLACED_AT, Instant.parse("2026-05-09T00:01:00Z")));
        assertAnswersAreTheViews(order, digital);
        assertThat(answerOf(order)).contains("\"late\":true");
    }

    private void assertAnswersAreTheViews(String... orders) {
        KeyValueStore<String, OrderTracking> views = pipeline.store(TrackingTopology.VIEW_STORE);
        for (String order : List.of(orders)) {
            Lookup.Found rendered = new Lookup.Found(TrackingView.of(views.get(order)), false, "here:8083", Optional.empty());
            assertThat(answerOf(order)).as(order).isEqualTo(ANSWERS.write(rendered));
        }
    }

    private String answerOf(String order) {
        byte[] stored = pipeline.<byte[]>store(TrackingTopology.VIEW_JSON_STORE).get(order);
        return new String(StoredAnswers.answer(stored, false).orElseThrow(), StandardCharsets.UTF_8);
    }
}

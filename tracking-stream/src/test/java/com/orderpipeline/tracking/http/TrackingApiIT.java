package com.orderpipeline.tracking.http;

import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API and its long polls on one instance, on the shared embedded broker. */
@ExtendWith(SharedKafka.class)
class TrackingApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PLACED_AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final LocalDate PROMISED = LocalDate.ofInstant(PLACED_AT, ZoneOffset.UTC).plusDays(4);

    @TempDir
    static Path stateDir;
    private static TestPipeline pipeline;
    private static TrackingStreamApp app;
    private static String base;

    @BeforeAll
    static void start() {
        pipeline = new TestPipeline("api", 2);
        app = TrackingStreamApp.start(pipeline.config("tracking", stateDir, 0), Clock.systemUTC());
        base = "http://localhost:" + app.httpPort();
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        app.close();
        pipeline.close();
    }

    @Test
    void answersAnOrdersViewAsJson() throws Exception {
        String order = Orders.physicalId(100);
        Instant picked = PLACED_AT.plusSeconds(60);
        pipeline.place(Orders.placed(order, PLACED_AT, PROMISED));
        pipeline.advance(Orders.step(order, PICKED, 2, picked));

        HttpResponse<String> response = await().atMost(Duration.ofSeconds(20))
                .until(() -> Http.get(base + "/orders/" + order), r -> r.body().contains("\"PICKED\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("ETag")).isEmpty();
        assertThat(response.headers().firstValue("Tracking-Stale")).hasValue("false");
        assertThat(response.headers().firstValue("Tracking-Served-By")).hasValue("localhost:" + app.httpPort());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("orderId").asText()).isEqualTo(order);
        assertThat(body.path("status").asText()).isEqualTo("PICKED");
        assertThat(body.path("placedAt").asText()).isEqualTo(PLACED_AT.toString());
        assertThat(body.path("updatedAt").asText()).isEqualTo(picked.toString());
        assertThat(body.path("promisedBy").asText()).isEqualTo(PROMISED.toString());
        assertThat(body.path("carrier").isNull()).isTrue();
        assertThat(body.path("trackingNumber").isNull()).isTrue();
        assertThat(body.path("deliveredAt").isNull()).isTrue();
        assertThat(body.path("late").asBoolean()).isFalse();
        assertThat(body.path("stale").asBoolean()).isFalse();
        assertThat(body.path("destinationCity").asText()).isEqualTo("Seattle");
        assertThat(body.path("timeline").findValuesAsText("status")).containsExactly("PLACED", "PICKED");
        assertThat(body.path("timeline").findValuesAsText("at")).containsExactly(PLACED_AT.toString(), picked.toString());
        assertThat(response.body()).doesNotContain("Ada", "Terry", "14999");
    }

    @Test
    void answers400WithTheReasonForAMistypedId() throws Exception {
        String order = Orders.physicalId(101);
        char last = order.charAt(order.length() - 1);
        String typo = order.substring(0, order.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);

        HttpResponse<String> response = Http.get(base + "/orders/" + typo);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("reason").asText()).isEqualTo("CHECK_DIGIT_MISMATCH");
        assertThat(problem.path("detail").asText()).contains("typo");
        assertThat(JSON.readTree(Http.get(base + "/orders/114-123").body()).path("reason").asText()).isEqualTo("WRONG_LENGTH");
    }

    @Test
    void answers404ForAnOrderNobodyPlaced() throws Exception {
        HttpResponse<String> response = Http.get(base + "/orders/" + Orders.physicalId(999_999));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("No order");
    }

    @Test
    void aHundredLongPollsOnOneOrderAreAllAnsweredWhenItShipsAndNoneIsLeftWaiting() throws Exception {
        String order = Orders.physicalId(102);
        pipeline.place(Orders.placed(order, PLACED_AT, PROMISED));
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(base + "/orders/" + order).statusCode() == 200);

        List<CompletableFuture<HttpResponse<String>>> polls = IntStream.range(0, 100)
                .mapToObj(i -> Http.getAsync(base + "/orders/" + order + "?waitFor=SHIPPED&timeout=30s")).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.waitingLongPolls() == 100);
        pipeline.advance(Orders.step(order, PICKED, 2, PLACED_AT.plusSeconds(10)));
        pipeline.advance(Orders.step(order, PACKED, 3, PLACED_AT.plusSeconds(20)));
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(Http.get(base + "/orders/" + order).body())
                .path("status").asText().equals("PACKED"));
        assertThat(polls).noneMatch(CompletableFuture::isDone);
        assertThat(app.waitingLongPolls()).isEqualTo(100);
        pipeline.advance(Orders.step(order, SHIPPED, 4, PLACED_AT.plusSeconds(30)));

        await().atMost(Duration.ofSeconds(10)).until(() -> polls.stream().allMatch(CompletableFuture::isDone));
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            assertThat(poll.join().statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(poll.join().body());
            assertThat(body.path("status").asText()).isEqualTo("SHIPPED");
            assertThat(body.path("carrier").asText()).isEqualTo("UPS");
            assertThat(body.path("waitedFor").path("status").asText()).isEqualTo("SHIPPED");
            assertThat(body.path("waitedFor").path("reached").asBoolean()).isTrue();
        }
        // the answer is written before the waiter is removed, so its removal is awaited, not assumed
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(app.waitingLongPolls()).isZero());
    }

    @Test
    void aLongPollThatTimesOutAnswersTheCurrentViewAndSaysItWasNotReached() throws Exception {
        String order = Orders.physicalId(103);
        pipeline.place(Orders.placed(order, PLACED_AT, PROMISED));
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(base + "/orders/" + order).statusCode() == 200);

        long started = System.nanoTime();
        HttpResponse<String> response = Http.get(base + "/orders/" + order + "?waitFor=delivered&timeout=1s");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("PLACED");
        assertThat(body.path("waitedFor").path("status").asText()).isEqualTo("DELIVERED");
        assertThat(body.path("waitedFor").path("reached").asBoolean()).isFalse();
        assertThat(body.path("waitedFor").path("timeoutSeconds").asDouble()).isEqualTo(1.0);
        // the answer is written before the waiter is removed, so its removal is awaited, not assumed
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(app.waitingLongPolls()).isZero());
    }

    @Test
    void aLongPollForAnOrderNotYetPlacedIsAnsweredWhenItArrives() throws Exception {
        String order = Orders.physicalId(104);
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(base + "/orders/" + order + "?waitFor=PLACED&timeout=20s");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.waitingLongPolls() == 1);

        pipeline.place(Orders.placed(order, PLACED_AT, PROMISED));

        HttpResponse<String> response = poll.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("waitedFor").path("reached").asBoolean()).isTrue();
    }

    @Test
    void aClientThatHangsUpLeavesNoWaiterBehind() throws Exception {
        String order = Orders.physicalId(105);
        pipeline.place(Orders.placed(order, PLACED_AT, PROMISED));
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(base + "/orders/" + order).statusCode() == 200);

        try (Socket client = new Socket("localhost", app.httpPort())) {
            OutputStream out = client.getOutputStream();
            out.write(("GET /orders/" + order + "?waitFor=DELIVERED&timeout=60s HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> app.waitingLongPolls() == 1);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> app.waitingLongPolls() == 0);
        assertThat(Http.get(base + "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesALongPollForAStatusThatDoesNotExist() throws Exception {
        HttpResponse<String> response = Http.get(base + "/orders/" + Orders.physicalId(106) + "?waitFor=LOST");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field")).containsExactly("waitFor");
    }

    @Test
    void isReadyAndReportsQueryLatencyAndWaiters() {
        HttpResponse<String> ready = Http.get(base + "/health/ready");
        Http.get(base + "/orders/" + Orders.physicalId(107));
        HttpResponse<String> metrics = Http.get(base + "/metrics");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("tracking_query_seconds_count{", "route=\"local\"",
                "tracking_longpoll_waiters", "kafka_stream_");
    }
}

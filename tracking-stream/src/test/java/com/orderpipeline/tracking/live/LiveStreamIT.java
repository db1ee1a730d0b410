package com.orderpipeline.tracking.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.schemas.avro.CarrierEventType;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import com.orderpipeline.tracking.testing.Carriers;
import com.orderpipeline.tracking.testing.EventStream;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live stream of a view, {@code GET /orders/{id}/events}, on two instances: an update reaches a stream on the
 * owner and one through the other instance within half a second of the event on the topic; streams outlive every
 * request timeout on heartbeats and end once the order is settled; a thousand streams at once are all answered by
 * one change and give their places back when they hang up; what cannot be streamed is a plain problem.
 */
@ExtendWith(SharedKafka.class)
class LiveStreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(6));
    private static final LocalDate PROMISED = LocalDate.now().plusDays(3);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final List<String> ORDERS = new ArrayList<>();

    private static TestPipeline pipeline;
    private static TrackingStreamApp a;
    private static TrackingStreamApp b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        pipeline = new TestPipeline("live", 4);
        for (int i = 0; i < 12; i++) {
            String orderId = Orders.physicalId(7_000 + i);
            pipeline.place(Orders.placed(orderId, AT, PROMISED));
            List<FulfillmentStatus> steps = List.of(FulfillmentStatus.PLACED, FulfillmentStatus.PICKED,
                    FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED);
            for (int step = 0; step < steps.size(); step++) {
                pipeline.advance(Orders.step(orderId, steps.get(step), step + 1, AT.plus(Duration.ofMinutes(step + 1))));
            }
            ORDERS.add(orderId);
        }
        // long polls of at most a second make Javalin's own limit on an async answer 8 s: streams must outlive it
        a = start("a");
        b = start("b");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> ORDERS.stream()
                .allMatch(order -> Http.get(url(a, "/orders/" + order)).statusCode() == 200
                        && Http.get(url(b, "/orders/" + order)).statusCode() == 200));
    }

    private static TrackingStreamApp start(String name) throws Exception {
        TrackingStreamConfig config = pipeline.config("tracking-live", Files.createTempDirectory("live-" + name), 0,
                Duration.ofSeconds(1)).withLive(new TrackingStreamConfig.Live(1_500, HEARTBEAT));
        return TrackingStreamApp.start(config, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        pipeline.close();
    }

    @Test
    void anUpdateReachesTheOwnerAndTheOtherInstanceWithinHalfASecondAndTheStreamEndsWhenDelivered() throws Exception {
        String order = ownedBy(a, 0);
        try (EventStream onOwner = EventStream.open(url(a, "/orders/" + order + "/events"));
             EventStream throughB = EventStream.open(url(b, "/orders/" + order + "/events"))) {
            for (EventStream stream : List.of(onOwner, throughB)) {
                assertThat(stream.status(Duration.ofSeconds(5))).isEqualTo(200);
                EventStream.Event first = stream.next(Duration.ofSeconds(5));
                assertThat(first.name()).isEqualTo("update");
                assertThat(JSON.readTree(first.data()).path("status").asText()).isEqualTo("SHIPPED");
            }

            // timed from the hand-over to the producer, the acknowledgement's own wait included
            long written = System.nanoTime();
            pipeline.carried(Carriers.event(order, "ev-out", CarrierEventType.OUT_FOR_DELIVERY, Instant.now(),
                    "Seattle, WA, US", null));
            for (EventStream stream : List.of(onOwner, throughB)) {
                EventStream.Event update = stream.next(Duration.ofSeconds(5));
                assertThat(update).as("an update after the carrier's event").isNotNull();
                assertThat(JSON.readTree(update.data()).path("carrierStatus").asText()).isEqualTo("OUT_FOR_DELIVERY");
                assertThat(Duration.ofNanos(update.arrivedNanos() - written)).isLessThan(Duration.ofMillis(500));
            }

            Thread.sleep(9_000);
            for (EventStream stream : List.of(onOwner, throughB)) {
                assertThat(stream.ended()).as("open past Javalin's async limit").isNotDone();
                assertThat(stream.heartbeats()).as("a heartbeat a second").isGreaterThanOrEqualTo(5);
            }

            pipeline.advance(Orders.step(order, FulfillmentStatus.DELIVERED, 5, Instant.now()));
            for (EventStream stream : List.of(onOwner, throughB)) {
                EventStream.Event delivered = stream.next(Duration.ofSeconds(5));
                assertThat(JSON.readTree(delivered.data()).path("status").asText()).isEqualTo("DELIVERED");
                assertThat(stream.next(Duration.ofSeconds(5)).name()).isEqualTo("end");
                stream.ended().get(5, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.openLiveStreams() == 0 && b.openLiveStreams() == 0);
    }

    @Test
    void aThousandStreamsAreAllAnsweredByOneChangeAndGiveTheirPlacesBackWhenTheyHangUp() throws Exception {
        String order = ownedBy(a, 1);
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                streams.add(EventStream.open(url(a, "/orders/" + order + "/events")));
            }
            for (EventStream stream : streams) {
                EventStream.Event first = stream.next(Duration.ofSeconds(30));
                assertThat(first).as("every stream gets the view at once").isNotNull();
                assertThat(first.name()).isEqualTo("update");
            }
            assertThat(a.openLiveStreams()).isEqualTo(1_000);

            pipeline.carried(Carriers.event(order, "ev-hub", CarrierEventType.IN_TRANSIT, Instant.now(),
                    "Portland, OR, US", null));

            for (EventStream stream : streams) {
                EventStream.Event update = stream.next(Duration.ofSeconds(20));
                assertThat(update).as("every stream gets the change").isNotNull();
                assertThat(JSON.readTree(update.data()).path("carrierStatus").asText()).isEqualTo("IN_TRANSIT");
            }
        } finally {
            streams.forEach(EventStream::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> a.openLiveStreams() == 0);
    }

    @Test
    void whatCannotBeStreamedIsAPlainProblem() throws Exception {
        String order = ORDERS.get(2);
        HttpResponse<String> noAccept = Http.get(url(a, "/orders/" + order + "/events"));
        assertThat(noAccept.statusCode()).isEqualTo(406);
        assertThat(noAccept.body()).contains("text/event-stream");
        for (TrackingStreamApp asked : List.of(a, b)) {
            HttpResponse<String> unknown = Http.get(url(asked, "/orders/" + Orders.physicalId(7_999) + "/events"),
                    "Accept", "text/event-stream");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
        }
        HttpResponse<String> typo = Http.get(url(a, "/orders/114-000000-0000001/events"), "Accept", "text/event-stream");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(a.openLiveStreams()).as("nothing kept of the refused").isZero();
        assertThat(b.openLiveStreams()).isZero();
    }

    /** The {@code n}-th order that {@code app} owns. */
    private static String ownedBy(TrackingStreamApp app, int n) {
        String self = "localhost:" + app.httpPort();
        List<String> owned = ORDERS.stream().filter(order -> Http.get(url(app, "/orders/" + order)).headers()
                .firstValue("Tracking-Served-By").orElse("").equals(self)).toList();
        assertThat(owned.size()).as("orders owned by " + self).isGreaterThan(n);
        return owned.get(n);
    }

    private static String url(TrackingStreamApp app, String path) {
        return "http://localhost:" + app.httpPort() + path;
    }
}

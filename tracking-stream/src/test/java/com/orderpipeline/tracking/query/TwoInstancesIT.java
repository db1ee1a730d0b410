package com.orderpipeline.tracking.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.http.access.ApiTokens;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.TrackingStreamConfig;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of one application in this JVM, each with its own state directory and HTTP port. */
@ExtendWith(SharedKafka.class)
class TwoInstancesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PLACED_AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final LocalDate PROMISED = LocalDate.ofInstant(PLACED_AT, ZoneOffset.UTC).plusDays(4);
    private static final List<String> ORDERS = IntStream.range(0, 24).mapToObj(i -> Orders.physicalId(2_000 + i)).toList();

    private static TestPipeline pipeline;

    @BeforeAll
    static void placeOrders() {
        pipeline = new TestPipeline("two", 4);
        ORDERS.forEach(order -> pipeline.place(Orders.placed(order, PLACED_AT, PROMISED)));
    }

    @AfterAll
    static void closePipeline() {
        pipeline.close();
    }

    @Test
    void eachInstanceAnswersForOrdersTheOtherOwnsAndReadsGoOnWhenOneStops(@TempDir Path dirA, @TempDir Path dirB)
            throws Exception {
        TrackingStreamApp a = TrackingStreamApp.start(pipeline.config("tracking-pair", dirA, 1), Clock.systemUTC());
        TrackingStreamApp b = TrackingStreamApp.start(pipeline.config("tracking-pair", dirB, 1), Clock.systemUTC());
        try {
            String nameA = "localhost:" + a.httpPort();
            String nameB = "localhost:" + b.httpPort();
            Map<String, String> owners = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> servers(a), found -> found.size() == ORDERS.size()
                            && found.containsValue(nameA) && found.containsValue(nameB));

            // a rebalance still settling may have either answer marked stale for a moment: asked again, they agree
            for (String order : ORDERS) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertSameAnswerFromBoth(order, a, b, owners.get(order)));
            }

            // each owner read its own orders straight from its tasks' stores
            for (TrackingStreamApp asked : List.of(a, b)) {
                assertThat(directLookups(asked)).as("direct lookups on %d", asked.httpPort()).isPositive();
            }

            b.close();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String order : ORDERS) {
                    HttpResponse<String> response = Http.get("http://localhost:" + a.httpPort() + "/orders/" + order);
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("Tracking-Served-By")).hasValue(nameA);
                    assertThat(response.headers().firstValue("Tracking-Stale")).hasValue("false");
                }
            });
        } finally {
            b.close();
            a.close();
        }
    }

    @Test
    void aLookupWhoseOwnerCannotBeReachedFailsAtOnceWith503(@TempDir Path dirA, @TempDir Path dirB) throws Exception {
        int deadPort;
        try (ServerSocket unused = new ServerSocket(0)) {
            deadPort = unused.getLocalPort();
        }
        TrackingStreamConfig live = pipeline.config("tracking-dead-owner", dirA, 0);
        TrackingStreamConfig unreachable = pipeline.config("tracking-dead-owner", dirB, 0);
        TrackingStreamApp a = TrackingStreamApp.start(live, Clock.systemUTC());
        TrackingStreamApp b = TrackingStreamApp.start(unreachable.withStreams(
                unreachable.streams().withApplicationServer("localhost:" + deadPort)), Clock.systemUTC());
        try {
            String dead = "localhost:" + deadPort;
            Map<String, String> outcomes = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> outcomes(a, dead), found -> found.containsValue("answered")
                            && found.containsValue("owner unreachable") && !found.containsValue("other"));
            String orphan = outcomes.entrySet().stream().filter(e -> e.getValue().equals("owner unreachable"))
                    .findFirst().orElseThrow().getKey();

            long started = System.nanoTime();
            HttpResponse<String> response = Http.get("http://localhost:" + a.httpPort() + "/orders/" + orphan);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(response.body()).path("detail").asText()).contains(dead, "did not answer");
        } finally {
            b.close();
            a.close();
        }
    }

    @Test
    void aLongPollWhoseOrderMovesToAnotherInstanceIsAnsweredFromThereWhenTheOrderArrives(@TempDir Path dirA,
                                                                                          @TempDir Path dirB) throws Exception {
        TrackingStreamApp a = TrackingStreamApp.start(pipeline.config("tracking-moving-poll", dirA, 0), Clock.systemUTC());
        TrackingStreamApp b = null;
        try {
            String nameA = "localhost:" + a.httpPort();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> servers(a).size() == ORDERS.size());
            List<CompletableFuture<HttpResponse<String>>> polls = ORDERS.stream().map(order -> Http.getAsync(
                    "http://localhost:" + a.httpPort() + "/orders/" + order + "?waitFor=DELIVERED&timeout=45s")).toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.waitingLongPolls() == ORDERS.size());

            b = TrackingStreamApp.start(pipeline.config("tracking-moving-poll", dirB, 0), Clock.systemUTC());
            String nameB = "localhost:" + b.httpPort();
            Map<String, String> owners = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> servers(a), found -> found.size() == ORDERS.size()
                            && found.containsValue(nameA) && found.containsValue(nameB));
            long advanced = System.nanoTime();
            ORDERS.forEach(order -> deliver(order));

            for (int i = 0; i < ORDERS.size(); i++) {
                HttpResponse<String> answer = polls.get(i).get(60, TimeUnit.SECONDS);
                JsonNode body = JSON.readTree(answer.body());
                assertThat(body.path("status").asText()).as(ORDERS.get(i)).isEqualTo("DELIVERED");
                assertThat(body.path("waitedFor").path("reached").asBoolean()).as(ORDERS.get(i)).isTrue();
                assertThat(answer.headers().firstValue("Tracking-Served-By")).hasValue(owners.get(ORDERS.get(i)));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - advanced);
            System.out.println("Long polls answered " + took.toMillis() + " ms after their orders were delivered, "
                    + owners.values().stream().filter(nameB::equals).count() + " of them from the instance the order moved to");
            assertThat(took).as("no poll waits out its 45 s").isLessThan(Duration.ofSeconds(20));
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }
    }

    @Test
    void aForwardedLookupCountsAgainstItsClientOnlyWhereItWasSentNotAgainAtTheOwner(@TempDir Path dirA,
                                                                                     @TempDir Path dirB) {
        String token = "shop-token-of-the-tracking-pair-0123456789";
        AccessSettings limited = AccessSettings.tokens(ApiTokens.parse("API_TOKENS", "shop:" + token)).withRatePerSecond(1);
        TrackingStreamApp a = TrackingStreamApp.start(pipeline.config("tracking-limited", dirA, 0).withAccess(limited),
                Clock.systemUTC());
        TrackingStreamApp b = TrackingStreamApp.start(pipeline.config("tracking-limited", dirB, 0).withAccess(limited),
                Clock.systemUTC());
        try {
            String nameB = "localhost:" + b.httpPort();
            // looked up with the token, which is not limited, to find an order that b owns
            Map<String, String> owners = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> servers(a, "Authorization", "Bearer " + token), found -> found.size() == ORDERS.size()
                            && found.containsValue(nameB) && found.containsValue("localhost:" + a.httpPort()));
            String ownedByB = owners.entrySet().stream().filter(e -> e.getValue().equals(nameB)).findFirst().orElseThrow().getKey();
            String atA = "http://localhost:" + a.httpPort() + "/orders/" + ownedByB;
            String atB = "http://localhost:" + b.httpPort() + "/orders/" + ownedByB;

            // a burst of 2 a second for this client on each instance: two lookups through a, forwarded to b,
            // spend a's; b's two are still there for the client's own lookups at b, and a third is refused
            assertThat(Http.get(atA).statusCode()).isEqualTo(200);
            assertThat(Http.get(atA).statusCode()).isEqualTo(200);
            assertThat(Http.get(atB).statusCode()).isEqualTo(200);
            assertThat(Http.get(atB).statusCode()).isEqualTo(200);
            HttpResponse<String> third = Http.get(atB);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        } finally {
            b.close();
            a.close();
        }
    }

    /** The order asked of each instance: the owner's answer, served by the owner, fresh, the same from both. */
    private static void assertSameAnswerFromBoth(String order, TrackingStreamApp a, TrackingStreamApp b, String owner)
            throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (TrackingStreamApp asked : List.of(a, b)) {
            HttpResponse<String> response = Http.get("http://localhost:" + asked.httpPort() + "/orders/" + order);
            assertThat(response.statusCode()).as("order %s asked of %d", order, asked.httpPort()).isEqualTo(200);
            assertThat(response.headers().firstValue("Tracking-Served-By")).hasValue(owner);
            assertThat(orderIdIn(response)).isEqualTo(order);
            answers.add(response);
        }
        // the owner writes the answer stored with the view, the other re-renders what it relays: the same
        assertThat(answers.get(1).body()).isEqualTo(answers.get(0).body());
        for (String header : List.of("Content-Type", "Cache-Control", "Tracking-Stale")) {
            assertThat(answers.get(1).headers().firstValue(header)).as(header)
                    .isEqualTo(answers.get(0).headers().firstValue(header));
        }
        assertThat(answers.get(0).headers().firstValue("Tracking-Stale")).hasValue("false");
    }

    /** How many lookups the instance answered from the stores of its active tasks, as its metrics say. */
    private static double directLookups(TrackingStreamApp app) throws Exception {
        String metrics = Http.get("http://localhost:" + app.httpPort() + "/metrics").body();
        Matcher count = Pattern.compile("tracking_query_seconds_count\\{[^}]*route=\"direct\"[^}]*} (\\S+)")
                .matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    private static void deliver(String order) {
        List<FulfillmentStatus> steps = List.of(FulfillmentStatus.PLACED, FulfillmentStatus.PICKED, FulfillmentStatus.PACKED,
                FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED);
        for (int i = 0; i < steps.size(); i++) {
            pipeline.advance(Orders.step(order, steps.get(i), i + 1, PLACED_AT.plusSeconds(60L * (i + 1))));
        }
    }

    /** Which instance served each order when asked of {@code app}; orders not answered are left out. */
    private static Map<String, String> servers(TrackingStreamApp app, String... headers) {
        Map<String, String> servers = new HashMap<>();
        for (String order : ORDERS) {
            HttpResponse<String> response = Http.get("http://localhost:" + app.httpPort() + "/orders/" + order, headers);
            if (response.statusCode() == 200) {
                response.headers().firstValue("Tracking-Served-By").ifPresent(server -> servers.put(order, server));
            }
        }
        return servers;
    }

    /** For each order, whether {@code app} answered it, said its owner {@code dead} did not answer, or else. */
    private static Map<String, String> outcomes(TrackingStreamApp app, String dead) {
        Map<String, String> outcomes = new HashMap<>();
        for (String order : ORDERS) {
            HttpResponse<String> response = Http.get("http://localhost:" + app.httpPort() + "/orders/" + order);
            boolean unreachable = response.statusCode() == 503 && response.body().contains(dead);
            outcomes.put(order, response.statusCode() == 200 ? "answered" : unreachable ? "owner unreachable" : "other");
        }
        return outcomes;
    }

    private static String orderIdIn(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        return body.path("orderId").asText();
    }
}

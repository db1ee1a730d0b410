package com.orderpipeline.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.fuzz.BadRequest;
import com.orderpipeline.embedded.testing.fuzz.BadRequests;
import com.orderpipeline.embedded.testing.fuzz.Expect;
import com.orderpipeline.embedded.testing.fuzz.Fuzz;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand generated bad requests each to the tracking API (with its long-poll parameters) and to the
 * tracking page, from a fixed seed: the API answers 4xx problem+json, the page a 4xx HTML page (or
 * problem+json where the request never reached it) with nothing it was sent reflected unescaped; never a 5xx
 * or a hang, and the service healthy after.
 */
@ExtendWith(SharedKafka.class)
class BadInputFuzzIT {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_202L);
    private static final int REQUESTS = 10_000;
    /** A junk timeout may still be a valid one; cut so, it cannot hold the run up. */
    private static final Duration LONGEST_POLL = Duration.ofMillis(100);
    private static final String VALID_ID = Orders.physicalId(4_242);

    @TempDir
    static Path stateDir;
    private static TestPipeline pipeline;
    private static TrackingStreamApp app;

    @BeforeAll
    static void start() {
        pipeline = new TestPipeline("fuzz", 2);
        app = TrackingStreamApp.start(pipeline.config("tracking", stateDir, 0, LONGEST_POLL), Clock.systemUTC());
        assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        app.close();
        pipeline.close();
    }

    @AfterEach
    void serviceIsHealthyAfter() throws IOException {
        Fuzz.assertHealthy("localhost", app.httpPort());
    }

    @Test
    void everyBadTrackingRequestGetsA4xxProblemAndNever5xx() {
        fuzz("GET /orders/{id}", Expect.problemJson(), g -> {
            int pick = g.random().nextInt(10);
            if (pick < 4) {
                return g.get("junk ID", "/orders/" + g.junk().id(VALID_ID)
                        + g.junk().pick("", "?waitFor=SHIPPED&timeout=1s", "?" + g.junk().value() + "=x"));
            } else if (pick < 7) {
                // a valid ID with at least one bad long-poll parameter, so no request waits for its timeout
                String query = g.junk().pick("waitFor=" + g.junk().value(), "timeout=" + g.junk().value(),
                        "waitFor=" + g.junk().value() + "&timeout=1s", "waitFor=SHIPPED&timeout=" + g.junk().value(),
                        "waitFor=" + g.junk().value() + "&timeout=" + g.junk().value());
                return g.get("bad long-poll parameters", "/orders/" + VALID_ID + "?" + query);
            } else if (pick < 9) {
                return g.badFraming("GET", "/orders/" + g.junk().id(VALID_ID));
            }
            return g.badHeaders("/orders/" + g.junk().id(VALID_ID));
        }).assertAllAnsweredAsExpected();
    }

    @Test
    void everyBadPageRequestGetsA4xxPageThatEscapesWhatItWasSent() {
        fuzz("tracking page", Expect.page(), g -> {
            int pick = g.random().nextInt(10);
            if (pick < 5) {
                return g.get("junk ID on the page", "/track/" + g.junk().id(VALID_ID));
            } else if (pick < 7) {
                return g.get("junk ID in the form", "/track?id=" + g.junk().id(VALID_ID));
            } else if (pick < 9) {
                // a GET of the form needs no body, so it may answer before reading one: the framing goes to the order page
                return g.badFraming("GET", "/track/" + g.junk().id(VALID_ID));
            }
            return g.badHeaders("/track/" + g.junk().id(VALID_ID));
        }).assertAllAnsweredAsExpected();
    }

    private static Fuzz.Report fuzz(String api, Fuzz.Check check, Function<BadRequests, BadRequest> next) {
        return Fuzz.run(api, SEED, REQUESTS, 3, "localhost", app.httpPort(), Duration.ofSeconds(10), next, check);
    }
}

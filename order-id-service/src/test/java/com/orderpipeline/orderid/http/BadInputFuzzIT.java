package com.orderpipeline.orderid.http;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.embedded.testing.fuzz.BadJson;
import com.orderpipeline.embedded.testing.fuzz.BadRequest;
import com.orderpipeline.embedded.testing.fuzz.BadRequests;
import com.orderpipeline.embedded.testing.fuzz.Expect;
import com.orderpipeline.embedded.testing.fuzz.Fuzz;
import com.orderpipeline.orderid.OrderIdServiceApp;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.schemas.ids.OrderId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten thousand generated bad requests per API of order-id-service, from a fixed seed: each must get a 4xx
 * problem+json (never a 5xx, never a hang), and the service must be healthy after.
 */
@ExtendWith(SharedKafka.class)
class BadInputFuzzIT {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_202L);
    private static final int REQUESTS = 10_000;
    private static final int MAX_BODY = 64 * 1024;
    private static final String VALID_ID = OrderId.of("114", 1_234_567L).canonical();
    private static final String EXAMPLE_ORDER = OrderApiIT.EXAMPLE_ORDER;


    private static OrderIdServiceApp app;

    @BeforeAll
    static void startService() {
        app = OrderIdServiceApp.start(TestConfigs.config(SharedKafka.bootstrapServers(), SharedKafka.registryUrl(),
                "fuzz"), Clock.systemUTC());
    }

    @AfterAll
    static void stopService() {
        app.close();
    }

    @AfterEach
    void serviceIsHealthyAfter() throws IOException {
        Fuzz.assertHealthy("localhost", app.httpPort());
    }

    @Test
    void everyBadOrderGetsA4xxProblemAndNever5xx() {
        fuzz("POST /orders", g -> {
            int pick = g.random().nextInt(10);
            if (pick < 6) {
                BadJson.Body body = g.json().body(EXAMPLE_ORDER, MAX_BODY);
                return g.post(body.kind(), "/orders", "application/json", body.bytes());
            } else if (pick == 6) {
                return g.post("wrong Content-Type", "/orders", g.json().wrongContentType(),
                        EXAMPLE_ORDER.getBytes(StandardCharsets.UTF_8));
            } else if (pick < 9) {
                return g.badFraming("POST", "/orders");
            }
            return g.badHeaders("/orders");
        }).assertAllAnsweredAsExpected();
    }

    @Test
    void everyBadIdCheckGetsA4xxProblemAndNever5xx() {
        fuzz("GET /order-ids/{id}", g -> {
            int pick = g.random().nextInt(10);
            if (pick < 7) {
                String query = pick < 5 ? "" : "?" + g.junk().value() + "=" + g.junk().value();
                return g.get("junk ID", "/order-ids/" + g.junk().id(VALID_ID) + query);
            } else if (pick == 7) {
                return g.badFraming("GET", "/order-ids/" + g.junk().id(VALID_ID));
            }
            return g.badHeaders("/order-ids/" + g.junk().id(VALID_ID));
        }).assertAllAnsweredAsExpected();
    }

    private static Fuzz.Report fuzz(String api, java.util.function.Function<BadRequests, BadRequest> next) {
        return Fuzz.run(api, SEED, REQUESTS, 3, "localhost", app.httpPort(), Duration.ofSeconds(10), next,
                Expect.problemJson());
    }
}

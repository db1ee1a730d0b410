package com.orderpipeline.orderid.http;

import static com.orderpipeline.orderid.http.RunningService.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.orderid.TestConfigs;
import com.orderpipeline.runtime.http.access.AccessSettings;
import com.orderpipeline.runtime.http.access.ApiTokens;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ReturnRequested;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what on order-id-service: placing, cancelling and returning need a shop or support token, and a
 * request without one, or with one the service does not know, is refused and writes nothing; checking an ID is
 * public.
 */
@ExtendWith(SharedKafka.class)
class AccessApiIT {
    private static final String SHOP = "shop-0123456789abcdefghijklmnopqrstuv";
    private static final String SUPPORT = "support-0123456789abcdefghijklmnopqrs";
    private static final Map<String, String> NO_TOKEN = Map.of();
    private static final Map<String, String> UNKNOWN_TOKEN = Map.of("Authorization", "Bearer " + SHOP.replace('0', '1'));
    private static final String CANCELLATION = "{\"reason\": \"CUSTOMER_REQUEST\", \"requestedBy\": \"CUSTOMER\"}";
    private static final String RETURN = "{\"items\": [{\"sku\": \"B00X4WHP5E\", \"quantity\": 1}], \"reason\": \"DEFECTIVE\"}";

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start("access-" + UUID.randomUUID(),
                AccessSettings.tokens(ApiTokens.parse("API_TOKENS", "shop:" + SHOP + ",support:" + SUPPORT)));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void placingAnOrderWithoutAValidTokenIs401AndPlacesNothing() throws Exception {
        long placedBefore = service.committed(service.config.topics().ordersPlaced(), OrderPlaced.class).size();
        for (Map<String, String> headers : new Map[] {NO_TOKEN, UNKNOWN_TOKEN}) {
            HttpResponse<String> response = service.post("/orders", TestConfigs.EXAMPLE_ORDER, headers);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(401);
        }
        String shopOrder = placed(service.post("/orders", TestConfigs.EXAMPLE_ORDER, bearer(SHOP)));
        String supportOrder = placed(service.post("/orders", TestConfigs.EXAMPLE_ORDER, bearer(SUPPORT)));
        assertThat(service.committed(service.config.topics().ordersPlaced(), OrderPlaced.class))
                .hasSize((int) placedBefore + 2)
                .extracting(record -> record.key()).contains(shopOrder, supportOrder);
    }

    @Test
    void cancellingOrReturningWithoutAValidTokenIs401AndWritesNoRequest() throws Exception {
        String orderId = placed(service.post("/orders", TestConfigs.EXAMPLE_ORDER, bearer(SHOP)));
        for (Map<String, String> headers : new Map[] {NO_TOKEN, UNKNOWN_TOKEN}) {
            assertThat(service.post("/orders/" + orderId + "/cancellation", CANCELLATION, headers).statusCode()).isEqualTo(401);
            assertThat(service.post("/orders/" + orderId + "/returns", RETURN, headers).statusCode()).isEqualTo(401);
        }
        assertThat(requests(orderId)).isZero();

        assertThat(service.post("/orders/" + orderId + "/cancellation", CANCELLATION, bearer(SUPPORT)).statusCode())
                .isEqualTo(202);
        assertThat(service.post("/orders/" + orderId + "/returns", RETURN, bearer(SHOP)).statusCode()).isEqualTo(202);
        assertThat(requests(orderId)).isEqualTo(2);
    }

    @Test
    void checkingAnIdIsPublicButAnUnknownTokenIsStillRefused() throws Exception {
        String orderId = placed(service.post("/orders", TestConfigs.EXAMPLE_ORDER, bearer(SHOP)));
        assertThat(service.get("/order-ids/" + orderId, NO_TOKEN).statusCode()).isEqualTo(200);
        assertThat(service.get("/order-ids/" + orderId, UNKNOWN_TOKEN).statusCode()).isEqualTo(401);
        assertThat(service.get("/health/ready", NO_TOKEN).statusCode()).isEqualTo(200);
    }

    private long requests(String orderId) {
        return service.committed(service.config.topics().ordersRequests(), CancellationRequested.class).stream()
                .filter(record -> record.key().equals(orderId)).count()
                + service.committed(service.config.topics().returnsRequests(), ReturnRequested.class).stream()
                .filter(record -> record.key().equals(orderId)).count();
    }

    private static String placed(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("orderId").asText();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}

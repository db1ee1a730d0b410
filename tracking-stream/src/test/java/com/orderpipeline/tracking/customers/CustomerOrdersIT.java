package com.orderpipeline.tracking.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Your Orders on two instances of tracking-stream: each answers for the customers the other owns, with the
 * caller's token; without a valid token nothing is answered; bad parameters are 400.
 */
@ExtendWith(SharedKafka.class)
class CustomerOrdersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "shop-token-of-your-orders-0123456789ab";
    private static final String SUPPORT = "support-token-of-your-orders-01234567";
    private static final String TOKENS = "shop:" + SHOP + ",support:" + SUPPORT;
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
    private static final LocalDate PROMISED = LocalDate.now().plusDays(4);
    /** Customer ID to its orders, oldest first. */
    private static final Map<String, List<String>> ORDERS = new LinkedHashMap<>();

    private static TestPipeline pipeline;

    @BeforeAll
    static void placeOrders() {
        pipeline = new TestPipeline("customers", 4);
        int number = 0;
        for (int customer = 0; customer < 8; customer++) {
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String orderId = Orders.physicalId(3_000 + number);
                pipeline.place(OrderPlaced.newBuilder(Orders.placed(orderId, AT.plusSeconds(number), PROMISED))
                        .setCustomerId("C-" + customer).build());
                orders.add(orderId);
                number++;
            }
            ORDERS.put("C-" + customer, orders);
        }
        pipeline.advance(Orders.step(ORDERS.get("C-0").get(0), FulfillmentStatus.PLACED, 1, AT.plusSeconds(100)));
        pipeline.advance(Orders.step(ORDERS.get("C-0").get(0), FulfillmentStatus.PICKED, 2, AT.plusSeconds(200)));
    }

    @AfterAll
    static void closePipeline() {
        pipeline.close();
    }

    @Test
    void eachInstanceAnswersEveryCustomersOrdersNewestFirstAndNothingWithoutAValidToken(@TempDir Path dirA,
                                                                                        @TempDir Path dirB) throws Exception {
        TrackingStreamApp a = pipeline.start("tracking-customers", dirA, TOKENS);
        TrackingStreamApp b = pipeline.start("tracking-customers", dirB, TOKENS);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> ORDERS.keySet().stream()
                    .allMatch(customer -> orderIds(list(a, customer, "", SHOP)).size() == 3));

            Set<String> servers = new HashSet<>();
            for (Map.Entry<String, List<String>> customer : ORDERS.entrySet()) {
                List<String> newestFirst = new ArrayList<>(customer.getValue());
                java.util.Collections.reverse(newestFirst);
                for (TrackingStreamApp asked : List.of(a, b)) {
                    HttpResponse<String> response = list(asked, customer.getKey(), "", SHOP);
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(orderIds(response)).as("%s asked of %d", customer.getKey(), asked.httpPort())
                            .isEqualTo(newestFirst);
                    servers.add(response.headers().firstValue("Tracking-Served-By").orElseThrow());
                }
            }
            assertThat(servers).as("both instances own some customers").hasSize(2);

            JsonNode first = JSON.readTree(list(b, "C-0", "", SUPPORT).body()).path("orders").get(2);
            assertThat(first.path("orderId").asText()).isEqualTo(ORDERS.get("C-0").get(0));
            assertThat(first.path("status").asText()).isEqualTo("PICKED");
            assertThat(first.path("shipTo").path("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(first.path("shipTo").path("city").asText()).isEqualTo("Seattle");
            assertThat(first.path("shipTo").has("line1")).isFalse();
            assertThat(first.path("total").asLong()).isEqualTo(30_797L);
            assertThat(first.path("items")).hasSize(2);

            JsonNode page = JSON.readTree(list(a, "C-3", "?limit=2", SHOP).body());
            assertThat(page.path("orders")).hasSize(2);
            assertThat(page.path("next").asText()).isEqualTo(ORDERS.get("C-3").get(1));
            JsonNode rest = JSON.readTree(list(b, "C-3", "?limit=2&before=" + page.path("next").asText(), SHOP).body());
            assertThat(orderIds(rest)).containsExactly(ORDERS.get("C-3").get(0));
            assertThat(rest.path("next").isNull()).isTrue();

            HttpResponse<String> unknown = list(a, "C-nobody", "", SHOP);
            assertThat(unknown.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(unknown.body()).path("orders")).isEmpty();

            for (TrackingStreamApp asked : List.of(a, b)) {
                assertThat(list(asked, "C-1", "", null).statusCode()).isEqualTo(401);
                HttpResponse<String> wrong = list(asked, "C-1", "", SHOP + "x");
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.body()).doesNotContain("Ada", "Seattle");
            }
            assertThat(list(a, "C-1", "?limit=0", SHOP).statusCode()).isEqualTo(400);
            assertThat(list(a, "C-1", "?limit=101", SHOP).statusCode()).isEqualTo(400);
            HttpResponse<String> typo = list(a, "C-1", "?before=114-0000000-0000001", SHOP);
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(typo.body()).path("type").asText()).isEqualTo("/problems/invalid-order-id");
        } finally {
            b.close();
            a.close();
        }
    }

    private static HttpResponse<String> list(TrackingStreamApp app, String customerId, String query, String token) {
        String url = "http://localhost:" + app.httpPort() + "/customers/" + customerId + "/orders" + query;
        return token == null ? Http.get(url) : Http.get(url, "Authorization", "Bearer " + token);
    }

    private static List<String> orderIds(HttpResponse<String> response) {
        try {
            return orderIds(JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> orderIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("orders").forEach(order -> ids.add(order.path("orderId").asText()));
        return ids;
    }
}

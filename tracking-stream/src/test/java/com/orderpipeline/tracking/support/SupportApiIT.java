package com.orderpipeline.tracking.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpipeline.embedded.testing.SharedKafka;
import com.orderpipeline.runtime.http.access.ApiTokens;
import com.orderpipeline.runtime.http.access.Audit;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.tracking.TrackingStreamApp;
import com.orderpipeline.tracking.testing.Http;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.Rejections;
import com.orderpipeline.tracking.testing.Returns;
import com.orderpipeline.tracking.testing.TestPipeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The support view over HTTP on two instances of tracking-stream: each answers every order, the other's through
 * its owner, with the order's rejected scans and refunds; only a support token gets it; every read is one audit
 * line, where the data was read, naming the token and the order and holding none of the data.
 */
@ExtendWith(SharedKafka.class)
class SupportApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "shop-token-of-the-support-view-0123456";
    private static final String SUPPORT = "support-token-of-the-support-view-01234";
    private static final String TOKENS = "shop:" + SHOP + ",support:" + SUPPORT;
    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(3));
    private static final LocalDate PROMISED = LocalDate.now().plusDays(4);
    private static final List<String> ORDERS = new ArrayList<>();

    private static TestPipeline pipeline;

    @BeforeAll
    static void placeOrders() {
        pipeline = new TestPipeline("support", 4);
        for (int i = 0; i < 8; i++) {
            String orderId = Orders.physicalId(5_000 + i);
            pipeline.place(OrderPlaced.newBuilder(Orders.placed(orderId, AT.plusSeconds(i), PROMISED))
                    .setCustomerId("C-support").setContactEmail("ada@example.com").build());
            List<FulfillmentStatus> steps = List.of(FulfillmentStatus.PLACED, FulfillmentStatus.PICKED,
                    FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED);
            for (int step = 0; step < steps.size(); step++) {
                pipeline.advance(Orders.step(orderId, steps.get(step), step + 1, AT.plus(Duration.ofHours(step + 1))));
            }
            Instant rejectedAt = AT.plus(Duration.ofHours(3));
            pipeline.rejected(Rejections.wrongWarehouse(orderId, "scan-" + i, FulfillmentStatus.PACKED, rejectedAt));
            String returnId = Returns.returnId(orderId, 1);
            Instant returnedAt = AT.plus(Duration.ofDays(1));
            pipeline.returned(Returns.step(orderId, returnId, "req-" + i, ReturnStatus.REFUNDED, 4, returnedAt,
                    Returns.KINDLE, 1, Returns.KINDLE_PRICE));
            pipeline.refunded(Returns.refund(orderId, returnId, returnedAt, Returns.KINDLE, 1, Returns.KINDLE_PRICE));
            ORDERS.add(orderId);
        }
    }

    @AfterAll
    static void closePipeline() {
        pipeline.close();
    }

    @Test
    void eachInstanceAnswersEveryOrdersSupportViewOnlyToSupportAndAuditsEachRead(@TempDir Path dirA,
                                                                               @TempDir Path dirB) throws Exception {
        String supportName = ApiTokens.parse("API_TOKENS", "support:" + SUPPORT).find(SUPPORT).orElseThrow().tokenName();
        TrackingStreamApp a = pipeline.start("tracking-support", dirA, TOKENS);
        TrackingStreamApp b = pipeline.start("tracking-support", dirB, TOKENS);
        ListAppender<ILoggingEvent> audit = new ListAppender<>();
        Logger auditLogger = (Logger) LoggerFactory.getLogger(Audit.LOGGER);
        audit.start();
        auditLogger.addAppender(audit);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> ORDERS.stream()
                    .allMatch(order -> refunds(get(a, "/support/orders/" + order, SUPPORT)) == 1)
                    && orders(get(b, "/support/customers/C-support/orders?limit=100", SUPPORT)) == ORDERS.size());
            audit.list.clear();

            Set<String> servers = new HashSet<>();
            for (String order : ORDERS) {
                for (TrackingStreamApp asked : List.of(a, b)) {
                    HttpResponse<String> response = get(asked, "/support/orders/" + order, SUPPORT);
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
                    servers.add(response.headers().firstValue("Tracking-Served-By").orElseThrow());
                    JsonNode view = JSON.readTree(response.body());
                    assertThat(view.path("orderId").asText()).isEqualTo(order);
                    assertThat(view.path("shipTo").path("line1").asText()).isEqualTo("410 Terry Ave N");
                    assertThat(view.path("contactEmail").asText()).isEqualTo("ada@example.com");
                    assertThat(view.path("rejections")).hasSize(1);
                    assertThat(view.path("rejections").get(0).path("reason").asText()).isEqualTo("WRONG_WAREHOUSE");
                    assertThat(view.path("returns").get(0).path("status").asText()).isEqualTo("REFUNDED");
                    assertThat(view.path("refunds").get(0).path("amount").asLong()).isEqualTo(Returns.KINDLE_PRICE);
                }
            }
            assertThat(servers).as("both instances own some orders").hasSize(2);
            assertThat(audit.list).as("one audit line per read, written where it was read").hasSize(2 * ORDERS.size());
            assertThat(audit.list).allSatisfy(line -> {
                assertThat(line.getLoggerName()).isEqualTo(Audit.LOGGER);
                assertThat(line.getFormattedMessage()).contains(supportName, "read the support view")
                        .doesNotContain(SUPPORT, "Ada", "Terry", "ada@example.com");
            });
            assertThat(audit.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).endsWith(ORDERS.get(0)));

            HttpResponse<String> customer = get(b, "/support/customers/C-support/orders?limit=100", SUPPORT);
            assertThat(customer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(customer.body()).path("orders")).hasSize(ORDERS.size());
            assertThat(audit.list.get(audit.list.size() - 1).getFormattedMessage())
                    .contains(supportName, "read the customer's orders", "C-support");

            String order = ORDERS.get(0);
            for (TrackingStreamApp asked : List.of(a, b)) {
                for (String path : List.of("/support/orders/" + order, "/support/customers/C-support/orders")) {
                    HttpResponse<String> shop = get(asked, path, SHOP);
                    assertThat(shop.statusCode()).as("a shop token on " + path).isEqualTo(403);
                    assertThat(get(asked, path, null).statusCode()).as("no token on " + path).isEqualTo(401);
                    HttpResponse<String> unknown = get(asked, path, SUPPORT + "x");
                    assertThat(unknown.statusCode()).as("an unknown token on " + path).isEqualTo(401);
                    for (HttpResponse<String> refused : List.of(shop, unknown)) {
                        assertThat(refused.body()).doesNotContain("Ada", "Terry", "ada@example.com");
                    }
                }
            }

            HttpResponse<String> typo = get(a, "/support/orders/114-000000-0000001", SUPPORT);
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(typo.body()).path("type").asText()).isEqualTo("/problems/invalid-order-id");
            for (TrackingStreamApp asked : List.of(a, b)) {
                HttpResponse<String> unknown = get(asked, "/support/orders/" + Orders.physicalId(5_999), SUPPORT);
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).contains("problem+json");
            }
        } finally {
            auditLogger.detachAppender(audit);
            b.close();
            a.close();
        }
    }

    private static HttpResponse<String> get(TrackingStreamApp app, String path, String token) {
        String url = "http://localhost:" + app.httpPort() + path;
        return token == null ? Http.get(url) : Http.get(url, "Authorization", "Bearer " + token);
    }

    /** The customer index is fed through its own repartition topic, so it may catch up after the order's views. */
    private static int orders(HttpResponse<String> response) {
        return count(response, "orders");
    }

    private static int refunds(HttpResponse<String> response) {
        return count(response, "refunds");
    }

    private static int count(HttpResponse<String> response, String field) {
        if (response.statusCode() != 200) {
            return 0;
        }
        try {
            return JSON.readTree(response.body()).path(field).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

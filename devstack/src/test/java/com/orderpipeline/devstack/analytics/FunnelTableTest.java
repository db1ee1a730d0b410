package com.orderpipeline.devstack.analytics;

import static com.orderpipeline.devstack.analytics.FunnelStatsTest.declined;
import static com.orderpipeline.devstack.analytics.FunnelStatsTest.event;
import static com.orderpipeline.devstack.analytics.FunnelStatsTest.refund;
import static com.orderpipeline.devstack.analytics.FunnelStatsTest.returnStep;
import static com.orderpipeline.devstack.analytics.FunnelStatsTest.returnThrough;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.CANCELLED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PACKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static com.orderpipeline.schemas.avro.ReturnStatus.AUTHORIZED;
import static com.orderpipeline.schemas.avro.ReturnStatus.IN_TRANSIT;
import static com.orderpipeline.schemas.avro.ReturnStatus.RECEIVED;
import static com.orderpipeline.schemas.avro.ReturnStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FunnelTableTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:10:05.250Z");
    private static final AnalyticsTopics TOPICS = new AnalyticsTopics("orders.fulfillment", "orders.returns",
            "payments.refunds");

    private final FunnelStats stats = new FunnelStats();

    @Test
    void rendersStatesWithSharesAndTimesWithMedianAndP95() {
        stats.add(event("A", PLACED, 1, T0));
        stats.add(event("B", PLACED, 1, T0));
        stats.add(event("B", PICKED, 2, T0.plusSeconds(30)));
        stats.add(event("C", PLACED, 1, T0));
        stats.add(event("C", SHIPPED, 4, T0.plusSeconds(90)));
        stats.add(event("C", DELIVERED, 5, T0.plusSeconds(200)));
        stats.add(event("D", PLACED, 1, T0));
        stats.add(event("D", SHIPPED, 4, T0.plusSeconds(120)));

        String table = FunnelTable.render(TOPICS, stats.snapshot(), NOW);

        assertThat(table).isEqualTo(String.join(System.lineSeparator(),
                "orders.fulfillment at 2025-06-01T12:10:05Z: 4 orders, 8 events",
                "orders.returns: 0 return requests, 0 events",
                "payments.refunds: 0 refunds",
                "",
                "  state          orders    share",
                "  PLACED              1    25.0%",
                "  PICKED              1    25.0%",
                "  PACKED              0     0.0%",
                "  SHIPPED             1    25.0%",
                "  DELIVERED           1    25.0%",
                "  CANCELLED           0     0.0%",
                "",
                "  from PLACED    orders   median      p95",
                "  to SHIPPED          2   1m 30s   2m 00s",
                "  to DELIVERED        1   3m 20s   3m 20s",
                "",
                "  outcome        orders     rate",
                "  cancelled           0     0.0% of 4 orders placed",
                "  returned            0     0.0% of 1 physical order delivered",
                "",
                "  returns      requests    share",
                "  authorized          0        -",
                "  declined            0        -",
                "",
                "  currency      refunds   amount",
                "  -                   0   -",
                ""));
    }

    @Test
    void rendersCancellationAndReturnRatesReturnRequestsAndRefundsPerCurrency() {
        // given seven orders: A, B and C delivered, D and E cancelled, F shipped, G digital and delivered at once
        advance("A", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        advance("B", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        advance("C", PLACED, PICKED, PACKED, SHIPPED, DELIVERED);
        advance("D", PLACED, PICKED, CANCELLED);
        advance("E", PLACED, CANCELLED);
        advance("F", PLACED, PICKED, PACKED, SHIPPED);
        advance("D01-0000007-0000007", PLACED, DELIVERED);
        // A returns twice and B once, each refunded in the order's currency, of which the yen has no decimals;
        // C's request is declined
        returnThrough("A-R1", "req-1", AUTHORIZED, IN_TRANSIT, RECEIVED, REFUNDED).forEach(stats::add);
        returnThrough("A-R2", "req-2", AUTHORIZED, RECEIVED, REFUNDED).forEach(stats::add);
        returnThrough("B-R1", "req-3", AUTHORIZED, REFUNDED).forEach(stats::add);
        stats.add(declined("C", "req-4"));
        stats.add(refund("refund-A-R1", "A", 149_999, "GBP"));
        stats.add(refund("refund-A-R2", "A", 1_001, "GBP"));
        stats.add(refund("refund-B-R1", "B", 2_000, "JPY"));

        String table = FunnelTable.render(TOPICS, stats.snapshot(), NOW);

        assertThat(table).isEqualTo(String.join(System.lineSeparator(),
                "orders.fulfillment at 2025-06-01T12:10:05Z: 7 orders, 26 events",
                "orders.returns: 4 return requests, 10 events",
                "payments.refunds: 3 refunds",
                "",
                "  state          orders    share",
                "  PLACED              0     0.0%",
                "  PICKED              0     0.0%",
                "  PACKED              0     0.0%",
                "  SHIPPED             1    14.3%",
                "  DELIVERED           4    57.1%",
                "  CANCELLED           2    28.6%",
                "",
                "  from PLACED    orders   median      p95",
                "  to SHIPPED          4   3m 00s   3m 00s",
                "  to DELIVERED        3   4m 00s   4m 00s",
                "",
                "  outcome        orders     rate",
                "  cancelled           2    28.6% of 7 orders placed",
                "  returned            2    66.7% of 3 physical orders delivered",
                "",
                "  returns      requests    share",
                "  authorized          3    75.0%",
                "  declined            1    25.0%",
                "",
                "  currency      refunds   amount",
                "  GBP                 2   GBP 1,510.00",
                "  JPY                 1   JPY 2,000",
                "",
                "  1 digital order delivered at once, left out of \"to DELIVERED\"",
                ""));
    }

    @Test
    void showsDashesWhileThereIsNothingToMeasure() {
        String table = FunnelTable.render(TOPICS, new FunnelStats().snapshot(), NOW);

        assertThat(table)
                .contains("0 orders, 0 events")
                .contains("  PLACED              0        -" + System.lineSeparator())
                .contains("  to SHIPPED          0        -        -" + System.lineSeparator())
                .contains("  to DELIVERED        0        -        -" + System.lineSeparator())
                .contains("  cancelled           0        - of 0 orders placed" + System.lineSeparator())
                .contains("  returned            0        - of 0 physical orders delivered" + System.lineSeparator())
                .contains("  authorized          0        -" + System.lineSeparator())
                .endsWith("  -                   0   -" + System.lineSeparator());
    }

    @Test
    void notesDigitalOrdersOrdersWithoutPlacedReturnsWithoutDeliveryAndSkippedRecords() {
        stats.add(event("D01-0000001-0000001", PLACED, 1, T0));
        stats.add(event("D01-0000001-0000001", DELIVERED, 2, T0));
        stats.add(event("X", SHIPPED, 4, T0));
        stats.add(returnStep("Y-R1", "Y", "req-1", AUTHORIZED, 1));
        stats.countUnreadable("orders.returns partition 0, offset 7: not the wire format");

        String table = FunnelTable.render(TOPICS, stats.snapshot(), NOW);

        assertThat(table).endsWith(String.join(System.lineSeparator(),
                "",
                "  1 digital order delivered at once, left out of \"to DELIVERED\"",
                "  1 order without a PLACED event on the topic (deleted by retention?), left out of the times",
                "  1 returned order without a DELIVERED event on the topic (deleted by retention?), left out of"
                        + " \"returned\"",
                "  1 record could not be read and was skipped (last: orders.returns partition 0, offset 7: not the"
                        + " wire format)",
                ""));
    }

    @Test
    void formatsDurationsAsAPersonReadsThem() {
        assertThat(FunnelTable.format(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(FunnelTable.format(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
        assertThat(FunnelTable.format(Duration.ofSeconds(245))).isEqualTo("4m 05s");
        assertThat(FunnelTable.format(Duration.ofMinutes(187))).isEqualTo("3h 07m");
        assertThat(FunnelTable.format(Duration.ofHours(52))).isEqualTo("2d 04h");
        assertThat(FunnelTable.format(Duration.ofSeconds(-90))).isEqualTo("-1m 30s");
        assertThat(FunnelTable.format(Duration.ZERO)).isEqualTo("0 ms");
    }

    @Test
    void refusesTheSameTopicForTwoKindsOfEvent() {
        assertThatThrownBy(() -> new AnalyticsTopics("orders.fulfillment", "orders.returns", "orders.returns"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The fulfillment, returns and refunds topics must be three different topics, not"
                        + " orders.fulfillment, orders.returns and orders.returns");
    }

    /** Takes an order through the given steps, one minute apart, starting at T0. */
    private void advance(String orderId, FulfillmentStatus... steps) {
        for (int i = 0; i < steps.length; i++) {
            stats.add(event(orderId, steps[i], i + 1, T0.plus(Duration.ofMinutes(i))));
        }
    }
}

package com.orderpipeline.devstack.analytics;

import static com.orderpipeline.devstack.analytics.FunnelStatsTest.event;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.DELIVERED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PICKED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.PLACED;
import static com.orderpipeline.schemas.avro.FulfillmentStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FunnelTableTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:10:05.250Z");

    @Test
    void rendersStatesWithSharesAndTimesWithMedianAndP95() {
        FunnelStats stats = new FunnelStats();
        stats.add(event("A", PLACED, 1, T0));
        stats.add(event("B", PLACED, 1, T0));
        stats.add(event("B", PICKED, 2, T0.plusSeconds(30)));
        stats.add(event("C", PLACED, 1, T0));
        stats.add(event("C", SHIPPED, 4, T0.plusSeconds(90)));
        stats.add(event("C", DELIVERED, 5, T0.plusSeconds(200)));
        stats.add(event("D", PLACED, 1, T0));
        stats.add(event("D", SHIPPED, 4, T0.plusSeconds(120)));

        String table = FunnelTable.render("orders.fulfillment", stats.snapshot(), NOW);

        assertThat(table).isEqualTo(String.join(System.lineSeparator(),
                "orders.fulfillment at 2025-06-01T12:10:05Z: 4 orders, 8 events",
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
                ""));
    }

    @Test
    void showsDashesWhileThereIsNothingToMeasure() {
        String table = FunnelTable.render("orders.fulfillment", new FunnelStats().snapshot(), NOW);

        assertThat(table)
                .contains("0 orders, 0 events")
                .contains("  PLACED              0        -" + System.lineSeparator())
                .contains("  to SHIPPED          0        -        -" + System.lineSeparator())
                .contains("  to DELIVERED        0        -        -" + System.lineSeparator());
    }

    @Test
    void notesDigitalOrdersOrdersWithoutPlacedAndSkippedRecords() {
        FunnelStats stats = new FunnelStats();
        stats.add(event("D01-0000001-0000001", PLACED, 1, T0));
        stats.add(event("D01-0000001-0000001", DELIVERED, 2, T0));
        stats.add(event("X", SHIPPED, 4, T0));
        stats.countUnreadable("partition 0, offset 7: not the wire format");

        String table = FunnelTable.render("t", stats.snapshot(), NOW);

        assertThat(table).endsWith(String.join(System.lineSeparator(),
                "",
                "  1 digital order delivered at once, left out of \"to DELIVERED\"",
                "  1 order without a PLACED event on the topic (deleted by retention?), left out of the times",
                "  1 record could not be read and was skipped (last: partition 0, offset 7: not the wire format)",
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
}

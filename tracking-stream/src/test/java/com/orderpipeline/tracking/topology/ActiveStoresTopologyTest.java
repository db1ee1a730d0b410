package com.orderpipeline.tracking.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TrackingDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each task's processors lend {@link ActiveStores} their stores while the task runs (from its first record to its
 * close), for reads to use directly.
 */
class ActiveStoresTopologyTest {
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");

    @Test
    void aTasksStoresAreReadDirectlyFromItsFirstRecordUntilItCloses(@TempDir Path stateDir) {
        String order = Orders.physicalId(51);
        Set<String> lent = TrackingTopology.DIRECTLY_READ_STORES;
        TrackingDriver pipeline = new TrackingDriver("active-stores", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), PLACED_AT, view -> { });
        try {
            for (String store : lent) {
                assertThat(pipeline.active.holding(store, order)).as("%s before the task ran", store).isEmpty();
            }

            pipeline.placed.pipeInput(order, Orders.placed(order, PLACED_AT, PROMISED), PLACED_AT);
            pipeline.fulfillment.pipeInput(order, Orders.step(order, FulfillmentStatus.PICKED, 2,
                    PLACED_AT.plusSeconds(60)), PLACED_AT.plusSeconds(60));

            for (String store : lent) {
                assertThat(pipeline.active.holding(store, order).map(ActiveStores.Lent::partition)).as(store)
                        .hasValue(0);
            }
            ActiveStores.Lent held = pipeline.active.holding(TrackingTopology.VIEW_STORE, order).orElseThrow();
            OrderTracking view = held.<String, OrderTracking>keyValue(TrackingTopology.VIEW_STORE).get(order);
            assertThat(view.getStatus()).isEqualTo(FulfillmentStatus.PICKED);
            assertThat(held.<String, byte[]>keyValue(TrackingTopology.VIEW_JSON_STORE).get(order))
                    .isEqualTo(pipeline.<byte[]>store(TrackingTopology.VIEW_JSON_STORE).get(order));
        } finally {
            pipeline.close();
        }

        for (String store : lent) {
            assertThat(pipeline.active.holding(store, order)).as(store).isEmpty();
        }
    }
}

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each task's processors lend {@link ActiveStores} their stores while the task runs, for reads to use directly. */
class ActiveStoresTopologyTest {
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");

    @Test
    void aRunningTasksStoresAreReadDirectlyUntilTheTaskCloses(@TempDir Path stateDir) {
        String order = Orders.physicalId(51);
        List<String> lent = List.of(TrackingTopology.VIEW_STORE, TrackingTopology.VIEW_JSON_STORE,
                TrackingTopology.DETAILS_STORE, TrackingTopology.SUPPORT_HISTORY_STORE,
                TrackingTopology.CUSTOMER_ORDERS_STORE);
        TrackingDriver pipeline = new TrackingDriver("active-stores", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), PLACED_AT, view -> { });
        try {
            pipeline.placed.pipeInput(order, Orders.placed(order, PLACED_AT, PROMISED), PLACED_AT);

            for (String store : lent) {
                assertThat(pipeline.active.holding(store, order)).as(store).hasValue(0);
            }
            OrderTracking view = pipeline.active.<String, OrderTracking>store(TrackingTopology.VIEW_STORE, 0).get(order);
            assertThat(view.getStatus()).isEqualTo(FulfillmentStatus.PLACED);
            assertThat(pipeline.active.<String, byte[]>store(TrackingTopology.VIEW_JSON_STORE, 0).get(order))
                    .isEqualTo(pipeline.<byte[]>store(TrackingTopology.VIEW_JSON_STORE).get(order));
        } finally {
            pipeline.close();
        }

        for (String store : lent) {
            assertThat(pipeline.active.holding(store, order)).as(store).isEmpty();
        }
    }
}

package com.orderpipeline.tracking.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.tracking.query.ActiveViews;
import com.orderpipeline.tracking.testing.Orders;
import com.orderpipeline.tracking.testing.TrackingDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each task's processor tells {@link ActiveViews} of its view stores while it runs, for lookups to read directly. */
class ActiveViewsTopologyTest {
    private static final Instant PLACED_AT = Instant.parse("2026-05-04T09:15:00Z");
    private static final LocalDate PROMISED = LocalDate.parse("2026-05-08");

    @Test
    void aRunningTasksViewStoresAreReadDirectlyUntilTheTaskCloses(@TempDir Path stateDir) {
        String order = Orders.physicalId(51);
        TrackingDriver pipeline = new TrackingDriver("active-views", stateDir,
                new TrackingTopology.Settings(Duration.ofMinutes(1), Duration.ofDays(7), 200), PLACED_AT, view -> { });
        try {
            pipeline.placed.pipeInput(order, Orders.placed(order, PLACED_AT, PROMISED), PLACED_AT);

            ActiveViews.Stores stores = pipeline.active.holding(order).orElseThrow();
            assertThat(stores.views().get(order).getStatus()).isEqualTo(FulfillmentStatus.PLACED);
            assertThat(stores.answers().get(order))
                    .isEqualTo(pipeline.<byte[]>store(TrackingTopology.VIEW_JSON_STORE).get(order));
        } finally {
            pipeline.close();
        }

        assertThat(pipeline.active.holding(order)).isEmpty();
    }
}

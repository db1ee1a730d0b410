package com.orderpipeline.devstack.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order lifecycle on the embedded broker and registry: runs in every build. */
class OrderLifecycleEmbeddedIT extends OrderLifecycleScenario {

    @Test
    void anOrderGoesFromCheckoutToDoorstep(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(dataDir)) {
            placedOrderIsPickedPackedShippedAndDeliveredAndTrackedThroughout(pipeline);
        }
    }
}

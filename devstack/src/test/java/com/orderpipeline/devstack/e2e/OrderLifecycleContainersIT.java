package com.orderpipeline.devstack.e2e;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same order lifecycle on real containers: Kafka and Confluent Schema Registry as pinned in
 * docker-compose.yml and the services built from their Dockerfiles. Needs a Docker engine; without one the
 * class is reported as skipped, never as passed.
 */
@Testcontainers(disabledWithoutDocker = true)
class OrderLifecycleContainersIT extends OrderLifecycleScenario {

    @Test
    void anOrderGoesFromCheckoutToDoorstep() throws Exception {
        try (ContainerPipeline pipeline = new ContainerPipeline()) {
            placedOrderIsPickedPackedShippedAndDeliveredAndTrackedThroughout(pipeline);
        }
    }
}

package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import java.time.Duration;
import java.util.Objects;

/**
 * What the fulfillment topology is configured with.
 *
 * @param routes      which warehouse fulfills an order, by its destination
 * @param gracePeriod how long, in stream time, a parked scan waits for its order to arrive or catch up
 */
public record FulfillmentSettings(WarehouseRoutes routes, Duration gracePeriod) {
    private static final Duration SHORTEST_CHECK = Duration.ofSeconds(1);
    private static final Duration LONGEST_CHECK = Duration.ofMinutes(1);

    public FulfillmentSettings {
        Objects.requireNonNull(routes, "routes");
        if (gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw new IllegalArgumentException("The grace period must be positive, not " + gracePeriod);
        }
    }

    /**
     * How often, in stream time, parked scans are checked for the end of their grace: a tenth of it, from 1 s
     * to 1 min. A scan is rejected at most one interval after its grace period ends.
     */
    public Duration expiryCheckInterval() {
        Duration tenth = gracePeriod.dividedBy(10);
        if (tenth.compareTo(SHORTEST_CHECK) < 0) {
            return SHORTEST_CHECK;
        }
        return tenth.compareTo(LONGEST_CHECK) > 0 ? LONGEST_CHECK : tenth;
    }
}

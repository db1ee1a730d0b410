package com.orderpipeline.fulfillment.topology;

import com.orderpipeline.fulfillment.routing.WarehouseRoutes;
import com.orderpipeline.runtime.streams.StreamTimeChecks;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the fulfillment topology is configured with.
 *
 * @param routes                 which warehouse fulfills an order, by its destination
 * @param gracePeriod            how long, in stream time, a parked scan waits for its order to arrive or catch up
 * @param maxParkedScansPerOrder how many scans one order may have parked at once; the next is rejected at once
 * @param inputPartitions        the partition count of the (co-partitioned) input topics, when known: a record
 *                               on another partition than its key's is then a dead letter; empty checks nothing
 */
public record FulfillmentSettings(WarehouseRoutes routes, Duration gracePeriod, int maxParkedScansPerOrder,
                                  OptionalInt inputPartitions) {
    /** Far more than the four steps a real order has parked at most, with room for re-scans under new scanIds. */
    public static final int DEFAULT_MAX_PARKED_SCANS_PER_ORDER = 20;
    /**
     * An order's parked scans are one store value, written to the changelog as one record; at a few hundred
     * bytes a scan, this many stay well inside the 1 MB a record may have.
     */
    public static final int MOST_PARKED_SCANS_PER_ORDER = 1000;

    public FulfillmentSettings {
        Objects.requireNonNull(routes, "routes");
        if (gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw new IllegalArgumentException("The grace period must be positive, not " + gracePeriod);
        }
        if (maxParkedScansPerOrder < 1 || maxParkedScansPerOrder > MOST_PARKED_SCANS_PER_ORDER) {
            throw new IllegalArgumentException("The parked scans per order must be from 1 to "
                    + MOST_PARKED_SCANS_PER_ORDER + ", not " + maxParkedScansPerOrder);
        }
        if (inputPartitions.isPresent() && inputPartitions.getAsInt() < 1) {
            throw new IllegalArgumentException("The input topics must have a partition at least, not "
                    + inputPartitions.getAsInt());
        }
    }

    /** Settings that leave the partitions unchecked until the app has looked the input topics up. */
    public FulfillmentSettings(WarehouseRoutes routes, Duration gracePeriod, int maxParkedScansPerOrder) {
        this(routes, gracePeriod, maxParkedScansPerOrder, OptionalInt.empty());
    }

    /** Settings with the default bound on parked scans. */
    public FulfillmentSettings(WarehouseRoutes routes, Duration gracePeriod) {
        this(routes, gracePeriod, DEFAULT_MAX_PARKED_SCANS_PER_ORDER);
    }

    /** These settings, checking every input record's partition against the input topics' partition count. */
    public FulfillmentSettings withInputPartitions(int partitions) {
        return new FulfillmentSettings(routes, gracePeriod, maxParkedScansPerOrder, OptionalInt.of(partitions));
    }

    /**
     * How often, in stream time, parked scans are checked for the end of their grace: a tenth of it, from 1 s
     * to 1 min. A scan is rejected at most one interval after its grace period ends.
     */
    public Duration expiryCheckInterval() {
        return StreamTimeChecks.tenthOf(gracePeriod);
    }
}

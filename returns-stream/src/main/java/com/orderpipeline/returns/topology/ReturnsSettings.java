package com.orderpipeline.returns.topology;

import com.orderpipeline.returns.rules.ReturnPolicy;
import com.orderpipeline.runtime.streams.StreamTimeChecks;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the returns topology is configured with.
 *
 * @param policy          the return window and the ship-by period
 * @param inputPartitions the partition count of the (co-partitioned) input topics, when known: a record on
 *                        another partition than its key's is then a dead letter; empty checks nothing
 */
public record ReturnsSettings(ReturnPolicy policy, OptionalInt inputPartitions) {
    public ReturnsSettings {
        Objects.requireNonNull(policy, "policy");
        if (inputPartitions.isPresent() && inputPartitions.getAsInt() < 1) {
            throw new IllegalArgumentException("The input topics must have a partition at least, not "
                    + inputPartitions.getAsInt());
        }
    }

    /** Settings that leave the partitions unchecked until the app has looked the input topics up. */
    public ReturnsSettings(ReturnPolicy policy) {
        this(policy, OptionalInt.empty());
    }

    /** These settings, checking every input record's partition against the input topics' partition count. */
    public ReturnsSettings withInputPartitions(int partitions) {
        return new ReturnsSettings(policy, OptionalInt.of(partitions));
    }

    /**
     * How often, in stream time, returns are checked for the end of their ship-by period: a tenth of it, from
     * 1 s to 1 min. A return is closed at most one interval after its period ends.
     */
    public Duration shipByCheckInterval() {
        return StreamTimeChecks.tenthOf(policy.shipBy());
    }
}

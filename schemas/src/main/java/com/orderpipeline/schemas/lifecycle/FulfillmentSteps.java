package com.orderpipeline.schemas.lifecycle;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ScanType;
import java.util.Arrays;
import java.util.List;

/**
 * The order of an order's fulfillment statuses, as the contract defines it, apart from the Avro enums' own
 * order: PLACED → PICKED → PACKED → SHIPPED → DELIVERED is the forward path; CANCELLED ends it early; UNKNOWN is
 * what a reader makes of a symbol added after it was built (every enum has it as its default from schema v2 on)
 * and is never written.
 */
public final class FulfillmentSteps {
    /** The forward path, in order. */
    public static final List<FulfillmentStatus> FORWARD = List.of(FulfillmentStatus.PLACED, FulfillmentStatus.PICKED,
            FulfillmentStatus.PACKED, FulfillmentStatus.SHIPPED, FulfillmentStatus.DELIVERED);
    /** The scans a warehouse sends, in the order of the path. */
    public static final List<ScanType> SCANS = List.of(ScanType.PICKED, ScanType.PACKED, ScanType.SHIPPED,
            ScanType.DELIVERED);
    /** Every status a writer may write: the forward path and CANCELLED. */
    public static final List<FulfillmentStatus> KNOWN = Arrays.stream(FulfillmentStatus.values())
            .filter(status -> status != FulfillmentStatus.UNKNOWN).toList();

    private FulfillmentSteps() {
    }

    /** The status before {@code status} on the forward path; null for PLACED and for statuses off the path. */
    public static FulfillmentStatus previous(FulfillmentStatus status) {
        int index = FORWARD.indexOf(status);
        return index > 0 ? FORWARD.get(index - 1) : null;
    }

    /**
     * Whether an order that is {@code now} has got to {@code target}: it is there, or further along the forward
     * path. A cancelled order has got to CANCELLED only.
     */
    public static boolean hasReached(FulfillmentStatus now, FulfillmentStatus target) {
        if (now == target) {
            return now != FulfillmentStatus.UNKNOWN;
        }
        int at = FORWARD.indexOf(now);
        int wanted = FORWARD.indexOf(target);
        return at >= 0 && wanted >= 0 && at >= wanted;
    }

    /** Whether an order that is {@code now} can never get to {@code target}: it was cancelled, or is past it. */
    public static boolean canNoLongerReach(FulfillmentStatus now, FulfillmentStatus target) {
        return now == FulfillmentStatus.CANCELLED && target != FulfillmentStatus.CANCELLED
                || now == FulfillmentStatus.DELIVERED && target == FulfillmentStatus.CANCELLED;
    }
}

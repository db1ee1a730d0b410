package com.orderpipeline.fulfillment.rules;

import static com.orderpipeline.fulfillment.rules.ScanRules.Move.ADVANCE;
import static com.orderpipeline.fulfillment.rules.ScanRules.Move.ALREADY;
import static com.orderpipeline.fulfillment.rules.ScanRules.Move.BACKWARDS;
import static com.orderpipeline.fulfillment.rules.ScanRules.Move.CANCEL;
import static com.orderpipeline.fulfillment.rules.ScanRules.Move.EARLY;
import static com.orderpipeline.fulfillment.rules.ScanRules.Move.REPEAT;
import static com.orderpipeline.fulfillment.rules.ScanRules.Move.STOPPED;
import static com.orderpipeline.fulfillment.rules.ScanRules.Move.TOO_LATE;

import com.orderpipeline.fulfillment.rules.Verdict.Advance;
import com.orderpipeline.fulfillment.rules.Verdict.Refuse;
import com.orderpipeline.fulfillment.rules.Verdict.Reject;
import com.orderpipeline.fulfillment.state.OrderState;
import com.orderpipeline.schemas.avro.CancellationRequested;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.RejectionReason;
import com.orderpipeline.schemas.avro.RequestRejectionReason;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The rules of the fulfillment state machine for warehouse scans, all in this class. A scan is judged by these
 * checks, in this order; the first that applies decides:
 * <ol>
 *   <li>its scanId was decided (or parked) before: a re-delivery, {@link Verdict#IGNORE ignored};</li>
 *   <li>the order is digital ({@code D01-…}): no warehouse step applies, {@code INVALID_TRANSITION};</li>
 *   <li>SHIPPED without carrier or tracking number: {@code MISSING_SHIPMENT_DETAILS};</li>
 *   <li>the order has not arrived: {@link Verdict#PARK parked} ({@code UNKNOWN_ORDER} once the grace period
 *       is over, or at once when the order already has as many scans parked as it may, see {@link #park});</li>
 *   <li>another warehouse than the order's: {@code WRONG_WAREHOUSE};</li>
 *   <li>otherwise the {@link #STEPS step table} below, by the order's status and the scan's type.</li>
 * </ol>
 */
public final class ScanRules {

    /** What a scan of one type does to an order in one status. */
    enum Move {
        /** The next step: the order advances to the scan's status. */
        ADVANCE,
        /** A step the order is not ready for yet: parked until it is ({@code INVALID_TRANSITION} after the grace period). */
        EARLY,
        /** The status the order already has: {@code DUPLICATE_STATUS}. */
        REPEAT,
        /** A status the order has passed: {@code INVALID_TRANSITION}. */
        BACKWARDS,
        /** Any scan of an order that was cancelled: {@code ORDER_CANCELLED}. */
        STOPPED,
        /** A cancellation the order can still take: it becomes CANCELLED. */
        CANCEL,
        /** A cancellation of an order that has shipped: {@code TOO_LATE}. */
        TOO_LATE,
        /** A cancellation of an order that was cancelled before: {@code ALREADY_CANCELLED}. */
        ALREADY
    }

    private static final List<ScanType> COLUMNS = FulfillmentSteps.SCANS;

    /**
     * PLACED → PICKED → PACKED → SHIPPED → DELIVERED, one step at a time; nothing after CANCELLED. The last
     * column is a cancellation request, decided by the same table: possible until the order has shipped.
     */
    private static final Map<FulfillmentStatus, List<Move>> STEPS = table(
            //                       scan:  PICKED     PACKED     SHIPPED    DELIVERED  | cancellation
            row(FulfillmentStatus.PLACED,    ADVANCE,   EARLY,     EARLY,     EARLY,     CANCEL),
            row(FulfillmentStatus.PICKED,    REPEAT,    ADVANCE,   EARLY,     EARLY,     CANCEL),
            row(FulfillmentStatus.PACKED,    BACKWARDS, REPEAT,    ADVANCE,   EARLY,     CANCEL),
            row(FulfillmentStatus.SHIPPED,   BACKWARDS, BACKWARDS, REPEAT,    ADVANCE,   TOO_LATE),
            row(FulfillmentStatus.DELIVERED, BACKWARDS, BACKWARDS, BACKWARDS, REPEAT,    TOO_LATE),
            row(FulfillmentStatus.CANCELLED, STOPPED,   STOPPED,   STOPPED,   STOPPED,   ALREADY));
    private static final int CANCELLATION = COLUMNS.size();

    private ScanRules() {
    }

    /**
     * Judges a scan against its order.
     *
     * @param order      the order's state; null when the order has not arrived
     * @param seenBefore whether a scan with this scanId was decided or parked for this order before
     */
    public static Verdict judge(WarehouseScan scan, OrderState order, boolean seenBefore) {
        String orderId = scan.getOrderId();
        if (seenBefore) {
            return Verdict.IGNORE;
        }
        if (scan.getType() == ScanType.UNKNOWN) {
            return new Reject(RejectionReason.INVALID_TRANSITION, "The scan's type is one this version of"
                    + " fulfillment-stream does not know; send PICKED, PACKED, SHIPPED or DELIVERED");
        }
        if (DigitalOrders.isDigital(orderId)) {
            return new Reject(RejectionReason.INVALID_TRANSITION, "Order " + orderId + " is digital: no warehouse"
                    + " fulfills it, so no " + scan.getType() + " scan applies to it");
        }
        if (scan.getType() == ScanType.SHIPPED && (isBlank(scan.getCarrier()) || isBlank(scan.getTrackingNumber()))) {
            return new Reject(RejectionReason.MISSING_SHIPMENT_DETAILS, "A SHIPPED scan needs a carrier and a"
                    + " tracking number; this one has " + (isBlank(scan.getCarrier()) ? "no carrier" : "a carrier")
                    + " and " + (isBlank(scan.getTrackingNumber()) ? "no tracking number" : "a tracking number"));
        }
        if (order == null) {
            return Verdict.PARK;
        }
        if (!order.getWarehouseId().equals(scan.getWarehouseId())) {
            return new Reject(RejectionReason.WRONG_WAREHOUSE, "Order " + orderId + " is fulfilled by warehouse "
                    + order.getWarehouseId() + ", not " + scan.getWarehouseId());
        }
        FulfillmentStatus status = OrderStates.status(order);
        return switch (STEPS.get(status).get(COLUMNS.indexOf(scan.getType()))) {
            case ADVANCE -> new Advance(FulfillmentStatus.valueOf(scan.getType().name()));
            case EARLY -> Verdict.PARK;
            case REPEAT -> new Reject(RejectionReason.DUPLICATE_STATUS, "Order " + orderId + " is already " + status);
            case BACKWARDS -> new Reject(RejectionReason.INVALID_TRANSITION, "Order " + orderId + " is " + status
                    + "; " + scan.getType() + " would be a step backwards");
            case STOPPED -> new Reject(RejectionReason.ORDER_CANCELLED, "Order " + orderId + " was cancelled; no "
                    + scan.getType() + " scan applies to it any more");
            case CANCEL, TOO_LATE, ALREADY -> throw new IllegalStateException("A cancellation move in a scan column");
        };
    }

    /**
     * Judges a cancellation request against its order.
     *
     * @param order      the order's state; null when the order has not arrived
     * @param seenBefore whether a request with this requestId was decided or parked for this order before
     */
    public static Verdict judge(CancellationRequested request, OrderState order, boolean seenBefore) {
        String orderId = request.getOrderId();
        if (seenBefore) {
            return Verdict.IGNORE;
        }
        if (DigitalOrders.isDigital(orderId)) {
            return new Refuse(RequestRejectionReason.NOT_CANCELLABLE, "Order " + orderId + " is digital: it was"
                    + " delivered the moment it was placed, so there is nothing left to cancel");
        }
        if (order == null) {
            return Verdict.PARK;
        }
        FulfillmentStatus status = OrderStates.status(order);
        return switch (STEPS.get(status).get(CANCELLATION)) {
            case CANCEL -> Verdict.CANCEL;
            case TOO_LATE -> new Refuse(RequestRejectionReason.TOO_LATE, "Order " + orderId + " is " + status
                    + ": it has shipped; request a return once it is delivered");
            case ALREADY -> new Refuse(RequestRejectionReason.ALREADY_CANCELLED, "Order " + orderId
                    + " was cancelled before");
            default -> throw new IllegalStateException("A scan move in the cancellation column");
        };
    }

    /** The verdict on a parked cancellation whose grace period is over: its order never arrived. */
    public static Refuse expire(CancellationRequested request, Duration gracePeriod) {
        return new Refuse(RequestRejectionReason.UNKNOWN_ORDER, "No order " + request.getOrderId()
                + " arrived within the grace period of " + inWords(gracePeriod));
    }

    /**
     * The verdict on a scan {@link #judge} parks: parked, unless its order already has {@code mostParked} scans
     * parked, which no real order comes near. Then it is refused at once, with the reason the end of the grace
     * period would give it, rather than let one order's parked scans grow past what its changelog record can hold.
     */
    public static Verdict park(WarehouseScan scan, OrderState order, int alreadyParked, int mostParked) {
        if (alreadyParked < mostParked) {
            return Verdict.PARK;
        }
        String tooMany = " already has " + alreadyParked + " scans parked waiting for it, the most one order may have;"
                + " this " + scan.getType() + " scan is refused rather than parked";
        if (order == null) {
            return new Reject(RejectionReason.UNKNOWN_ORDER, "Order " + scan.getOrderId() + " has not arrived and"
                    + tooMany);
        }
        return new Reject(RejectionReason.INVALID_TRANSITION, "Order " + scan.getOrderId() + " is "
                + OrderStates.status(order) + " and" + tooMany);
    }

    /** The verdict on a parked scan whose grace period is over: its order never arrived, or never caught up. */
    public static Reject expire(WarehouseScan scan, OrderState order, Duration gracePeriod) {
        if (order == null) {
            return new Reject(RejectionReason.UNKNOWN_ORDER, "No order " + scan.getOrderId()
                    + " arrived within the grace period of " + inWords(gracePeriod));
        }
        return new Reject(RejectionReason.INVALID_TRANSITION, "Order " + scan.getOrderId() + " was still "
                + OrderStates.status(order) + " at the end of the grace period of " + inWords(gracePeriod)
                + "; " + scan.getType() + " is not its next step");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    static String inWords(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return duration.toMinutes() + " min";
        }
        return millis % 1000 == 0 ? duration.toSeconds() + " s" : millis + " ms";
    }

    private static Map.Entry<FulfillmentStatus, List<Move>> row(FulfillmentStatus status, Move... moves) {
        if (moves.length != COLUMNS.size() + 1) {
            throw new IllegalStateException("The row for " + status + " has " + moves.length + " moves, not one per"
                    + " scan type " + COLUMNS + " and one for a cancellation");
        }
        return Map.entry(status, List.of(moves));
    }

    @SafeVarargs
    private static Map<FulfillmentStatus, List<Move>> table(Map.Entry<FulfillmentStatus, List<Move>>... rows) {
        Map<FulfillmentStatus, List<Move>> table = new EnumMap<>(FulfillmentStatus.class);
        Arrays.stream(rows).forEach(row -> table.put(row.getKey(), row.getValue()));
        // A status or scan type added to the schemas must get its row or column here before anything runs;
        // UNKNOWN is never written, and a scan of a type this version does not know is refused before the table.
        if (!table.keySet().equals(EnumSet.copyOf(FulfillmentSteps.KNOWN))
                || !EnumSet.copyOf(COLUMNS).equals(EnumSet.complementOf(EnumSet.of(ScanType.UNKNOWN)))) {
            throw new IllegalStateException("The step table does not cover every FulfillmentStatus and ScanType");
        }
        return table;
    }
}

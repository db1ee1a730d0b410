package com.orderpipeline.returns.rules;

import static com.orderpipeline.returns.rules.ReturnRules.Move.ENDED;
import static com.orderpipeline.returns.rules.ReturnRules.Move.PASSED;
import static com.orderpipeline.returns.rules.ReturnRules.Move.RECEIVE;
import static com.orderpipeline.returns.rules.ReturnRules.Move.REPEAT;
import static com.orderpipeline.returns.rules.ReturnRules.Move.SHIP;

import com.orderpipeline.returns.rules.ReturnVerdict.Decline;
import com.orderpipeline.returns.rules.ReturnVerdict.Reject;
import com.orderpipeline.returns.state.OrderReturns;
import com.orderpipeline.returns.state.ReturnState;
import com.orderpipeline.schemas.avro.DeclineReason;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanRejectionReason;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.ReturnStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of returns, all in this class. A return request is judged by the {@link #REQUEST_CHECKS checks}
 * below, in their order, after a re-delivered requestId is {@link ReturnVerdict#IGNORE ignored}: the first that
 * fails declines it, and a request that passes them all is authorized. A return scan is judged by a few checks
 * of the scan itself, then by the {@link #STEPS step table}, by the return's status and the scan's type.
 */
public final class ReturnRules {

    /** What a scan of one type does to a return in one status. */
    enum Move {
        /** SHIPPED_BACK of an authorized return: IN_TRANSIT. */
        SHIP,
        /** RECEIVED of a return authorized or in transit: RECEIVED, then refunded or closed. */
        RECEIVE,
        /** The step the return already took: {@code INVALID_TRANSITION}. */
        REPEAT,
        /** A step the return has passed: {@code INVALID_TRANSITION}. */
        PASSED,
        /** Any scan of a closed return: {@code INVALID_TRANSITION}. */
        ENDED
    }

    private static final List<ReturnScanType> COLUMNS = List.of(ReturnScanType.SHIPPED_BACK, ReturnScanType.RECEIVED);

    /**
     * AUTHORIZED → IN_TRANSIT → RECEIVED → REFUNDED (or CLOSED). A parcel handed in at a warehouse without a
     * carrier's scan is received straight from AUTHORIZED.
     */
    private static final Map<ReturnStatus, List<Move>> STEPS = table(
            //                    scan:  SHIPPED_BACK  RECEIVED
            row(ReturnStatus.AUTHORIZED, SHIP,         RECEIVE),
            row(ReturnStatus.IN_TRANSIT, REPEAT,       RECEIVE),
            row(ReturnStatus.RECEIVED,   PASSED,       REPEAT),
            row(ReturnStatus.REFUNDED,   PASSED,       REPEAT),
            row(ReturnStatus.CLOSED,     ENDED,        ENDED));

    /** One check of a request: the message that declines it, or empty when it passes. */
    private interface Check {
        Optional<String> fails(ReturnRequested request, OrderReturns order, ReturnPolicy policy);
    }

    private record RequestCheck(DeclineReason reason, Check check) {
    }

    /** The checks of a return request, in this order; each may rely on the ones before it having passed. */
    private static final List<RequestCheck> REQUEST_CHECKS = List.of(
            new RequestCheck(DeclineReason.UNKNOWN_ORDER, (request, order, policy) -> failsIf(order == null || !order.getPlaced(),
                    "No order " + request.getOrderId() + " is known")),
            new RequestCheck(DeclineReason.DIGITAL_ORDER, (request, order, policy) -> failsIf(order.getDigital(),
                    "Order " + order.getOrderId() + " is digital: nothing of it can be sent back")),
            new RequestCheck(DeclineReason.CANCELLED_ORDER, (request, order, policy) -> failsIf(
                    FulfillmentStatus.CANCELLED.name().equals(order.getStatus()),
                    "Order " + order.getOrderId() + " was cancelled: nothing of it was delivered")),
            new RequestCheck(DeclineReason.NOT_DELIVERED, (request, order, policy) -> failsIf(order.getDeliveredAt() == null,
                    "Order " + order.getOrderId() + " is " + (order.getStatus() == null ? "not yet on its way" : order.getStatus())
                            + ", not delivered; a return can be asked for once it is")),
            new RequestCheck(DeclineReason.WINDOW_CLOSED, (request, order, policy) -> failsIf(
                    request.getRequestedAt().isAfter(order.getDeliveredAt().plus(policy.window())),
                    "Order " + order.getOrderId() + " was delivered on " + order.getDeliveredAt() + "; returns close "
                            + ReturnPolicy.inWords(policy.window()) + " after delivery")),
            new RequestCheck(DeclineReason.NOT_IN_ORDER, (request, order, policy) -> notInOrder(request, order)),
            new RequestCheck(DeclineReason.QUANTITY_EXCEEDED, (request, order, policy) -> tooMany(request, order)));

    private ReturnRules() {
    }

    /**
     * Judges a return request against its order.
     *
     * @param order the order's returns; null when the order is not known
     */
    public static ReturnVerdict judge(ReturnRequested request, OrderReturns order, ReturnPolicy policy) {
        if (ReturnStates.hasSeen(order, request.getRequestId())) {
            return ReturnVerdict.IGNORE;
        }
        for (RequestCheck check : REQUEST_CHECKS) {
            Optional<String> failure = check.check().fails(request, order, policy);
            if (failure.isPresent()) {
                return new Decline(check.reason(), failure.get());
            }
        }
        return ReturnVerdict.AUTHORIZE;
    }

    /**
     * Judges a return scan against its order's returns.
     *
     * @param order the order's returns; null when the order is not known
     */
    public static ReturnVerdict judge(ReturnScan scan, OrderReturns order) {
        if (ReturnStates.hasSeen(order, scan.getScanId())) {
            return ReturnVerdict.IGNORE;
        }
        if (scan.getType() == ReturnScanType.UNKNOWN) {
            return new Reject(ReturnScanRejectionReason.INVALID_TRANSITION, "The scan's type is one this version of"
                    + " returns-stream does not know; send SHIPPED_BACK or RECEIVED");
        }
        Optional<ReturnState> found = ReturnStates.find(order, scan.getReturnId());
        if (found.isEmpty()) {
            return new Reject(ReturnScanRejectionReason.UNKNOWN_RETURN, "Order " + scan.getOrderId()
                    + " has no return " + scan.getReturnId());
        }
        ReturnState ret = found.get();
        if (scan.getType() == ReturnScanType.SHIPPED_BACK && (isBlank(scan.getCarrier()) || isBlank(scan.getTrackingNumber()))) {
            return new Reject(ReturnScanRejectionReason.MISSING_SHIPMENT_DETAILS, "A SHIPPED_BACK scan needs a carrier"
                    + " and a tracking number; this one has " + (isBlank(scan.getCarrier()) ? "no carrier" : "a carrier")
                    + " and " + (isBlank(scan.getTrackingNumber()) ? "no tracking number" : "a tracking number"));
        }
        if (scan.getType() == ReturnScanType.RECEIVED && isBlank(scan.getWarehouseId())) {
            return new Reject(ReturnScanRejectionReason.MISSING_SHIPMENT_DETAILS,
                    "A RECEIVED scan needs the warehouseId of the warehouse that received the return");
        }
        ReturnStatus status = ReturnStatus.valueOf(ret.getStatus());
        return switch (STEPS.get(status).get(COLUMNS.indexOf(scan.getType()))) {
            case SHIP -> ReturnVerdict.SHIP;
            case RECEIVE -> linesNotInReturn(scan, ret)
                    .<ReturnVerdict>map(message -> new Reject(ReturnScanRejectionReason.LINES_NOT_IN_RETURN, message))
                    .orElse(ReturnVerdict.RECEIVE);
            case REPEAT -> new Reject(ReturnScanRejectionReason.INVALID_TRANSITION, "Return " + ret.getReturnId()
                    + " is already " + status);
            case PASSED -> new Reject(ReturnScanRejectionReason.INVALID_TRANSITION, "Return " + ret.getReturnId()
                    + " is " + status + "; " + scan.getType() + " would be a step backwards");
            case ENDED -> new Reject(ReturnScanRejectionReason.INVALID_TRANSITION, "Return " + ret.getReturnId()
                    + " is closed; no " + scan.getType() + " scan applies to it any more");
        };
    }

    /** What is wrong with a RECEIVED scan's lines: each a SKU of the return, at most its quantity, in a known condition. */
    private static Optional<String> linesNotInReturn(ReturnScan scan, ReturnState ret) {
        if (scan.getLines().isEmpty()) {
            return Optional.of("A RECEIVED scan lists what came back, line by line; this one has no lines");
        }
        Map<String, Integer> asked = ReturnStates.asked(ret);
        for (ReturnItem line : scan.getLines()) {
            if (!asked.containsKey(line.getSku())) {
                return Optional.of("SKU " + line.getSku() + " is not in return " + ret.getReturnId() + " (" + asked.keySet() + ")");
            }
            if (line.getQuantity() < 1) {
                return Optional.of("The line of SKU " + line.getSku() + " has quantity " + line.getQuantity() + "; at least 1");
            }
            if (!RefundPolicy.isKnown(line.getCondition())) {
                return Optional.of("The line of SKU " + line.getSku() + " has no condition this version knows;"
                        + " each line is SELLABLE, DAMAGED, WRONG_ITEM or MISSING");
            }
        }
        for (Map.Entry<String, Integer> received : ReturnStates.bySku(scan.getLines()).entrySet()) {
            if (received.getValue() > asked.get(received.getKey())) {
                return Optional.of(received.getValue() + " of SKU " + received.getKey() + " came back, but return "
                        + ret.getReturnId() + " has " + asked.get(received.getKey()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> notInOrder(ReturnRequested request, OrderReturns order) {
        Map<String, Integer> ordered = ReturnStates.ordered(order);
        return request.getItems().stream()
                .filter(item -> !ordered.containsKey(item.getSku()))
                .findFirst()
                .map(item -> "SKU " + item.getSku() + " is not in order " + order.getOrderId());
    }

    private static Optional<String> tooMany(ReturnRequested request, OrderReturns order) {
        Map<String, Integer> ordered = ReturnStates.ordered(order);
        Map<String, Integer> covered = ReturnStates.covered(order);
        for (Map.Entry<String, Integer> asked : ReturnStates.bySku(request.getItems()).entrySet()) {
            int left = ordered.get(asked.getKey()) - covered.getOrDefault(asked.getKey(), 0);
            if (asked.getValue() > left) {
                return Optional.of(asked.getValue() + " of SKU " + asked.getKey() + " asked back, but order "
                        + order.getOrderId() + " has " + ordered.get(asked.getKey()) + " of it, " + left
                        + " not yet covered by its returns");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> failsIf(boolean fails, String message) {
        return fails ? Optional.of(message) : Optional.empty();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static Map.Entry<ReturnStatus, List<Move>> row(ReturnStatus status, Move... moves) {
        if (moves.length != COLUMNS.size()) {
            throw new IllegalStateException("The row for " + status + " has " + moves.length + " moves, not one per"
                    + " scan type " + COLUMNS);
        }
        return Map.entry(status, List.of(moves));
    }

    @SafeVarargs
    private static Map<ReturnStatus, List<Move>> table(Map.Entry<ReturnStatus, List<Move>>... rows) {
        Map<ReturnStatus, List<Move>> table = new EnumMap<>(ReturnStatus.class);
        Arrays.stream(rows).forEach(row -> table.put(row.getKey(), row.getValue()));
        // a status or scan type added to the schemas must get its row or column here before anything runs;
        // DECLINED is no return's status (a declined request has no return) and UNKNOWN is never written
        if (!table.keySet().equals(EnumSet.complementOf(EnumSet.of(ReturnStatus.DECLINED, ReturnStatus.UNKNOWN)))
                || !EnumSet.copyOf(COLUMNS).equals(EnumSet.complementOf(EnumSet.of(ReturnScanType.UNKNOWN)))) {
            throw new IllegalStateException("The step table does not cover every ReturnStatus and ReturnScanType");
        }
        return table;
    }
}

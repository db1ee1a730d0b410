package com.orderpipeline.returns.rules;

import com.orderpipeline.returns.state.OrderReturns;
import com.orderpipeline.returns.state.OrderedItem;
import com.orderpipeline.returns.state.ReturnLine;
import com.orderpipeline.returns.state.ReturnState;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.DeclineReason;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RefundSummary;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How an order's returns change: each step of a return with the events that say so. Never changes a state in
 * place (stores may hand out cached instances): every step answers a new one.
 */
public final class ReturnStates {
    /**
     * How many requestIds and scanIds an order remembers for de-duplication: far more than a real order gets;
     * the bound only keeps a client that floods one order with new IDs from growing its state without end.
     */
    static final int REMEMBERED_IDS = 200;

    private ReturnStates() {
    }

    /**
     * An order's returns after a step, the events on {@code orders.returns} that say so, and the refund for
     * {@code payments.refunds}, if the step issued one.
     */
    public record Step(OrderReturns state, List<ReturnEvent> events, Optional<RefundIssued> refund) {
    }

    /** The order as its placement describes it; null when it was placed before (its first placement stands). */
    public static OrderReturns placed(OrderReturns known, OrderPlaced order) {
        if (known != null && known.getPlaced()) {
            return null;
        }
        List<OrderedItem> items = order.getItems().stream()
                .map(item -> new OrderedItem(item.getSku(), item.getQuantity(), item.getUnitPrice()))
                .toList();
        OrderReturns next = known == null ? empty(order.getOrderId()) : copyOf(known);
        next.setPlaced(true);
        next.setDigital(order.getChannel() == Channel.DIGITAL);
        next.setCurrency(order.getCurrency());
        next.setTotal(order.getTotal());
        next.setItems(items);
        return next;
    }

    /** The order after a fulfillment event; null when the event is older than what is known (a re-delivery). */
    public static OrderReturns fulfilled(OrderReturns known, FulfillmentEvent event) {
        if (known != null && known.getStatusSequence() >= event.getSequence()) {
            return null;
        }
        OrderReturns next = known == null ? empty(event.getOrderId()) : copyOf(known);
        next.setStatus(event.getStatus().name());
        next.setStatusSequence(event.getSequence());
        if (event.getStatus() == FulfillmentStatus.DELIVERED) {
            next.setDeliveredAt(event.getOccurredAt());
        }
        return next;
    }

    public static boolean hasSeen(OrderReturns order, String id) {
        return order != null && order.getDecidedIds().contains(id);
    }

    public static Optional<ReturnState> find(OrderReturns order, String returnId) {
        return order == null ? Optional.empty()
                : order.getReturns().stream().filter(ret -> ret.getReturnId().equals(returnId)).findFirst();
    }

    /** How many of each SKU the order's returns already cover: all but those closed without coming back. */
    public static Map<String, Integer> covered(OrderReturns order) {
        List<ReturnLine> covering = order.getReturns().stream()
                .filter(ret -> ret.getReceived() || !ret.getStatus().equals(ReturnStatus.CLOSED.name()))
                .flatMap(ret -> ret.getItems().stream())
                .toList();
        return countBySku(covering, ReturnLine::getSku, ReturnLine::getQuantity);
    }

    /** How many of each SKU the order has. */
    public static Map<String, Integer> ordered(OrderReturns order) {
        return countBySku(order.getItems(), OrderedItem::getSku, OrderedItem::getQuantity);
    }

    /** How many of each SKU a return asked back. */
    public static Map<String, Integer> asked(ReturnState ret) {
        return countBySku(ret.getItems(), ReturnLine::getSku, ReturnLine::getQuantity);
    }

    /** A request's lines, one per SKU (the same SKU twice counts once, with both quantities). */
    public static Map<String, Integer> bySku(List<ReturnItem> lines) {
        return countBySku(lines, ReturnItem::getSku, ReturnItem::getQuantity);
    }

    /** Quantities summed per SKU, in the order the SKUs first appear. */
    private static <T> Map<String, Integer> countBySku(List<T> lines, Function<T, String> sku, ToIntFunction<T> quantity) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        lines.forEach(line -> counts.merge(sku.apply(line), quantity.applyAsInt(line), Integer::sum));
        return counts;
    }

    /** The request authorized as the order's next return, {@code <orderId>-R<n>}. */
    public static Step authorize(OrderReturns order, ReturnRequested request) {
        String returnId = order.getOrderId() + "-R" + (order.getReturns().size() + 1);
        List<ReturnLine> lines = bySku(request.getItems()).entrySet().stream()
                .map(line -> new ReturnLine(line.getKey(), line.getValue()))
                .toList();
        ReturnState ret = ReturnState.newBuilder()
                .setReturnId(returnId)
                .setRequestId(request.getRequestId())
                .setStatus(ReturnStatus.AUTHORIZED.name())
                .setSequence(1)
                .setReason(request.getReason().name())
                .setItems(lines)
                .setAuthorizedAt(request.getRequestedAt())
                .build();
        List<ReturnState> returns = new ArrayList<>(order.getReturns());
        returns.add(ret);
        OrderReturns next = copyOf(order);
        next.setReturns(returns);
        next.setDecidedIds(remembering(order.getDecidedIds(), request.getRequestId()));
        return new Step(next, List.of(event(ret, order.getOrderId(), request.getRequestedAt()).build()), Optional.empty());
    }

    /** The event that declines a request; it has no returnId, as no return came of it. */
    public static ReturnEvent declined(ReturnRequested request, DeclineReason reason, String message) {
        return ReturnEvent.newBuilder()
                .setOrderId(request.getOrderId())
                .setRequestId(request.getRequestId())
                .setStatus(ReturnStatus.DECLINED)
                .setSequence(1)
                .setOccurredAt(request.getRequestedAt())
                .setItems(request.getItems())
                .setReason(request.getReason())
                .setDeclineReason(reason)
                .setMessage(message)
                .build();
    }

    /** The order, unchanged but for one more remembered requestId or scanId. */
    public static OrderReturns remember(OrderReturns order, String id) {
        OrderReturns next = copyOf(order);
        next.setDecidedIds(remembering(order.getDecidedIds(), id));
        return next;
    }

    /** The return on its way back with the carrier and tracking number of the scan. */
    public static Step ship(OrderReturns order, ReturnState ret, ReturnScan scan) {
        ReturnState shipped = ReturnState.newBuilder(ret)
                .setStatus(ReturnStatus.IN_TRANSIT.name())
                .setSequence(ret.getSequence() + 1)
                .setCarrier(scan.getCarrier())
                .setTrackingNumber(scan.getTrackingNumber())
                .build();
        OrderReturns next = replacing(order, shipped, scan.getScanId(), 0);
        return new Step(next, List.of(event(shipped, order.getOrderId(), scan.getScannedAt()).build()), Optional.empty());
    }

    /**
     * The return received with the scan's lines, and at once refunded by {@link RefundPolicy}, or closed when
     * nothing of it is refundable.
     *
     * @param issuedAt when the refund is issued: the time the scan is processed at
     */
    public static Step receive(OrderReturns order, ReturnState ret, ReturnScan scan, Instant issuedAt) {
        RefundPolicy.Refund refund = RefundPolicy.of(order, scan.getLines());
        ReturnState received = ReturnState.newBuilder(ret)
                .setStatus(ReturnStatus.RECEIVED.name())
                .setSequence(ret.getSequence() + 1)
                .setReceived(true)
                .build();
        ReturnEvent receivedEvent = event(received, order.getOrderId(), scan.getScannedAt()).setItems(scan.getLines()).build();
        ReturnState.Builder settled = ReturnState.newBuilder(received).setSequence(received.getSequence() + 1);
        if (refund.isEmpty()) {
            ReturnState closed = settled.setStatus(ReturnStatus.CLOSED.name()).build();
            ReturnEvent closedEvent = event(closed, order.getOrderId(), issuedAt).setItems(scan.getLines())
                    .setMessage("Nothing of return " + ret.getReturnId() + " is refundable: every line came back "
                            + RefundPolicy.notRefunded())
                    .build();
            return new Step(replacing(order, closed, scan.getScanId(), 0), List.of(receivedEvent, closedEvent),
                    Optional.empty());
        }
        String refundId = ret.getReturnId() + "-F1";
        ReturnState refunded = settled.setStatus(ReturnStatus.REFUNDED.name()).setRefundId(refundId).build();
        ReturnEvent refundedEvent = event(refunded, order.getOrderId(), issuedAt).setItems(scan.getLines())
                .setRefund(new RefundSummary(refundId, refund.amount(), order.getCurrency()))
                .build();
        RefundIssued issued = new RefundIssued(refundId, order.getOrderId(), ret.getReturnId(), refund.amount(),
                order.getCurrency(), refund.items(), issuedAt);
        return new Step(replacing(order, refunded, scan.getScanId(), refund.amount()),
                List.of(receivedEvent, refundedEvent), Optional.of(issued));
    }

    /** The return closed because it was not shipped back within {@code shipBy} of its authorization. */
    public static Step expire(OrderReturns order, ReturnState ret, Duration shipBy, Instant at) {
        ReturnState closed = ReturnState.newBuilder(ret)
                .setStatus(ReturnStatus.CLOSED.name())
                .setSequence(ret.getSequence() + 1)
                .build();
        ReturnEvent event = event(closed, order.getOrderId(), at)
                .setMessage("Return " + ret.getReturnId() + " was not shipped back within "
                        + ReturnPolicy.inWords(shipBy) + " of its authorization")
                .build();
        return new Step(replacing(order, closed, null, 0), List.of(event), Optional.empty());
    }

    /** When a return authorized at {@code authorizedAt} must have been shipped back. */
    public static Instant shipBy(ReturnState ret, Duration shipBy) {
        return ret.getAuthorizedAt().plus(shipBy);
    }

    private static ReturnEvent.Builder event(ReturnState ret, String orderId, Instant at) {
        return ReturnEvent.newBuilder()
                .setReturnId(ret.getReturnId())
                .setOrderId(orderId)
                .setRequestId(ret.getRequestId())
                .setStatus(ReturnStatus.valueOf(ret.getStatus()))
                .setSequence(ret.getSequence())
                .setOccurredAt(at)
                .setItems(ret.getItems().stream().map(line -> new ReturnItem(line.getSku(), line.getQuantity(), null)).toList())
                .setReason(ReturnReason.valueOf(ret.getReason()))
                .setCarrier(ret.getCarrier())
                .setTrackingNumber(ret.getTrackingNumber());
    }

    private static OrderReturns replacing(OrderReturns order, ReturnState changed, String decidedId, long refunded) {
        List<ReturnState> returns = order.getReturns().stream()
                .map(ret -> ret.getReturnId().equals(changed.getReturnId()) ? changed : ret)
                .toList();
        OrderReturns next = copyOf(order);
        next.setReturns(returns);
        next.setRefunded(order.getRefunded() + refunded);
        if (decidedId != null) {
            next.setDecidedIds(remembering(order.getDecidedIds(), decidedId));
        }
        return next;
    }

    /** An order not seen yet: no placement, no fulfillment, no returns; the schema's defaults. */
    private static OrderReturns empty(String orderId) {
        return new OrderReturns(orderId, false, false, null, 0L, List.of(), null, 0, null, 0L, List.of(), List.of());
    }

    /**
     * A new state with the values of {@code order}, sharing its lists, which no step changes in place. Not
     * {@code OrderReturns.newBuilder(order)}: it deep-copies every list, and this runs for every record of an order.
     */
    private static OrderReturns copyOf(OrderReturns order) {
        return new OrderReturns(order.getOrderId(), order.getPlaced(), order.getDigital(), order.getCurrency(),
                order.getTotal(), order.getItems(), order.getStatus(), order.getStatusSequence(),
                order.getDeliveredAt(), order.getRefunded(), order.getReturns(), order.getDecidedIds());
    }

    private static List<String> remembering(List<String> ids, String id) {
        List<String> more = new ArrayList<>(ids.size() + 1);
        more.addAll(ids.size() < REMEMBERED_IDS ? ids : ids.subList(ids.size() - REMEMBERED_IDS + 1, ids.size()));
        more.add(id);
        return more;
    }
}

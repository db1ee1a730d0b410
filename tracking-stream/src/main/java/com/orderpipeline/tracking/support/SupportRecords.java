package com.orderpipeline.tracking.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.RefundIssued;
import com.orderpipeline.schemas.avro.RefundedItem;
import com.orderpipeline.schemas.avro.RequestRejected;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.avro.ScanRejected;
import java.time.Instant;
import java.util.Locale;

/**
 * The support history's records of each event it keeps: the fields support reads of it, as JSON, so the support
 * view is these entries put together and a read decodes no Avro. Rejections of all three kinds share one shape
 * ({@code kind}, {@code id}, {@code type}, {@code reason}, {@code message}, {@code status}, {@code warehouseId},
 * {@code at}). No entry holds personal data: that stays in the details store. Every method answers null for a
 * null value (a tombstone), which the history skips.
 */
public final class SupportRecords {
    private final ObjectMapper json;

    public SupportRecords(ObjectMapper json) {
        this.json = json;
    }

    /** A step of the fulfillment timeline, under its sequence number; a cancellation says why and who asked. */
    public SupportRecord fulfillment(FulfillmentEvent event) {
        if (event == null) {
            return null;
        }
        ObjectNode entry = json.createObjectNode()
                .put("status", event.getStatus().name())
                .put("sequence", event.getSequence())
                .put("at", text(event.getOccurredAt()))
                .put("warehouseId", event.getWarehouseId())
                .put("carrier", event.getCarrier())
                .put("trackingNumber", event.getTrackingNumber())
                .put("causedBy", event.getCausedBy());
        if (event.getCancellation() == null) {
            entry.putNull("cancellation");
        } else {
            entry.putObject("cancellation").put("reason", event.getCancellation().getReason().name())
                    .put("requestedBy", event.getCancellation().getRequestedBy().name());
        }
        return new SupportRecord(SupportRecord.Kind.FULFILLMENT,
                String.format(Locale.ROOT, "%010d", event.getSequence()), entry.toString());
    }

    /** An event of a return (or of a declined request), under its return and sequence number. */
    public SupportRecord returned(ReturnEvent event) {
        if (event == null) {
            return null;
        }
        ObjectNode entry = json.createObjectNode()
                .put("returnId", event.getReturnId())
                .put("requestId", event.getRequestId())
                .put("status", event.getStatus().name())
                .put("sequence", event.getSequence())
                .put("at", text(event.getOccurredAt()));
        ArrayNode items = entry.putArray("items");
        for (ReturnItem item : event.getItems()) {
            items.addObject().put("sku", item.getSku()).put("quantity", item.getQuantity())
                    .put("condition", item.getCondition() == null ? null : item.getCondition().name());
        }
        entry.put("reason", event.getReason().name())
                .put("declineReason", event.getDeclineReason() == null ? null : event.getDeclineReason().name())
                .put("message", event.getMessage())
                .put("carrier", event.getCarrier())
                .put("trackingNumber", event.getTrackingNumber())
                .put("refundAmount", event.getRefund() == null ? null : event.getRefund().getAmount());
        String subject = event.getReturnId() != null ? event.getReturnId() : event.getRequestId();
        return new SupportRecord(SupportRecord.Kind.RETURN,
                subject + "|" + String.format(Locale.ROOT, "%010d", event.getSequence()), entry.toString());
    }

    /** A refund, under its refund ID. */
    public SupportRecord refund(RefundIssued refund) {
        if (refund == null) {
            return null;
        }
        ObjectNode entry = json.createObjectNode()
                .put("refundId", refund.getRefundId())
                .put("returnId", refund.getReturnId())
                .put("amount", refund.getAmount())
                .put("currency", refund.getCurrency())
                .put("issuedAt", text(refund.getIssuedAt()));
        ArrayNode items = entry.putArray("items");
        for (RefundedItem item : refund.getItems()) {
            items.addObject().put("sku", item.getSku()).put("quantity", item.getQuantity());
        }
        return new SupportRecord(SupportRecord.Kind.REFUND, refund.getRefundId(), entry.toString());
    }

    /** A warehouse scan fulfillment-stream rejected. */
    public SupportRecord rejected(ScanRejected rejection) {
        if (rejection == null) {
            return null;
        }
        return rejection("SCAN", rejection.getScan().getScanId(), rejection.getScan().getType().name(),
                rejection.getReason().name(), rejection.getMessage(),
                rejection.getOrderStatus() == null ? null : rejection.getOrderStatus().name(),
                rejection.getScan().getWarehouseId(), rejection.getRejectedAt());
    }

    /** A cancellation request fulfillment-stream rejected. */
    public SupportRecord rejected(RequestRejected rejection) {
        if (rejection == null) {
            return null;
        }
        return rejection("REQUEST", rejection.getRequestId(), "CANCELLATION", rejection.getReason().name(),
                rejection.getMessage(), rejection.getOrderStatus() == null ? null : rejection.getOrderStatus().name(),
                null, rejection.getRejectedAt());
    }

    /** A return scan returns-stream rejected. */
    public SupportRecord rejected(ReturnScanRejected rejection) {
        if (rejection == null) {
            return null;
        }
        return rejection("RETURN_SCAN", rejection.getScan().getScanId(), rejection.getScan().getType().name(),
                rejection.getReason().name(), rejection.getMessage(),
                rejection.getReturnStatus() == null ? null : rejection.getReturnStatus().name(),
                rejection.getScan().getWarehouseId(), rejection.getRejectedAt());
    }

    /** Named by kind, ID and time: a scan rejected again later (re-delivered) is a second line, as it happened. */
    private SupportRecord rejection(String kind, String id, String type, String reason, String message, String status,
                                    String warehouseId, Instant at) {
        String entry = json.createObjectNode()
                .put("kind", kind)
                .put("id", id)
                .put("type", type)
                .put("reason", reason)
                .put("message", message)
                .put("status", status)
                .put("warehouseId", warehouseId)
                .put("at", text(at))
                .toString();
        return new SupportRecord(SupportRecord.Kind.REJECTION,
                String.format(Locale.ROOT, "%013d", at.toEpochMilli()) + "|" + kind + "|" + id, entry);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

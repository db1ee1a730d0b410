package com.orderpipeline.tracking.testing;

import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.RejectionReason;
import com.orderpipeline.schemas.avro.RequestRejected;
import com.orderpipeline.schemas.avro.RequestRejectionReason;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanRejected;
import com.orderpipeline.schemas.avro.ReturnScanRejectionReason;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.avro.ScanRejected;
import com.orderpipeline.schemas.avro.ScanType;
import com.orderpipeline.schemas.avro.WarehouseScan;
import java.time.Instant;
import java.util.List;

/** Rejections as fulfillment-stream and returns-stream write them, for the order of {@link Orders#placed}. */
public final class Rejections {
    private Rejections() {
    }

    /** A SHIPPED scan from the wrong warehouse, rejected while the order is {@code status}. */
    public static ScanRejected wrongWarehouse(String orderId, String scanId, FulfillmentStatus status, Instant at) {
        WarehouseScan scan = WarehouseScan.newBuilder().setScanId(scanId).setOrderId(orderId).setType(ScanType.SHIPPED)
                .setWarehouseId("WH-PDX-2").setScannedAt(at).setCarrier("UPS").setTrackingNumber("1Z999AA10123456784")
                .setLocation(null).build();
        return new ScanRejected(scan, status, RejectionReason.WRONG_WAREHOUSE,
                "The order is handled by WH-SEA-1, not WH-PDX-2", at);
    }

    /** A cancellation that came after the order shipped. */
    public static RequestRejected tooLate(String orderId, String requestId, Instant at) {
        return new RequestRejected(requestId, orderId, RequestRejectionReason.TOO_LATE, FulfillmentStatus.SHIPPED,
                "it has shipped; request a return once it is delivered", at);
    }

    /** A RECEIVED scan of a return that was never shipped back. */
    public static ReturnScanRejected receivedTooEarly(String orderId, String returnId, String scanId, Instant at) {
        ReturnScan scan = ReturnScan.newBuilder().setScanId(scanId).setReturnId(returnId).setOrderId(orderId)
                .setType(ReturnScanType.RECEIVED).setWarehouseId("WH-SEA-1").setScannedAt(at).setCarrier(null)
                .setTrackingNumber(null).setLines(List.of(new ReturnItem(Returns.KINDLE, 1, ItemCondition.SELLABLE)))
                .build();
        return new ReturnScanRejected(scan, ReturnStatus.AUTHORIZED, ReturnScanRejectionReason.INVALID_TRANSITION,
                "The return has not been shipped back yet", at);
    }
}

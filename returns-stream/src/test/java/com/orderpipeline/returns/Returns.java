package com.orderpipeline.returns;

import com.orderpipeline.schemas.avro.Address;
import com.orderpipeline.schemas.avro.Channel;
import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ItemCondition;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnItem;
import com.orderpipeline.schemas.avro.ReturnReason;
import com.orderpipeline.schemas.avro.ReturnRequested;
import com.orderpipeline.schemas.avro.ReturnScan;
import com.orderpipeline.schemas.avro.ReturnScanType;
import com.orderpipeline.schemas.avro.ShippingSpeed;
import com.orderpipeline.schemas.ids.OrderId;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Orders, their fulfillment, return requests and return scans, as the tests write them. */
public final class Returns {
    public static final String KINDLE = "B00X4WHP5E";
    public static final long KINDLE_PRICE = 14_999L;
    public static final String CASE = "B07";
    public static final long CASE_PRICE = 2_999L;
    /** Two Kindles and a case. */
    public static final long TOTAL = 2 * KINDLE_PRICE + CASE_PRICE;
    public static final String CARRIER = "UPS";
    public static final String WAREHOUSE = "SEA-1";

    private Returns() {
    }

    public static String physicalId(long n) {
        return OrderId.of("114", n).canonical();
    }

    public static String digitalId(long n) {
        return OrderId.of("D01", n).canonical();
    }

    public static OrderPlaced physical(String orderId, Instant placedAt) {
        return new OrderPlaced(orderId, "C-1001", placedAt, Channel.PHYSICAL,
                List.of(new LineItem(KINDLE, "Kindle Paperwhite", 2, KINDLE_PRICE), new LineItem(CASE, "Case", 1, CASE_PRICE)),
                "USD", TOTAL, ShippingSpeed.STANDARD, LocalDate.of(2025, 3, 5),
                new Address("Ada Lovelace", "410 Terry Ave N", null, "Seattle", "WA", "98109", "US"), null, null);
    }

    public static OrderPlaced digital(String orderId, Instant placedAt) {
        return new OrderPlaced(orderId, "C-7", placedAt, Channel.DIGITAL,
                List.of(new LineItem("EBOOK-1", "An e-book", 1, 999L)), "EUR", 999L, ShippingSpeed.STANDARD,
                LocalDate.of(2025, 3, 5), null, null, null);
    }

    /** The fulfillment event of step {@code sequence} (1 PLACED … 5 DELIVERED, or a CANCELLED). */
    public static FulfillmentEvent fulfillment(String orderId, FulfillmentStatus status, int sequence, Instant at) {
        boolean shipped = status == FulfillmentStatus.SHIPPED || status == FulfillmentStatus.DELIVERED;
        return new FulfillmentEvent(orderId, status, status == FulfillmentStatus.PLACED ? null
                : FulfillmentSteps.previous(status), sequence, at, WAREHOUSE, shipped ? CARRIER : null,
                shipped ? "1Z" + orderId.replace("-", "") : null, null, null, null);
    }

    public static ReturnItem item(String sku, int quantity) {
        return new ReturnItem(sku, quantity, null);
    }

    public static ReturnItem line(String sku, int quantity, ItemCondition condition) {
        return new ReturnItem(sku, quantity, condition);
    }

    public static ReturnRequested request(String requestId, String orderId, Instant at, ReturnItem... items) {
        return new ReturnRequested(requestId, orderId, List.of(items), ReturnReason.NO_LONGER_NEEDED, null,
                RequestedBy.CUSTOMER, at);
    }

    public static ReturnScan shippedBack(String scanId, String orderId, String returnId, Instant at) {
        return new ReturnScan(scanId, returnId, orderId, ReturnScanType.SHIPPED_BACK, null, at, CARRIER,
                "1ZRET" + returnId.replace("-", ""), List.of());
    }

    public static ReturnScan received(String scanId, String orderId, String returnId, Instant at, ReturnItem... lines) {
        return new ReturnScan(scanId, returnId, orderId, ReturnScanType.RECEIVED, WAREHOUSE, at, null, null, List.of(lines));
    }
}

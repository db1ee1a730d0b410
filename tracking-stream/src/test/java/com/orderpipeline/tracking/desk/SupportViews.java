package com.orderpipeline.tracking.desk;

import com.orderpipeline.schemas.ids.OrderId;

/** Support views as the JSON API answers them, for the desk's tests. */
final class SupportViews {
    /** A valid physical order ID under the prefix 114. */
    static final String ORDER = OrderId.of("114", 1_234_567_890_123L).canonical();

    private SupportViews() {
    }

    /** An order in this status, shipping to an address whose second line is markup, with a rejection and a refund. */
    static String order(String status) {
        return """
                {"orderId":"%s","customerId":"C-1001","contactEmail":"ada@example.com","channel":"PHYSICAL",
                 "status":"%s","placedAt":"2026-12-01T10:15:30Z","updatedAt":"2026-12-02T08:00:00Z",
                 "items":[{"sku":"B00X4WHP5E","title":"Kindle Paperwhite","quantity":1,"unitPrice":14999},
                          {"sku":"B0BOOK","title":"A Book & More","quantity":2,"unitPrice":1250}],
                 "total":17499,"currency":"USD","shippingSpeed":"STANDARD",
                 "shipTo":{"name":"Ada Lovelace","line1":"410 Terry Ave N","line2":"<script>alert(1)</script>",
                           "city":"Seattle","region":"WA","postalCode":"98109","country":"US"},
                 "payment":{"method":"CARD","label":"Visa ending in 4242","status":"CAPTURED"},
                 "promisedBy":"2026-12-10","deliveredAt":null,"late":false,"warehouseId":"SEA-1","carrier":"UPS",
                 "trackingNumber":"1Z999AA10123456784",
                 "timeline":[{"status":"PLACED","at":"2026-12-01T10:15:30Z","place":null,"warehouseId":null,
                              "carrier":null,"trackingNumber":null,"sequence":1,"causedBy":null},
                             {"status":"PICKED","at":"2026-12-01T12:00:00Z","place":"Seattle","warehouseId":"SEA-1",
                              "carrier":null,"trackingNumber":null,"sequence":2,"causedBy":"scan-2"}],
                 "cancellation":null,
                 "rejections":[{"kind":"SCAN","id":"scan-9","type":"SHIPPED","reason":"MISSING_TRACKING_NUMBER",
                                "message":"a shipped scan needs a tracking number","status":"PICKED",
                                "warehouseId":"SEA-1","at":"2026-12-01T13:00:00Z"}],
                 "returns":[{"returnId":"%s-R1","requestId":"req-1","status":"REFUNDED","reason":"DAMAGED",
                             "declineReason":null,"message":null,
                             "items":[{"sku":"B00X4WHP5E","quantity":1,"condition":"DAMAGED"}],"carrier":"UPS",
                             "trackingNumber":"1ZRETURN","refundAmount":14999,
                             "history":[{"status":"AUTHORIZED","at":"2026-12-05T10:00:00Z"},
                                        {"status":"REFUNDED","at":"2026-12-08T10:00:00Z"}]}],
                 "refunds":[{"refundId":"rf-1","returnId":"%s-R1","amount":14999,"currency":"USD",
                             "issuedAt":"2026-12-08T10:00:00Z","items":[{"sku":"B00X4WHP5E","quantity":1}]}]}
                """.formatted(ORDER, status, ORDER, ORDER);
    }
}

package com.orderpipeline.orderid.requests;

import com.orderpipeline.schemas.avro.RequestedBy;
import com.orderpipeline.schemas.avro.ReturnReason;
import java.util.List;
import java.util.Optional;

/** A valid body of {@code POST /orders/{orderId}/returns}: what comes back, why, and who asks. */
public record ReturnRequest(List<Item> items, ReturnReason reason, Optional<String> comment, RequestedBy requestedBy) {

    /** A quantity of one SKU of the order; each SKU at most once per request. */
    public record Item(String sku, int quantity) {
    }
}

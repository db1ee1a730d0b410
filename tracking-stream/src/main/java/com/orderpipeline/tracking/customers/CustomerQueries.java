package com.orderpipeline.tracking.customers;

import com.orderpipeline.tracking.query.OwnedReads;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A customer's order list, wherever it is: read from {@link TrackingTopology#CUSTOMER_ORDERS_STORE} when this
 * instance owns the customer's partition (or the request was forwarded here), else asked of the owner
 * ({@link OwnedReads}).
 */
public final class CustomerQueries {
    private final OwnedReads reads;

    public CustomerQueries(OwnedReads reads) {
        this.reads = reads;
    }

    /**
     * @param query         the request's own path and query, passed on to the owner as they are
     * @param authorization the caller's {@code Authorization} header, for the owner to check
     */
    public CompletableFuture<OwnedReads.Answer<CustomerOrderPages.Page>> find(String customerId, int limit,
                                                                             Optional<String> before, boolean forwarded,
                                                                             String query, String authorization) {
        return reads.find(TrackingTopology.CUSTOMER_ORDERS_STORE, customerId, "this customer's orders", forwarded, query,
                authorization, stores -> CustomerOrderPages.read(stores.keyValue(TrackingTopology.CUSTOMER_ORDERS_STORE),
                        customerId, limit, before));
    }

    /** The path and query of a list request under {@code prefix} ("" or "/support"), as forwarded. */
    public static String path(String prefix, String customerId, int limit, Optional<String> before) {
        return prefix + "/customers/" + URLEncoder.encode(customerId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/orders?limit=" + limit + before.map(cursor -> "&before=" + cursor).orElse("");
    }
}

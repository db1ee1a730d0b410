package com.orderpipeline.devstack.analytics;

import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The returns read from {@code orders.returns}, for {@link FunnelStats}: the return IDs of each order and the
 * requests declined. Every event of an authorized return carries its return ID, so a return counts once whichever
 * of its events are read, and a re-delivered event changes nothing. A declined request has no return ID and is
 * known by its request ID.
 */
final class ReturnTally {
    private final Map<String, Set<String>> returnIdsByOrder = new HashMap<>();
    private final Set<String> declinedRequests = new HashSet<>();
    private long events;
    private long authorized;

    void add(ReturnEvent event) {
        Objects.requireNonNull(event, "event");
        events++;
        if (event.getReturnId() != null) {
            if (returnIdsByOrder.computeIfAbsent(event.getOrderId(), id -> new HashSet<>()).add(event.getReturnId())) {
                authorized++;
            }
        } else if (event.getStatus() == ReturnStatus.DECLINED) {
            declinedRequests.add(event.getRequestId());
        }
    }

    boolean hasReturn(String orderId) {
        return returnIdsByOrder.containsKey(orderId);
    }

    /** Orders with at least one authorized return. */
    long ordersWithReturns() {
        return returnIdsByOrder.size();
    }

    long events() {
        return events;
    }

    long authorized() {
        return authorized;
    }

    long declined() {
        return declinedRequests.size();
    }
}

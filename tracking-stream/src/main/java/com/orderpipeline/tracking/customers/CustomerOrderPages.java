package com.orderpipeline.tracking.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads one page of a customer's order list from the customer-orders store: newest first, by cursor, as stored. */
public final class CustomerOrderPages {
    private CustomerOrderPages() {
    }

    /**
     * One page of a customer's orders.
     *
     * @param orders newest first
     * @param next   the cursor of the next page (the last order ID of this one), empty on the last page
     */
    public record Page(List<Entry> orders, Optional<String> next) {
    }

    /** One order of the list: its ID and its entry's JSON, as stored. */
    public record Entry(String orderId, String json) {
    }

    /**
     * @param before the cursor: the orders after this order ID in the list; a cursor no longer in the list (its
     *               order dropped past the bound) reads an empty last page
     */
    public static Page read(ReadOnlyKeyValueStore<String, String> store, String customerId, int limit,
                            Optional<String> before) {
        List<Entry> orders = new ArrayList<>();
        boolean started = before.isEmpty();
        boolean more = false;
        try (KeyValueIterator<String, String> all = store.prefixScan(CustomerOrderKeys.prefix(customerId),
                new StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                Optional<String> orderId = CustomerOrderKeys.orderIdOf(customerId, entry.key);
                if (orderId.isEmpty()) {
                    continue;
                }
                if (!started) {
                    started = orderId.get().equals(before.get());
                    continue;
                }
                if (orders.size() == limit) {
                    more = true;
                    break;
                }
                orders.add(new Entry(orderId.get(), entry.value));
            }
        }
        Optional<String> next = more ? Optional.of(orders.get(orders.size() - 1).orderId()) : Optional.empty();
        return new Page(orders, next);
    }
}

package com.orderpipeline.tracking.customers;

import com.orderpipeline.schemas.avro.CustomerOrder;
import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The customer index: reads the order-list entries repartitioned by customer ID and keeps them in
 * {@link TrackingTopology#CUSTOMER_ORDERS_STORE} under {@link CustomerOrderKeys}, as the JSON they are answered
 * in ({@link CustomerOrdersJson#entry}), newest first, at most
 * {@code maxPerCustomer} per customer: a customer's oldest order beyond that is dropped from the list (its view
 * stays on {@code orders.tracking} and the tracking API).
 */
public final class CustomerIndex extends ContextualProcessor<String, CustomerOrder, Void, Void> {
    private final int maxPerCustomer;
    private final CustomerOrdersJson entries;
    private final ActiveStores active;
    private KeyValueStore<String, String> orders;
    private ActiveStores.Lease lease;

    /**
     * @param entries renders each entry once, as it is stored and answered
     * @param active  lent the store while the task runs here, for reads to use directly
     */
    public CustomerIndex(int maxPerCustomer, CustomerOrdersJson entries, ActiveStores active) {
        this.maxPerCustomer = maxPerCustomer;
        this.entries = entries;
        this.active = active;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        super.init(context);
        orders = context.getStateStore(TrackingTopology.CUSTOMER_ORDERS_STORE);
        lease = active.lease(context.taskId().partition(), Map.of(TrackingTopology.CUSTOMER_ORDERS_STORE, orders));
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.end();
        }
    }

    @Override
    public void process(Record<String, CustomerOrder> record) {
        lease.start();
        String customerId = record.key();
        CustomerOrder order = record.value();
        String key = CustomerOrderKeys.key(customerId, order.getPlaced().getPlacedAt(), order.getPlaced().getOrderId());
        boolean added = orders.get(key) == null;
        orders.put(key, entries.entry(order));
        if (added) {
            dropBeyondBound(customerId);
        }
    }

    private void dropBeyondBound(String customerId) {
        List<String> beyond = new ArrayList<>();
        int kept = 0;
        try (KeyValueIterator<String, String> all = orders.prefixScan(CustomerOrderKeys.prefix(customerId),
                new StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                if (CustomerOrderKeys.orderIdOf(customerId, entry.key).isEmpty()) {
                    continue;
                }
                if (++kept > maxPerCustomer) {
                    beyond.add(entry.key);
                }
            }
        }
        beyond.forEach(orders::delete);
    }
}

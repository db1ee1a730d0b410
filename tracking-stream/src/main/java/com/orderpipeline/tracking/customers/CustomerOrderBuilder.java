package com.orderpipeline.tracking.customers;

import com.orderpipeline.schemas.avro.CustomerOrder;
import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.topology.TrackingTopology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every new version of an order's tracking view into its customer's order-list entry: the view with the order
 * as placed (read from {@link TrackingTopology#DETAILS_STORE}, which the view builder writes before it forwards the
 * first view), re-keyed by customer ID for the repartition to the customer index.
 */
public final class CustomerOrderBuilder extends ContextualProcessor<String, OrderTracking, String, CustomerOrder> {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerOrderBuilder.class);

    private KeyValueStore<String, OrderPlaced> details;

    @Override
    public void init(ProcessorContext<String, CustomerOrder> context) {
        super.init(context);
        details = context.getStateStore(TrackingTopology.DETAILS_STORE);
    }

    @Override
    public void process(Record<String, OrderTracking> record) {
        OrderPlaced placed = details.get(record.key());
        if (placed == null) {
            // a view from before the details store existed: its next version, with the order, fills the list
            LOG.debug("No placed order for the view of {}; left out of its customer's list", record.key());
            return;
        }
        context().forward(record.withKey(placed.getCustomerId()).withValue(new CustomerOrder(placed, record.value())));
    }
}

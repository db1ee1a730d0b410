package com.orderpipeline.tracking.support;

import com.orderpipeline.tracking.query.ActiveStores;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what support reads of an order beyond its view in {@link TrackingTopology#SUPPORT_HISTORY_STORE}: every
 * fulfillment event, return event and refund, and every scan or request rejected for it. A re-delivered record
 * lands on its own key again and changes nothing. Rejections are bounded per order (a scanner stuck in a loop
 * must not grow one order without end): beyond {@code maxRejections} the oldest are dropped.
 */
public final class SupportHistory extends ContextualProcessor<String, SupportRecord, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SupportHistory.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final int maxRejections;
    private final ActiveStores active;
    private KeyValueStore<String, String> history;
    private ActiveStores.Lease lease;

    /** @param active lent the store while the task runs here, for reads to use directly */
    public SupportHistory(int maxRejections, ActiveStores active) {
        this.maxRejections = maxRejections;
        this.active = active;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        super.init(context);
        history = context.getStateStore(TrackingTopology.SUPPORT_HISTORY_STORE);
        lease = active.lease(context.taskId().partition(), Map.of(TrackingTopology.SUPPORT_HISTORY_STORE, history));
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.end();
        }
    }

    @Override
    public void process(Record<String, SupportRecord> record) {
        lease.start();
        String orderId = record.key();
        SupportRecord entry = record.value();
        if (orderId == null || entry == null) {
            return; // a record without a key or value: the view builder reports it
        }
        String key = SupportHistoryKeys.key(orderId, entry);
        boolean known = history.get(key) != null;
        history.put(key, entry.json());
        if (entry.kind() == SupportRecord.Kind.REJECTION && !known) {
            dropOldRejections(orderId);
        }
    }

    private void dropOldRejections(String orderId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> rejections = history.prefixScan(
                SupportHistoryKeys.prefix(orderId, SupportRecord.Kind.REJECTION), KEYS)) {
            rejections.forEachRemaining(entry -> keys.add(entry.key));
        }
        int excess = keys.size() - maxRejections;
        if (excess > 0) {
            keys.subList(0, excess).forEach(history::delete);
            LOG.debug("Order {} has more than {} rejected scans and requests; dropped the oldest", orderId, maxRejections);
        }
    }
}

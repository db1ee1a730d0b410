package com.orderpipeline.tracking.support;

import com.orderpipeline.schemas.avro.OrderPlaced;
import com.orderpipeline.schemas.avro.OrderTracking;
import com.orderpipeline.tracking.query.OwnedReads;
import com.orderpipeline.tracking.topology.TrackingTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The support view of an order, wherever the order is owned ({@link OwnedReads}): its details, view and support
 * history, all three in the order's partition, read together and rendered by {@link SupportView}.
 */
public final class SupportQueries {
    private static final StringSerializer KEYS = new StringSerializer();

    private final OwnedReads reads;
    private final SupportView views;

    public SupportQueries(OwnedReads reads, SupportView views) {
        this.reads = reads;
        this.views = views;
    }

    /** The support view's JSON, empty for an order this pipeline has not seen placed. */
    public CompletableFuture<OwnedReads.Answer<Optional<String>>> find(String orderId, boolean forwarded,
                                                                       String authorization) {
        return reads.find(TrackingTopology.VIEW_STORE, orderId, "this order", forwarded, "/support/orders/" + orderId,
                authorization, stores -> read(views, stores.keyValue(TrackingTopology.DETAILS_STORE),
                        stores.keyValue(TrackingTopology.VIEW_STORE),
                        stores.keyValue(TrackingTopology.SUPPORT_HISTORY_STORE), orderId));
    }

    /** The support view of one order from the stores of its partition; empty when it has not been placed. */
    static Optional<String> read(SupportView views, ReadOnlyKeyValueStore<String, OrderPlaced> details,
                                 ReadOnlyKeyValueStore<String, OrderTracking> trackingViews,
                                 ReadOnlyKeyValueStore<String, String> history, String orderId) {
        OrderPlaced order = details.get(orderId);
        OrderTracking view = trackingViews.get(orderId);
        if (order == null || view == null) {
            return Optional.empty();
        }
        return Optional.of(views.render(order, view, historyOf(history, orderId)));
    }

    private static List<KeyValue<String, String>> historyOf(ReadOnlyKeyValueStore<String, String> store, String orderId) {
        List<KeyValue<String, String>> records = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.prefixScan(SupportHistoryKeys.prefix(orderId), KEYS)) {
            all.forEachRemaining(records::add);
        }
        return records;
    }
}

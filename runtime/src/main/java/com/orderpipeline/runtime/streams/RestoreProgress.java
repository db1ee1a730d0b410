package com.orderpipeline.runtime.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How far the restoration of state stores from their changelogs has come: records restored and records to
 * restore, summed over the restorations under way. Feeds devstack's progress bar and the logs.
 */
public final class RestoreProgress implements StateRestoreListener {
    private record Key(TopicPartition partition, String store) {
    }

    private record Restoration(long total, long restored) {
    }

    private final Map<Key, Restoration> underWay = new ConcurrentHashMap<>();

    /** Records restored and records to restore; both 0 when nothing is being restored. */
    public record Figures(long restored, long total) {
    }

    public Figures figures() {
        long restored = 0;
        long total = 0;
        for (Restoration restoration : underWay.values()) {
            restored += restoration.restored();
            total += restoration.total();
        }
        return new Figures(restored, total);
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        underWay.put(new Key(partition, store), new Restoration(Math.max(0, endingOffset - startingOffset), 0));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        underWay.computeIfPresent(new Key(partition, store),
                (key, r) -> new Restoration(r.total(), Math.min(r.total(), r.restored() + numRestored)));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        underWay.remove(new Key(partition, store));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        underWay.remove(new Key(partition, store));
    }
}

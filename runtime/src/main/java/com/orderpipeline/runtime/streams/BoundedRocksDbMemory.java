package com.orderpipeline.runtime.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the memory of every RocksDB store in the JVM together: one block cache and one write-buffer budget
 * shared by all stores, with index and filter blocks counted in the cache. Without it each store takes its
 * own defaults and a JVM with many partitions grows without bound.
 *
 * <p>The cache and budget are static on purpose: RocksDB's shared-cache pattern needs one instance per JVM,
 * which Kafka Streams' per-store config setter can only reach that way.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Total off-heap memory for all stores' blocks and memtables. */
    static final long TOTAL_BYTES = 64L * 1024 * 1024;
    static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(4L * 1024 * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the shared cache and budget outlive any one store
    }
}

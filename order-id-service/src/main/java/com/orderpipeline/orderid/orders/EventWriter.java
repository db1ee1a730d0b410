package com.orderpipeline.orderid.orders;

import java.util.concurrent.CompletableFuture;

/** Writes one keyed record; the future completes when Kafka acknowledged it, or exceptionally when it did not. */
@FunctionalInterface
public interface EventWriter<V> {
    CompletableFuture<Void> write(String key, V value);
}

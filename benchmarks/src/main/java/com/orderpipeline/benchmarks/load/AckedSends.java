package com.orderpipeline.benchmarks.load;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The sends of a load run's pre-load, in large batches, each acknowledged by the broker: a run on records that did
 * not all arrive would measure nothing, so {@link #requireAll()} fails it with the first error.
 */
public final class AckedSends implements Callback {
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** The producers' configuration: every send acknowledged by all replicas, batched for throughput. */
    public static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
    }

    /** Call after the producers are flushed or closed. */
    public void requireAll() {
        if (failure.get() != null) {
            throw new IllegalStateException("Pre-loading the load run's records failed", failure.get());
        }
    }
}

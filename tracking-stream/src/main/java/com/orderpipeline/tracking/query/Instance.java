package com.orderpipeline.tracking.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * This running instance of the application: its Kafka Streams and the {@code application.server} it announced
 * to the others, which is how they find it.
 */
public record Instance(KafkaStreams streams, HostInfo self) {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    /** {@code host:port}, as answers and forwarded requests name the instance. */
    public String selfName() {
        return self.host() + ":" + self.port();
    }

    /**
     * Which instance owns {@code key} in {@code store} now: {@link KeyQueryMetadata#NOT_AVAILABLE} while no one
     * does (a rebalance), or when Kafka Streams stopped meanwhile, never null.
     */
    public KeyQueryMetadata ownerOf(String store, String key) {
        try {
            KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, KEYS);
            return owner == null ? KeyQueryMetadata.NOT_AVAILABLE : owner;
        } catch (StreamsException | IllegalStateException stoppedMeanwhile) {
            return KeyQueryMetadata.NOT_AVAILABLE;
        }
    }
}

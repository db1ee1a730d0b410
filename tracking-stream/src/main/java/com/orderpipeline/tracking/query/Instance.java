package com.orderpipeline.tracking.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * This running instance of the application: its Kafka Streams and the {@code application.server} it announced
 * to the others, which is how they find it.
 */
public record Instance(KafkaStreams streams, HostInfo self) {

    /** {@code host:port}, as answers and forwarded requests name the instance. */
    public String selfName() {
        return self.host() + ":" + self.port();
    }
}

package com.orderpipeline.runtime.http;

import java.util.Map;

/**
 * Whether a service can do its work now, with a line per component (for example the Kafka Streams state or
 * the producer) so an operator sees why it is not ready.
 */
public record Health(boolean up, Map<String, String> components) {
    public Health {
        components = Map.copyOf(components);
    }

    public static Health down(Map<String, String> components) {
        return new Health(false, components);
    }
}

package com.orderpipeline.runtime.kafka;

import java.util.Map;
import java.util.Optional;

/**
 * A topic a service writes and therefore creates when it is missing.
 *
 * @param partitions empty for the service's configured default
 * @param configs    topic configs such as {@code cleanup.policy=compact}
 */
public record TopicSpec(String name, Optional<Integer> partitions, Map<String, String> configs) {
    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public static TopicSpec of(String name) {
        return new TopicSpec(name, Optional.empty(), Map.of());
    }

    public TopicSpec withPartitions(int count) {
        return new TopicSpec(name, Optional.of(count), configs);
    }

    public TopicSpec withConfig(String key, String value) {
        Map<String, String> merged = new java.util.HashMap<>(configs);
        merged.put(key, value);
        return new TopicSpec(name, partitions, merged);
    }
}

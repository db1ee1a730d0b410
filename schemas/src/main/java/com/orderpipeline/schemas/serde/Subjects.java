package com.orderpipeline.schemas.serde;

/** Confluent's TopicNameStrategy: the subject of a topic's values is {@code <topic>-value}, of its keys {@code <topic>-key}. */
public final class Subjects {
    private Subjects() {
    }

    public static String subject(String topic, boolean forKeys) {
        return topic + (forKeys ? "-key" : "-value");
    }

    public static String valueSubject(String topic) {
        return subject(topic, false);
    }

    /**
     * The subject of a Kafka Streams state store's values: Streams serializes them for the store's changelog
     * topic, {@code <application.id>-<store>-changelog}.
     */
    public static String storeValueSubject(String applicationId, String storeName) {
        return valueSubject(applicationId + "-" + storeName + "-changelog");
    }
}

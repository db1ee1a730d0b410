package com.orderpipeline.tracking.testing;

import com.orderpipeline.schemas.topics.TopicNames;

/** Topic names of a test's own, so tests share one broker without seeing each other's records. */
public final class TestTopics {
    private TestTopics() {
    }

    public static TopicNames named(String suffix) {
        return TopicNames.suffixed(suffix);
    }
}

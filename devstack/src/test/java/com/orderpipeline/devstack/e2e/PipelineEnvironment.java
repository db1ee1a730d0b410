package com.orderpipeline.devstack.e2e;

/**
 * Where a whole pipeline runs for an end-to-end test: the public addresses a shop, a warehouse and a tracking
 * page use. One scenario runs against each implementation: the embedded broker and registry, or containers.
 */
interface PipelineEnvironment extends AutoCloseable {

    /** Base URL of order-id-service, e.g. {@code http://localhost:8080}. */
    String orderApi();

    /** A {@code shop} token of the pipeline's {@code API_TOKENS}, for placing, cancelling and returning. */
    String shopToken();

    /** Base URL of tracking-stream. */
    String trackingApi();

    /** Kafka's bootstrap servers as a client outside the pipeline reaches them. */
    String bootstrapServers();

    /** The schema registry's URL as a client outside the pipeline reaches it. */
    String registryUrl();

    @Override
    void close();
}

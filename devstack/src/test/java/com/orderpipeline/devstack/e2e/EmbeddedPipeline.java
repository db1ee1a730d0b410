package com.orderpipeline.devstack.e2e;

import com.orderpipeline.devstack.DevStackHarness;
import java.nio.file.Path;

/** The pipeline as devstack runs it in-process, on the embedded broker and registry, simulators off. */
final class EmbeddedPipeline implements PipelineEnvironment {
    private final DevStackHarness devstack;

    EmbeddedPipeline(Path dataDir) {
        this.devstack = DevStackHarness.start(dataDir, false);
    }

    @Override
    public String orderApi() {
        return devstack.orderApi();
    }

    @Override
    public String shopToken() {
        return devstack.shopToken();
    }

    @Override
    public String trackingApi() {
        return devstack.trackingApi();
    }

    @Override
    public String bootstrapServers() {
        return devstack.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return devstack.registryUrl();
    }

    @Override
    public void close() {
        devstack.close();
    }
}

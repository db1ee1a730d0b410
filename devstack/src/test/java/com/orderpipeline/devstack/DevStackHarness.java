package com.orderpipeline.devstack;

import com.orderpipeline.devstack.mail.MailSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** devstack started in-process for a test: free ports, a data directory of the test's, simulators on or off. */
public final class DevStackHarness implements AutoCloseable {
    private final DevStack devstack = new DevStack();

    private DevStackHarness() {
    }

    public static DevStackHarness start(Path dataDir, boolean simulators) {
        DevStackHarness harness = new DevStackHarness();
        DevStack d = harness.devstack;
        d.dataDir = dataDir;
        d.services = new String[]{"all"};
        d.noSimulators = !simulators;
        d.ordersPerSecond = 4;
        d.faultyScans = 0.05;
        d.cancellations = 0.03;
        // a return from every fifth order, so that refunds show within a minute of the first deliveries
        d.returnShare = 0.2;
        d.host = "localhost";
        d.kafkaPort = freePort();
        d.registryPort = freePort();
        d.orderIdPort = freePort();
        d.fulfillmentPort = freePort();
        d.trackingPort = freePort();
        d.returnsPort = freePort();
        d.mail = MailSetup.onPorts(freePort(), freePort(), freePort());
        try {
            d.start(ServiceSelection.parse("all"));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return harness;
    }

    public String orderApi() {
        return "http://localhost:" + devstack.orderIdPort;
    }

    /** A shop token of this devstack's, for calls that need one. */
    public String shopToken() {
        return devstack.shopToken;
    }

    /** A support token of this devstack's: what an agent logs in to the support desk with. */
    public String supportToken() {
        return devstack.supportToken;
    }

    public String trackingApi() {
        return "http://localhost:" + devstack.trackingPort;
    }

    /** The mailbox page: every e-mail the notifier sent. */
    public String mailboxUrl() {
        return devstack.mail.mailboxUrl();
    }

    public String bootstrapServers() {
        return "localhost:" + devstack.kafkaPort;
    }

    public String registryUrl() {
        return "http://localhost:" + devstack.registryPort;
    }

    @Override
    public void close() {
        devstack.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

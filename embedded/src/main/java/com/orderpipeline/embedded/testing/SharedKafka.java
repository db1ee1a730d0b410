package com.orderpipeline.embedded.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Kafka broker and schema registry per test JVM, started by the first test class that asks for
 * them and closed when the JVM's test run ends. Tests that share it use their own topic names and
 * application ids.
 *
 * <pre>{@code
 * @ExtendWith(SharedKafka.class)
 * class OrderFlowIT {
 *     String bootstrap = SharedKafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class SharedKafka implements BeforeAllCallback {
    private static Instance instance;

    /** Closed with the root extension context, at the end of the JVM's test run. */
    private record Instance(TemporaryKafka kafka) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kafka.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    private static synchronized void start(ExtensionContext context) {
        if (instance != null) {
            return;
        }
        instance = new Instance(TemporaryKafka.start("shared-kafka-"));
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedKafka.class.getName(), instance);
    }

    public static String bootstrapServers() {
        return running().kafka().bootstrapServers();
    }

    public static String registryUrl() {
        return running().kafka().registryUrl();
    }

    private static synchronized Instance running() {
        if (instance == null) {
            throw new IllegalStateException("The shared broker is not running: annotate the test class with "
                    + "@ExtendWith(SharedKafka.class)");
        }
        return instance;
    }
}

package com.orderpipeline.embedded.testing;

import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
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

    private record Instance(Path dir, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try (EmbeddedKafkaBroker closingBroker = broker; EmbeddedSchemaRegistry closingRegistry = registry) {
                // registry first, then the broker it writes to: try-with-resources closes in reverse order
            } finally {
                deleteRecursively(dir);
            }
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
        Path dir;
        try {
            dir = Files.createTempDirectory("shared-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir);
        EmbeddedSchemaRegistry registry;
        try {
            registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        instance = new Instance(dir, broker, registry);
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedKafka.class.getName(), instance);
    }

    public static String bootstrapServers() {
        return running().broker().bootstrapServers();
    }

    public static String registryUrl() {
        return running().registry().url();
    }

    private static synchronized Instance running() {
        if (instance == null) {
            throw new IllegalStateException("The shared broker is not running: annotate the test class with "
                    + "@ExtendWith(SharedKafka.class)");
        }
        return instance;
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test run for
        }
    }
}

package com.orderpipeline.embedded.testing;

import com.orderpipeline.embedded.kafka.EmbeddedKafkaBroker;
import com.orderpipeline.embedded.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An embedded Kafka broker and schema registry in a temporary directory, for tests and benchmarks: started
 * together, and on {@link #close()} stopped (the registry first, then the broker it writes to) and the directory
 * deleted.
 */
public final class TemporaryKafka implements AutoCloseable {
    private final Path dir;
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private TemporaryKafka(Path dir, EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.dir = dir;
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts both in a new temporary directory named with {@code prefix}; nothing is left behind if one fails. */
    public static TemporaryKafka start(String prefix) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker broker = null;
        try {
            broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
            return new TemporaryKafka(dir, broker, EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0));
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            deleteRecursively(dir);
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** The temporary directory, for other state that should go with it (Kafka Streams state directories). */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try (EmbeddedKafkaBroker closingBroker = broker; EmbeddedSchemaRegistry closingRegistry = registry) {
            // registry first, then the broker it writes to: try-with-resources closes in reverse order
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a run for
        }
    }
}

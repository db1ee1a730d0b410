package com.orderpipeline.embedded.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: one node in KRaft mode acting as broker and controller, its data
 * under a directory of the caller's. A directory that already holds a formatted log is reused, so a restart
 * on the same directory keeps every topic and offset.
 *
 * <p>The broker's threads are not daemons: always {@link #close()} it, also when start-up fails.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String host;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, String host, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats the directory if it is new, starts the broker and waits until it answers.
     *
     * @param port the client port; 0 picks a free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, String host, int port) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.toAbsolutePath(), host,
                port == 0 ? KRaftNode.freePort() : port, KRaftNode.freePort());
        try {
            broker.startServer();
            return broker;
        } catch (RuntimeException | Error e) {
            broker.close();
            throw e;
        }
    }

    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, "localhost", 0);
    }

    private void startServer() {
        long started = System.nanoTime();
        KRaftNode node = new KRaftNode(1, host, port, controllerPort, host + ":" + controllerPort,
                dataDir.resolve("kafka-logs"), 1);
        if (!node.formatted()) {
            node.format(dataDir, Uuid.randomUuid().toString(), "--standalone");
        }
        server = new KafkaRaftServer(new KafkaConfig(node.config(), false), Time.SYSTEM);
        server.startup();
        awaitReady();
        LOG.info("Kafka broker ready on {} in {} ms (data in {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), node.logDir());
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("The Kafka broker on " + bootstrapServers() + " did not answer within "
                    + READY_TIMEOUT.toSeconds() + " s: " + e, e);
        }
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
            LOG.info("Kafka broker on {} stopped", bootstrapServers());
        }
    }
}

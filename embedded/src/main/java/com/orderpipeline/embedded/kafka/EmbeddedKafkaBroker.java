package com.orderpipeline.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
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
                port == 0 ? freePort() : port, freePort());
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
        Path logDir = dataDir.resolve("kafka-logs");
        Properties config = config(logDir);
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Kafka's data directory " + logDir, e);
        }
        server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        awaitReady();
        LOG.info("Kafka broker ready on {} in {} ms (data in {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDir);
    }

    private Properties config(Path logDir) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.bootstrap.servers", host + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + host + ":" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                // A single node: every internal topic must make do with one replica, or groups and
                // transactions wait forever for replicas that never come.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The services create their topics with the partition counts they need; a typo in a topic
                // name should fail loudly, not create a stray topic.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("log.cleaner.dedupe.buffer.size", Long.toString(8L * 1024 * 1024))));
        return config;
    }

    private void format(Properties config) throws IOException {
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "Embedded Kafka broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[]{"format", "--standalone", "-t", Uuid.randomUuid().toString(),
                "-c", configFile.toString()}, print);
        }
        if (code != 0) {
            throw new IllegalStateException("Formatting Kafka's storage in " + dataDir + " failed (exit code " + code
                    + "): " + output.toString(StandardCharsets.UTF_8));
        }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}

package com.orderpipeline.embedded.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of one node of an {@link EmbeddedKafkaCluster}, run in a JVM of its own so that the cluster
 * can kill it with SIGKILL, as a crash would. It starts the node from the formatted {@code server.properties}
 * that {@code NODE_CONFIG} names; SIGTERM stops it cleanly.
 *
 * <p>It also stops, at once, when its standard input is closed: that happens when the JVM that started it is
 * gone, and a node left behind would hold its ports and keep a core busy.
 */
public final class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private ClusterNode() {
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        Path configFile = Path.of(System.getenv("NODE_CONFIG"));
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(configFile)) {
            config.load(in);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "node-shutdown"));
        try {
            server.startup();
        } catch (RuntimeException e) {
            LOG.error("Node {} could not start", config.getProperty("node.id"), e);
            Runtime.getRuntime().halt(1);
        }
        LOG.info("Node {} serving on {} in {} ms", config.getProperty("node.id"), config.getProperty("listeners"),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        while (System.in.read() != -1) {
            // nothing is ever sent; the read returns at end of stream only
        }
        LOG.warn("Node {} stops: the JVM that started it is gone", config.getProperty("node.id"));
        Runtime.getRuntime().halt(1);
    }
}

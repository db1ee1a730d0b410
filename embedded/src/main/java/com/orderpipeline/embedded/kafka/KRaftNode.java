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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;

/**
 * The settings and storage format of one KRaft node acting as broker and controller, shared by the single
 * {@link EmbeddedKafkaBroker} and the nodes of an {@link EmbeddedKafkaCluster}.
 *
 * @param quorumBootstrap the controller endpoints of every voter, {@code host:port,host:port}
 * @param clusterSize     how many nodes the cluster has: the replicas of internal and default topics
 */
record KRaftNode(int nodeId, String host, int port, int controllerPort, String quorumBootstrap, Path logDir,
                 int clusterSize) {

    Properties config() {
        // Two replicas must acknowledge a write where there are more nodes than one, so that one node lost
        // never loses an acknowledged record and one node down never stops the writes.
        String minInSync = Integer.toString(Math.min(2, clusterSize));
        String replicas = Integer.toString(clusterSize);
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", Integer.toString(nodeId)),
                Map.entry("controller.quorum.bootstrap.servers", quorumBootstrap),
                Map.entry("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                // Internal topics with fewer replicas than nodes would wait forever for replicas that never
                // come on a single node, and lose the groups' offsets and open transactions with one node in a
                // cluster.
                Map.entry("offsets.topic.replication.factor", replicas),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", replicas),
                Map.entry("transaction.state.log.min.isr", minInSync),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", replicas),
                Map.entry("share.coordinator.state.topic.min.isr", minInSync),
                Map.entry("default.replication.factor", replicas),
                Map.entry("min.insync.replicas", minInSync),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // A starting broker is unfenced, and so serves, after heartbeats to the controller: every 0.5 s
                // instead of 2 s takes seconds off each start. A broker silent for 4 s (Kafka's default: 9 s) is
                // declared dead, its partitions get new leaders, and a restarted one may register again: a
                // crashed node costs 5 s less, and eight missed heartbeats are still no hiccup.
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("broker.session.timeout.ms", "4000"),
                // The services create their topics with the partition counts they need; a typo in a topic
                // name should fail loudly, not create a stray topic.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("log.cleaner.dedupe.buffer.size", Long.toString(8L * 1024 * 1024))));
        return config;
    }

    /**
     * Writes the node's {@code server.properties} into {@code dir} and formats its log directory for the cluster.
     *
     * @param quorum how the first voters are given: {@code --standalone}, or {@code --initial-controllers} and
     *               the list, the same on every node
     * @return the properties file, to start the node with
     */
    Path format(Path dir, String clusterId, String... quorum) {
        Path configFile = dir.resolve("server.properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try {
            Files.createDirectories(logDir);
            try (OutputStream out = Files.newOutputStream(configFile)) {
                config().store(out, "KRaft node " + nodeId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Kafka's data directory " + logDir, e);
        }
        List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile.toString()));
        arguments.addAll(List.of(quorum));
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(arguments.toArray(String[]::new), print);
        }
        if (code != 0) {
            throw new IllegalStateException("Formatting Kafka's storage in " + logDir + " failed (exit code " + code
                    + "): " + output.toString(StandardCharsets.UTF_8));
        }
        return configFile;
    }

    boolean formatted() {
        return Files.exists(logDir.resolve("meta.properties"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}

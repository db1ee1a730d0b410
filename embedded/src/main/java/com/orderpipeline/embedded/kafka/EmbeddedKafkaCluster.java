package com.orderpipeline.embedded.kafka;

import com.orderpipeline.embedded.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three real Apache Kafka nodes in KRaft mode on this host, each broker and controller, for the tests of what a
 * crash does: a quorum of three voters, and internal and default topics with three replicas of which two must
 * acknowledge a write ({@code min.insync.replicas=2}), so one node may be lost at a time.
 *
 * <p>Each node is a JVM of its own ({@link ClusterNode} run as a {@link ServiceProcess}, 384 MiB of heap), its
 * data and output ({@code node-<id>-<start>.log}) in a directory of the caller's; a node stops by itself when the
 * JVM that started it is gone. {@link #kill} stops one with SIGKILL, as a crash would: no controlled shutdown,
 * no leadership moved away first, nothing flushed; the other nodes notice only when its heartbeats stop, after
 * the broker session timeout (4 s here, Kafka's default 9 s). {@link #restart} starts it again on the same ports and data
 * directory, as an operator would after the crash; it serves once the cluster has declared its old incarnation
 * dead.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    public static final int SIZE = 3;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String HOST = "localhost";
    /**
     * The client compiler only: three brokers starting at once on a small machine spend much of their start
     * compiling; with the client compiler alone the cluster was ready in 14-16 s instead of 21-26 s on two busy
     * cores, and a test's traffic never needs faster code.
     */
    private static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    private final List<ClusterMember> members;
    private Admin admin;

    private EmbeddedKafkaCluster(List<ClusterMember> members) {
        this.members = members;
    }

    /** One node: its settings, formatted directory and the JVM it runs in while it runs. */
    private static final class ClusterMember {
        final KRaftNode node;
        final Path dir;
        final Path configFile;
        ServiceProcess process;
        int starts;

        ClusterMember(KRaftNode node, Path dir, Path configFile) {
            this.node = node;
            this.dir = dir;
            this.configFile = configFile;
        }

        String bootstrap() {
            return HOST + ":" + node.port();
        }

        boolean running() {
            return process != null && process.isAlive();
        }

        void launch() {
            starts++;
            process = ServiceProcess.launch(ClusterNode.class, Map.of("NODE_CONFIG", configFile.toString(),
                    "JAVA_TOOL_OPTIONS", JVM_OPTIONS), dir.resolve("node-" + node.nodeId() + "-" + starts + ".log"));
        }
    }

    /** Formats three nodes under the new directory {@code dataDir}, starts them and waits until each serves. */
    public static EmbeddedKafkaCluster start(Path dataDir) {
        long started = System.nanoTime();
        int[] ports = IntStream.range(0, SIZE).map(i -> KRaftNode.freePort()).toArray();
        int[] controllerPorts = IntStream.range(0, SIZE).map(i -> KRaftNode.freePort()).toArray();
        String quorumBootstrap = IntStream.of(controllerPorts).mapToObj(port -> HOST + ":" + port)
                .collect(Collectors.joining(","));
        // A voter's directory id names its metadata log; every node is formatted with the same three.
        String initialControllers = IntStream.range(0, SIZE).mapToObj(i -> (i + 1) + "@" + HOST + ":"
                + controllerPorts[i] + ":" + Uuid.randomUuid()).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<ClusterMember> members = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            Path dir = dataDir.toAbsolutePath().resolve("node-" + (i + 1));
            KRaftNode node = new KRaftNode(i + 1, HOST, ports[i], controllerPorts[i], quorumBootstrap,
                    dir.resolve("kafka-logs"), SIZE);
            members.add(new ClusterMember(node, dir, node.format(dir, clusterId, "--initial-controllers", initialControllers)));
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(members);
        try {
            members.forEach(ClusterMember::launch);
            members.forEach(cluster::awaitServing);
            cluster.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        LOG.info("Kafka cluster of {} nodes ready on {} in {} ms (data in {})", SIZE, cluster.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDir);
        return cluster;
    }

    /** Every node's client endpoint, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return members.stream().map(ClusterMember::bootstrap).collect(Collectors.joining(","));
    }

    public List<Integer> nodeIds() {
        return members.stream().map(member -> member.node.nodeId()).toList();
    }

    /** The node that leads the metadata quorum now: the active controller. */
    public int controllerLeader() {
        return get(admin.describeMetadataQuorum().quorumInfo()).leaderId();
    }

    /** The brokers the cluster's metadata lists as alive (registered and not fenced) now. */
    public Set<Integer> liveBrokers() {
        return get(admin.describeCluster().nodes()).stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The partitions, internal topics' included, with fewer replicas in sync than they have. */
    public Set<TopicPartition> underReplicatedPartitions() {
        Set<String> topics = get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        return get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .filter(partition -> partition.isr().size() < partition.replicas().size())
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .collect(Collectors.toSet());
    }

    public boolean isRunning(int nodeId) {
        return member(nodeId).running();
    }

    /** SIGKILL to the node's JVM, and waits until it is gone. */
    public void kill(int nodeId) {
        ClusterMember member = member(nodeId);
        if (member.process != null) {
            member.process.kill();
        }
        LOG.info("Kafka node {} killed", nodeId);
    }

    /** Starts a killed node again on its ports and data directory, and waits until it serves clients. */
    public void restart(int nodeId) {
        ClusterMember member = member(nodeId);
        if (member.running()) {
            throw new IllegalStateException("Kafka node " + nodeId + " is running; kill it first");
        }
        member.launch();
        awaitServing(member);
    }

    /** The last lines the node wrote since it was last started, to print when a test fails. */
    public String tail(int nodeId, int lines) {
        ClusterMember member = member(nodeId);
        return member.process == null ? "" : member.process.tail(lines);
    }

    /** Kills every node: the data directory is left as a power cut would leave it. */
    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        members.forEach(member -> kill(member.node.nodeId()));
    }

    /** Blocks until the node's broker answers a client; its listener opens once the node has joined the cluster. */
    private void awaitServing(ClusterMember member) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin probe = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, member.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis()))) {
            probe.describeCluster().nodes().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka node " + member.node.nodeId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka node " + member.node.nodeId() + " on " + member.bootstrap()
                    + " did not answer within " + READY_TIMEOUT.toSeconds() + " s (" + e + "); its log ends:\n"
                    + member.process.tail(40), e);
        }
    }

    private ClusterMember member(int nodeId) {
        return members.stream().filter(member -> member.node.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Kafka node " + nodeId + " in " + nodeIds()));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the Kafka cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The Kafka cluster did not answer: " + e, e);
        }
    }
}

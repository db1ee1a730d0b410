package com.orderpipeline.orderid.health;

import com.orderpipeline.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Whether Kafka can take the service's writes, found out in the background: every few seconds it asks for the
 * topics the service writes and checks that each partition has a leader. Readiness reads the last answer, so
 * {@code /health/ready} never waits on the broker, and it turns UP again on its own once Kafka is back, with no
 * order needed to find out. A failed write reported by the service turns it DOWN at once, until a probe that
 * started after the failure succeeds.
 */
public final class KafkaProbe implements AutoCloseable {
    private record State(String failure, long sinceNanos) {
    }

    private final Admin admin;
    private final List<String> topics;
    private final Duration timeout;
    private final AtomicReference<State> state = new AtomicReference<>(new State("not probed yet", System.nanoTime()));
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-probe");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param topics   the topics whose partitions must all have a leader
     * @param interval the time between two probes
     * @param timeout  how long one probe may take before it counts as a failure
     */
    public KafkaProbe(KafkaSettings kafka, Collection<String> topics, Duration interval, Duration timeout) {
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
        this.admin = Admin.create(kafka.with(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "order-id-service-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())));
        probe(); // at start, so readiness is known before the first request asks
        background.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why Kafka is not usable now; empty while it is. */
    public Optional<String> failure() {
        return Optional.ofNullable(state.get().failure());
    }

    /** Marks Kafka DOWN now, because a write failed; the next successful probe clears it. */
    public void reportFailure(String reason) {
        state.set(new State(reason, System.nanoTime()));
    }

    private void probe() {
        long started = System.nanoTime();
        String failure;
        try {
            failure = leaderless(admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failure = "Kafka did not answer within " + timeout.toMillis() + " ms: " + cause.getMessage();
        }
        String result = failure;
        // a write that failed while this probe ran is newer news than the probe's success
        state.updateAndGet(current -> result == null && current.sinceNanos() - started > 0
                ? current : new State(result, started));
    }

    private static String leaderless(Collection<TopicDescription> descriptions) {
        for (TopicDescription topic : descriptions) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return "partition " + partition.partition() + " of " + topic.name() + " has no leader";
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        background.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}

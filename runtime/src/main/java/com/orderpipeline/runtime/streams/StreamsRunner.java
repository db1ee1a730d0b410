package com.orderpipeline.runtime.streams;

import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one {@link KafkaStreams} instance: a state listener that logs every change, a thread that dies
 * on an unexpected error replaced rather than the application stopped, a bounded wait for RUNNING, readiness
 * for {@code /health/ready}, and a bounded close.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final KafkaStreams streams;
    private final CloseOptions.GroupMembershipOperation onClose;
    private final CountDownLatch running = new CountDownLatch(1);
    private final RestoreProgress restoreProgress = new RestoreProgress();

    private StreamsRunner(Topology topology, Properties properties) {
        this.streams = new KafkaStreams(topology, properties);
        this.onClose = onClose(properties);
    }

    /**
     * Creates and starts the streams; does not wait for RUNNING (see {@link #awaitRunning}). If the start fails,
     * the streams are closed before the error is thrown.
     */
    public static StreamsRunner start(Topology topology, Properties properties, ServiceMetrics metrics) {
        StreamsRunner runner = new StreamsRunner(topology, properties);
        try {
            runner.streams.setStateListener((now, before) -> {
                LOG.info("Kafka Streams {} went from {} to {}", properties.get("application.id"), before, now);
                if (now == KafkaStreams.State.RUNNING) {
                    runner.running.countDown();
                }
            });
            runner.streams.setUncaughtExceptionHandler(error -> {
                LOG.error("A stream thread failed; replacing it", error);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            runner.streams.setGlobalStateRestoreListener(runner.restoreProgress);
            metrics.bind(runner.streams);
            runner.streams.start();
            return runner;
        } catch (RuntimeException e) {
            runner.streams.close(Duration.ZERO);
            throw e;
        }
    }

    /** Waits, at most {@code timeout}, until the streams first reach RUNNING; false if they did not. */
    public boolean awaitRunning(Duration timeout) {
        try {
            return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** How far restoring the state stores has come; devstack shows it as a progress bar. */
    public RestoreProgress.Figures restoreProgress() {
        return restoreProgress.figures();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Ready only while RUNNING. */
    public Health health() {
        KafkaStreams.State state = streams.state();
        String line = state == KafkaStreams.State.RUNNING ? "UP" : "DOWN: " + state;
        return new Health(state == KafkaStreams.State.RUNNING, Map.of("kafkaStreams", line));
    }

    /**
     * Stops the streams within 30 seconds. Leaves the consumer group, so that the group rebalances at once (the
     * other instances take the partitions over, or this one gets them back as soon as it restarts) instead of
     * waiting out the session timeout, unless the instance is a static member ({@code group.instance.id}, i.e.
     * {@code KAFKA_GROUP_INSTANCE_ID}): a static member that restarts within the session timeout gets its tasks
     * back with no rebalance at all, which leaving would undo.
     */
    private static CloseOptions.GroupMembershipOperation onClose(Properties properties) {
        boolean staticMember = properties.stringPropertyNames().stream()
                .anyMatch(name -> name.endsWith(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        return staticMember ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    }

    @Override
    public void close() {
        if (!streams.close(CloseOptions.groupMembershipOperation(onClose).withTimeout(Duration.ofSeconds(30)))) {
            LOG.warn("Kafka Streams did not stop within 30 s");
        }
    }
}

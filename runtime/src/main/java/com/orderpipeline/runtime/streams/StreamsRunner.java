package com.orderpipeline.runtime.streams;

import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.lifecycle.Backoff;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The life of one {@link KafkaStreams} instance: a state listener that logs every change, a stream thread that
 * fails replaced after a backoff rather than the application stopped, a bounded wait for RUNNING, liveness and
 * readiness for {@code /health/live} and {@code /health/ready}, and a bounded close.
 *
 * <p>A thread fails on purpose when the schema registry or a broker cannot answer (see
 * {@link DeadLetterHandlers}): its tasks are closed without committing, so the record that could not be read is
 * read again by the thread that replaces it. The backoff (0.5 s doubling to 30 s) keeps an outage from turning
 * into a busy loop of rebalances.
 *
 * <p>Before the first streams start, a plain English default format locale becomes {@code en_US}
 * ({@link FormatLocale}): Kafka Streams formats a text per record with it.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final KafkaStreams streams;
    private final CloseOptions.GroupMembershipOperation onClose;
    private final CountDownLatch running = new CountDownLatch(1);
    private final RestoreProgress restoreProgress = new RestoreProgress();
    private final Backoff threadBackoff = Backoff.of(Duration.ofMillis(500), Duration.ofSeconds(30));
    private final List<KafkaStreams.StateListener> stateListeners = new CopyOnWriteArrayList<>();

    private StreamsRunner(Topology topology, Properties properties) {
        this.streams = new KafkaStreams(topology, properties);
        this.onClose = onClose(properties);
    }

    /**
     * Creates and starts the streams; does not wait for RUNNING (see {@link #awaitRunning}). If the start fails,
     * the streams are closed before the error is thrown.
     */
    public static StreamsRunner start(Topology topology, Properties properties, ServiceMetrics metrics) {
        FormatLocale.preferUsEnglish();
        StreamsRunner runner = new StreamsRunner(topology, properties);
        try {
            runner.streams.setStateListener((now, before) -> {
                LOG.info("Kafka Streams {} went from {} to {}", properties.get("application.id"), before, now);
                if (now == KafkaStreams.State.RUNNING) {
                    runner.running.countDown();
                }
                runner.stateListeners.forEach(listener -> listener.onChange(now, before));
            });
            runner.streams.setUncaughtExceptionHandler(runner::replaceThreadAfterBackoff);
            runner.streams.setGlobalStateRestoreListener(runner.restoreProgress);
            metrics.bind(runner.streams);
            runner.streams.start();
            return runner;
        } catch (RuntimeException e) {
            runner.streams.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Called on the failing thread, before it closes its tasks; the wait holds its replacement back, and the
     * failing thread's tasks with it (they are not committed, so nothing is lost).
     */
    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse replaceThreadAfterBackoff(Throwable error) {
        Duration wait = threadBackoff.next();
        if (Retriable.is(error)) {
            LOG.warn("A stream thread stopped because a dependency could not answer; replacing it in {} ms: {}",
                    wait.toMillis(), rootMessage(error));
        } else {
            LOG.error("A stream thread failed; replacing it in {} ms", wait.toMillis(), error);
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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

    /** Also tells {@code listener} of every state change, on the thread that made it: keep it short. */
    public void onStateChange(KafkaStreams.StateListener listener) {
        stateListeners.add(listener);
    }

    /** How far restoring the state stores has come; devstack shows it as a progress bar. */
    public RestoreProgress.Figures restoreProgress() {
        return restoreProgress.figures();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Ready while RUNNING, and while REBALANCING once it has been RUNNING: a rebalance keeps the stores that stay
     * with this instance queryable and processing resumes on its own. Not ready while it first starts and restores.
     */
    public Health health() {
        KafkaStreams.State state = streams.state();
        boolean ready = state == KafkaStreams.State.RUNNING
                || state == KafkaStreams.State.REBALANCING && running.getCount() == 0;
        return new Health(ready, Map.of("kafkaStreams", (ready ? "UP: " : "DOWN: ") + state));
    }

    /**
     * Alive unless Kafka Streams has stopped for good (ERROR, or NOT_RUNNING without being closed): then only a
     * restart of the process brings it back.
     */
    public Health liveness() {
        KafkaStreams.State state = streams.state();
        boolean alive = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING;
        return new Health(alive, Map.of("kafkaStreams", (alive ? "UP: " : "DOWN: ") + state));
    }

    /**
     * Stops the streams within 30 seconds. Leaves the consumer group, so that the group rebalances at once (the
     * other instances take the partitions over, or this one gets them back as soon as it restarts) instead of
     * waiting out the session timeout, unless the instance is a static member ({@code group.instance.id}, i.e.
     * {@code KAFKA_GROUP_INSTANCE_ID}): a static member that restarts within the session timeout gets its tasks
     * back with no rebalance at all, which leaving would undo. The automatic id of {@link StaticMembership} is for
     * a process that did not stop cleanly; a clean stop leaves.
     */
    private static CloseOptions.GroupMembershipOperation onClose(Properties properties) {
        boolean staticMember = properties.stringPropertyNames().stream()
                .filter(name -> !name.equals(StaticMembership.AUTOMATIC_INSTANCE_ID_CONFIG))
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

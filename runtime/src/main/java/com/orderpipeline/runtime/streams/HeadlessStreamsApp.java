package com.orderpipeline.runtime.streams;

import com.orderpipeline.runtime.http.Health;
import com.orderpipeline.runtime.http.ServiceHttp;
import com.orderpipeline.runtime.lifecycle.Lifecycle;
import com.orderpipeline.runtime.metrics.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream app that serves nothing but health and metrics (fulfillment-stream, returns-stream, notifier): its
 * metrics, Kafka Streams, a {@link Worker} beside them if it has one, and the HTTP server, started and stopped in
 * order. The app itself prepares its topics, schemas and topology, then hands them to {@link #run}.
 */
public abstract class HeadlessStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessStreamsApp.class);
    /** The service takes no request bodies; its only routes are health and metrics. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    /** What an app runs beside Kafka Streams on threads of its own (the notifier's sender), in its health. */
    public interface Worker extends AutoCloseable {
        Health liveness();

        Health readiness();

        @Override
        void close();
    }

    private final String name;
    private ServiceMetrics metrics;
    private StreamsRunner streams;
    private Worker worker;
    private ServiceHttp http;
    private volatile boolean closing;

    /** Creates the service's metrics; nothing runs until {@link #run}. */
    protected HeadlessStreamsApp(String name) {
        this.name = name;
        this.metrics = new ServiceMetrics(name);
    }

    /** Where the app's own counters register, beside those of Kafka Streams. */
    protected MeterRegistry registry() {
        return metrics.registry();
    }

    /**
     * Starts Kafka Streams on the topology without waiting for it to reach RUNNING, then health and metrics on
     * {@code host:port} ({@code /health/ready} tells when it has).
     */
    protected void run(Topology topology, Properties properties, String host, int port) {
        run(topology, properties, host, port, null);
    }

    /**
     * Also starts {@code worker} (null for none) after Kafka Streams; it is ready and alive only while the worker
     * is too, and is closed after the streams.
     */
    protected void run(Topology topology, Properties properties, String host, int port, Worker worker) {
        streams = StreamsRunner.start(topology, properties, metrics);
        this.worker = worker;
        http = ServiceHttp.start(host, port, MAX_BODY_BYTES, metrics, this::liveness, this::health, routes -> { });
        LOG.info("{} serving health and metrics on port {}", name, http.port());
    }

    private Health health() {
        if (closing) {
            return Health.down(Map.of("service", "DOWN: shutting down"));
        }
        return withWorker(streams.health(), Worker::readiness);
    }

    private Health liveness() {
        if (closing) {
            return new Health(true, Map.of("service", "UP: shutting down"));
        }
        return withWorker(streams.liveness(), Worker::liveness);
    }

    private Health withWorker(Health own, Function<Worker, Health> ask) {
        Worker current = worker;
        if (current == null) {
            return own;
        }
        Health its = ask.apply(current);
        Map<String, String> components = new TreeMap<>(own.components());
        components.putAll(its.components());
        return new Health(own.up() && its.up(), components);
    }

    /** Waits, at most {@code timeout}, for Kafka Streams to reach RUNNING; false if it did not. */
    public boolean awaitRunning(Duration timeout) {
        return streams.awaitRunning(timeout);
    }

    public int httpPort() {
        return http.port();
    }

    /** How far restoring the state stores has come, for devstack's progress bar. */
    public RestoreProgress.Figures restoreProgress() {
        StreamsRunner current = streams;
        return current == null ? new RestoreProgress.Figures(0, 0) : current.restoreProgress();
    }

    /**
     * Stops Kafka Streams (committing what it processed), then the worker, then the HTTP server; safe to call more
     * than once.
     */
    @Override
    public final synchronized void close() {
        closing = true;
        streams = Lifecycle.closeQuietly(streams);
        worker = Lifecycle.closeQuietly(worker);
        http = Lifecycle.closeQuietly(http);
        metrics = Lifecycle.closeQuietly(metrics);
        LOG.info("{} stopped", name);
    }
}

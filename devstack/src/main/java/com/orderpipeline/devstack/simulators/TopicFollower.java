package com.orderpipeline.devstack.simulators;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic for a simulator the way a real system follows it: reads every committed record, hands each
 * to a handler that answers it at once or later, and commits, per partition, only up to the oldest record not
 * answered yet, so that a restart takes up again every record still in flight. What it answers must therefore
 * carry ids derived from the record, so that an answer sent again after a restart is known as a re-delivery. A
 * record that cannot be read is skipped with a warning.
 */
final class TopicFollower<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /**
     * Answers are sent on a few threads, each waiting for Kafka to take its record: one record's answers follow
     * each other anyway (the next step comes only once the last one was read back), and a fast pace (the bench's)
     * is not held to one acknowledgement at a time.
     */
    private static final int ANSWER_THREADS = 8;

    /** Takes one record on. */
    @FunctionalInterface
    interface Handler<V> {
        void handle(V value, Reply reply);
    }

    /** How a handler answers one record: {@link #done() now}, or {@link #after later}; exactly once either way. */
    interface Reply {
        /** The record needs nothing (more). */
        void done();

        /** Runs {@code send} after {@code delay}, again every two seconds while it fails, and then is done. */
        void after(Duration delay, String what, Runnable send);
    }

    private final String topic;
    private final Handler<V> handler;
    private final KafkaConsumer<String, V> consumer;
    private final ScheduledExecutorService scheduler;
    private final Map<TopicPartition, ConcurrentSkipListSet<Long>> pending = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> consumed = new HashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    /** @param name the consumer group, and the name of its threads */
    TopicFollower(Map<String, Object> kafka, String name, String topic, Deserializer<V> values, Handler<V> handler) {
        this.topic = topic;
        this.handler = handler;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, name);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        this.scheduler = Executors.newScheduledThreadPool(ANSWER_THREADS, daemon(name + "-answers"));
        this.poller = daemon(name).newThread(this::pollLoop);
        poller.start();
    }

    private void pollLoop() {
        consumer.subscribe(List.of(topic));
        long lastCommit = System.nanoTime();
        while (running) {
            try {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    consumed.put(partition, record.offset());
                    ConcurrentSkipListSet<Long> waiting = pending.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>());
                    waiting.add(record.offset());
                    handler.handle(record.value(), new PendingReply(waiting, record.offset()));
                }
                if (System.nanoTime() - lastCommit > TimeUnit.SECONDS.toNanos(1)) {
                    commitAnswered();
                    lastCommit = System.nanoTime();
                }
            } catch (RecordDeserializationException e) {
                LOG.warn("Skipping a record that cannot be read at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("Could not read {}: {}", topic, e.toString());
            }
        }
        try {
            commitAnswered();
        } catch (RuntimeException e) {
            LOG.debug("Last commit on {} failed: {}", topic, e.toString());
        }
        consumer.close(Duration.ofSeconds(5));
    }

    /** Commits, per partition, up to the oldest record still to be answered. */
    private void commitAnswered() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        consumed.forEach((partition, last) -> {
            ConcurrentSkipListSet<Long> waiting = pending.get(partition);
            long next = waiting == null || waiting.isEmpty() ? last + 1 : waiting.first();
            offsets.put(partition, new OffsetAndMetadata(next));
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private final class PendingReply implements Reply {
        private final ConcurrentSkipListSet<Long> waiting;
        private final long offset;

        PendingReply(ConcurrentSkipListSet<Long> waiting, long offset) {
            this.waiting = waiting;
            this.offset = offset;
        }

        @Override
        public void done() {
            waiting.remove(offset);
        }

        @Override
        public void after(Duration delay, String what, Runnable send) {
            scheduler.schedule(() -> {
                try {
                    send.run();
                    done();
                } catch (RuntimeException e) {
                    LOG.warn("Could not send {}; retrying in {} s: {}", what, RETRY.toSeconds(), e.getMessage());
                    after(RETRY, what, send);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        scheduler.shutdownNow();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

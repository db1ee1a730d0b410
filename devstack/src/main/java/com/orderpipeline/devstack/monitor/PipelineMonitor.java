package com.orderpipeline.devstack.monitor;

import com.orderpipeline.schemas.avro.FulfillmentEvent;
import com.orderpipeline.schemas.avro.FulfillmentStatus;
import com.orderpipeline.schemas.avro.ReturnEvent;
import com.orderpipeline.schemas.avro.ReturnStatus;
import com.orderpipeline.schemas.lifecycle.FulfillmentSteps;
import com.orderpipeline.schemas.registry.SchemaRegistryClient;
import com.orderpipeline.schemas.serde.AvroDeserializer;
import com.orderpipeline.schemas.topics.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the pipeline did, from its topics, for devstack's status line: orders placed, each order's
 * latest fulfillment status, rejections, returns authorized, refunds issued and dead letters. It reads every topic from the start, so the figures
 * after a restart cover the whole data directory.
 */
public final class PipelineMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineMonitor.class);

    /** What the status line shows. */
    public record Snapshot(long placed, Map<FulfillmentStatus, Long> byStatus, long rejected, long returns, long refunds,
                           long deadLetters) {
    }

    private final TopicNames topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroDeserializer<FulfillmentEvent> events;
    private final AvroDeserializer<ReturnEvent> returnEvents;
    private final Map<String, FulfillmentStatus> statusByOrder = new ConcurrentHashMap<>();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong returns = new AtomicLong();
    private final AtomicLong refunds = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Thread poller;
    private volatile boolean running = true;

    public PipelineMonitor(Map<String, Object> kafka, SchemaRegistryClient registry, TopicNames topics) {
        this.topics = topics;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "devstack-monitor");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.events = new AvroDeserializer<>(FulfillmentEvent.class, registry);
        this.returnEvents = new AvroDeserializer<>(ReturnEvent.class, registry);
        this.poller = new Thread(this::pollLoop, "devstack-monitor");
        poller.setDaemon(true);
        poller.start();
    }

    public Snapshot snapshot() {
        Map<FulfillmentStatus, Long> byStatus = new EnumMap<>(FulfillmentStatus.class);
        for (FulfillmentStatus status : FulfillmentSteps.KNOWN) {
            byStatus.put(status, 0L);
        }
        statusByOrder.values().forEach(status -> byStatus.merge(status, 1L, Long::sum));
        return new Snapshot(placed.get(), byStatus, rejected.get(), returns.get(), refunds.get(), deadLetters.get());
    }

    private void pollLoop() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    count(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("The devstack monitor stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Topics may be created by the services as they start, so the monitor waits until all of them exist. */
    private void assignAll() {
        List<String> names = List.of(topics.ordersPlaced(), topics.ordersFulfillment(), topics.fulfillmentRejected(),
                topics.ordersReturns(), topics.paymentsRefunds(), topics.deadLetter());
        while (running) {
            Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(5));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String name : names) {
                known.getOrDefault(name, List.of()).forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
            }
            if (names.stream().allMatch(known::containsKey)) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                return;
            }
            consumer.poll(Duration.ofSeconds(1));
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.ordersPlaced())) {
            placed.incrementAndGet();
        } else if (topic.equals(topics.fulfillmentRejected())) {
            rejected.incrementAndGet();
        } else if (topic.equals(topics.deadLetter())) {
            deadLetters.incrementAndGet();
        } else if (topic.equals(topics.paymentsRefunds())) {
            refunds.incrementAndGet();
        } else {
            try {
                countEvent(topic, record.value());
            } catch (RuntimeException e) {
                LOG.debug("Monitor skipped an unreadable event: {}", e.toString());
            }
        }
    }

    private void countEvent(String topic, byte[] value) {
        if (topic.equals(topics.ordersReturns())) {
            if (returnEvents.deserialize(topic, value).getStatus() == ReturnStatus.AUTHORIZED) {
                returns.incrementAndGet();
            }
            return;
        }
        FulfillmentEvent event = events.deserialize(topic, value);
        statusByOrder.merge(event.getOrderId(), event.getStatus(),
                (before, now) -> now == FulfillmentStatus.CANCELLED || FulfillmentSteps.hasReached(now, before) ? now : before);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
